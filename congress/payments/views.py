"""The organisers' billing settings page of an edition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from congress.editions.models import Congress
from congress.payments import services
from congress.payments.forms import BillingSettingsForm
from congress.payments.permissions import can_manage_billing


@login_required
def billing_settings(request, slug):
    congress = get_object_or_404(Congress, slug=slug)
    if not can_manage_billing(request.user, congress):
        raise PermissionDenied
    printed_mention = congress.vat_mention  # before the form binds its input to the edition
    form = BillingSettingsForm(request.POST or None, instance=congress)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.BILLING_FIELDS}
        services.billing_settings_update(congress=congress, by=request.user, **fields)
        messages.success(request, _("Réglages de facturation enregistrés."))
        return redirect("billing_settings", slug=slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "congress/payments/billing_settings.html",
        {"congress": congress, "form": form, "printed_mention": printed_mention},
        status=status,
    )
