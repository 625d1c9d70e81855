"""« Prévenez-moi quand le programme paraît »: leave an address, confirm it, erase it (issue 15)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress.core import throttling
from congress.core.forms import add_service_errors
from congress.editions import alerts, services
from congress.editions.models import VISIBLE_STATUSES, Congress


class ProgrammeAlertForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Adresse e-mail"),
        help_text=gettext_lazy(
            "Un message vous demandera de confirmer ; l'adresse est effacée après l'envoi."
        ),
    )


def _edition(slug) -> Congress:
    return get_object_or_404(Congress, slug=slug, status__in=VISIBLE_STATUSES)


def programme_alert(request, slug):
    congress = _edition(slug)
    form = ProgrammeAlertForm(request.POST or None)
    status, asked = 200, False
    if request.method == "POST" and form.is_valid():
        email, client = form.cleaned_data["email"].lower(), throttling.client_address(request)
        if throttling.is_blocked(alerts.ALERT_PER_EMAIL, email) or throttling.is_blocked(
            alerts.ALERT_PER_CLIENT, client
        ):
            form.add_error(
                None, _("Trop de demandes pour cette adresse. Réessayez dans une heure.")
            )
            status = 429
        else:
            throttling.record_attempt(alerts.ALERT_PER_EMAIL, email)
            throttling.record_attempt(alerts.ALERT_PER_CLIENT, client)
            try:
                services.programme_alert_subscribe(congress=congress, email=email)
                asked = True
            except ValidationError as error:
                add_service_errors(form, error)
    if form.errors:
        status = status if status != 200 else 400
    return render(
        request,
        "congress/editions/programme_alert.html",
        {"congress": congress, "form": form, "asked": asked},
        status=status,
    )


def _alert_or_404(congress, token):
    alert = alerts.alert_from_token(congress, token)
    if alert is None:
        raise Http404
    return alert


def programme_alert_confirm(request, slug, token):
    """GET shows the buttons (a link scanner following the e-mail confirms nothing); POST
    confirms."""
    congress = _edition(slug)
    alert = _alert_or_404(congress, token)
    if request.method == "POST":
        alert = services.programme_alert_confirm(alert=alert)
    return render(
        request,
        "congress/editions/programme_alert_confirm.html",
        {"congress": congress, "alert": alert, "token": token},
    )


@require_POST
def programme_alert_erase(request, slug, token):
    congress = _edition(slug)
    services.programme_alert_erase(alert=_alert_or_404(congress, token))
    messages.success(request, _("Votre adresse est effacée : vous ne recevrez pas de message."))
    return redirect(congress.get_absolute_url())
