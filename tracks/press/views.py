"""Press accreditation (issue 15): the journalist's request form and its page (signed link),
the organisers' list, decisions and spreadsheet."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core import throttling
from congress.core.forms import add_service_errors
from congress.core.spreadsheets import neutralise_row
from congress.editions.models import Congress
from tracks.press import selectors, services
from tracks.press.forms import PressDecisionForm, PressRequestForm
from tracks.press.models import PressAccreditation
from tracks.press.permissions import can_manage_press, press_requests_open
from tracks.views import visible_congress_or_404


def press_request(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    user = request.user
    initial = {"full_name": user.full_name, "email": user.email} if user.is_authenticated else {}
    form = PressRequestForm(request.POST or None, initial=initial)
    open_ = press_requests_open(congress)
    status = 200
    if request.method == "POST" and open_ and form.is_valid():
        email, client = form.cleaned_data["email"], throttling.client_address(request)
        if services.press_request_blocked(email, client):
            form.add_error(
                None,
                _("Trop de demandes d'accréditation depuis cette adresse. Réessayez dans une "
                  "heure, ou écrivez au contact presse de l'édition."),
            )  # fmt: skip
            status = 429
        else:
            services.press_request_attempted(email, client)
            try:
                accreditation = services.press_request_submit(
                    congress=congress, by=user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                token = services.request_token(accreditation)
                return redirect("press_request_detail", congress.slug, token)
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "tracks/press/press_request.html",
        {"congress": congress, "form": form, "open": open_},
        status=status,
    )


def press_request_detail(request, congress_slug, token):
    congress = visible_congress_or_404(request, congress_slug)
    accreditation = services.request_from_token(congress, token)
    if accreditation is None:
        raise Http404
    context = {"congress": congress, "accreditation": accreditation}
    return render(request, "tracks/press/press_request_detail.html", context)


def _managed_congress(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if not can_manage_press(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def staff_press(request, congress_slug):
    congress = _managed_congress(request, congress_slug)
    context = {
        "congress": congress,
        "requests": selectors.press_requests(congress),
        "decision_form": PressDecisionForm(),
    }
    return render(request, "tracks/press/staff_press.html", context)


@login_required
@require_POST
def staff_press_decide(request, congress_slug, pk):
    congress = _managed_congress(request, congress_slug)
    accreditation = get_object_or_404(PressAccreditation, pk=pk, congress=congress)
    form = PressDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez d'accepter ou de refuser la demande."))
        return redirect("staff_press", congress.slug)
    try:
        accreditation = services.press_request_decide(
            accreditation=accreditation, status=form.cleaned_data["status"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("staff_press", congress.slug)
    messages.success(
        request,
        _("Demande de %(name)s : %(status)s.")
        % {"name": accreditation.full_name, "status": accreditation.get_status_display().lower()},
    )
    return redirect("staff_press", congress.slug)


@login_required
def staff_press_export(request, congress_slug):
    """The requests as CSV; a name such as « =HYPERLINK(…) » arrives as text."""
    congress = _managed_congress(request, congress_slug)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Nom et prénom"),
            _("Média"),
            _("Carte de presse"),
            _("E-mail"),
            _("Téléphone"),
            _("État"),
        ]
    )
    for row in selectors.press_export_rows(congress):
        writer.writerow(neutralise_row(row))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="presse-{congress.slug}.csv"'
    return response
