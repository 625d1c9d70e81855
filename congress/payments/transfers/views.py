"""The organisers' reconciliation page: upload a statement, confirm the proposed matches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.editions.models import Congress
from congress.payments.transfers import selectors, services
from congress.payments.transfers.forms import StatementUploadForm, TransferConfirmForm
from congress.payments.transfers.permissions import can_reconcile_transfers


def _congress_for(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if not can_reconcile_transfers(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def transfer_reconciliation(request, slug):
    congress = _congress_for(request, slug)
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    matches = None
    if request.method == "POST" and form.is_valid():
        matches = selectors.transfer_matches(congress, form.cleaned_data["lines"])
    return render(
        request,
        "congress/payments/transfer_reconciliation.html",
        {
            "congress": congress,
            "form": form,
            "matches": matches,
            "proposed": [m for m in matches or () if m.status == selectors.MatchStatus.PROPOSED],
        },
        status=400 if request.method == "POST" and matches is None else 200,
    )


@login_required
@require_POST
def transfer_reconciliation_confirm(request, slug):
    congress = _congress_for(request, slug)
    form = TransferConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.non_field_errors()[0])
        return redirect("transfer_reconciliation", slug=slug)
    try:
        result = services.transfers_confirm(
            congress=congress, by=request.user, transfers=form.cleaned_data["transfers"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("transfer_reconciliation", slug=slug)
    if result.paid:
        count = len(result.paid)
        messages.success(
            request,
            ngettext(
                "%(count)d commande marquée payée : %(refs)s.",
                "%(count)d commandes marquées payées : %(refs)s.",
                count,
            )
            % {"count": count, "refs": ", ".join(o.reference for o in result.paid)},
        )
    if result.already_paid:
        messages.info(
            request,
            _("Déjà payées, rien de changé : %(refs)s.")
            % {"refs": ", ".join(o.reference for o in result.already_paid)},
        )
    return redirect("transfer_reconciliation", slug=slug)
