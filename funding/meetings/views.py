"""Pages of the funder meetings: funders, wishes, the grid, the schedule, one's own meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.organisations.models import MembershipRole, Organisation
from funding.meetings import calendar, documents, selectors, services
from funding.meetings.forms import FunderForm, GridForm, MoveForm
from funding.meetings.permissions import (
    can_act_for_funder,
    can_manage_meetings,
    can_record_meeting_outcome,
    can_wish_for,
)
from funding.models import (
    SUBMITTED_STATES,
    Application,
    Funder,
    Meeting,
    MeetingGrid,
    MeetingOutcome,
)
from proposals.permissions import user_organisation_ids
from tracks.views import visible_congress_or_404


@login_required
def funder_register(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    organisations = Organisation.objects.filter(
        memberships__user=request.user, memberships__role=MembershipRole.MANAGER
    )
    form = FunderForm(request.POST or None, organisations=organisations)
    if response := submit_form(
        request,
        form,
        lambda data: services.funder_register(congress=congress, by=request.user, **data),
        success=_("Votre structure est inscrite comme financeur."),
        then=lambda _funder: redirect("funding_my_meetings", congress_slug),
    ):
        return response
    return render(
        request, "funding/meetings/funder_form.html", {"congress": congress, "form": form}
    )


def _wishes_page(request, congress, *, field, choices, save, template, context):
    """The two sides' wish pages: tick the ones to meet among ``choices``, saved by ``save``."""
    if request.method == "POST":
        wanted = set(request.POST.getlist(field))
        save([c for c in choices if str(c.pk) in wanted])
        return redirect("funding_my_meetings", congress.slug)
    return render(request, template, {"congress": congress, **context})


@login_required
def holder_wishes(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    application = get_object_or_404(
        Application.objects.select_related("call", "organisation"), call__congress=congress, pk=pk
    )
    if not can_wish_for(request.user, application):
        raise Http404
    funders = list(selectors.funders_of(congress))

    def save(chosen):
        services.holder_wishes_set(application=application, funders=chosen, by=request.user)
        messages.success(request, _("Vos choix de financeurs sont enregistrés."))

    return _wishes_page(
        request, congress, field="funder", choices=funders, save=save,
        template="funding/meetings/holder_wishes.html",
        context={"application": application, "funders": funders,
                 "chosen": selectors.holder_wished_funder_ids(application)},
    )  # fmt: skip


@login_required
def funder_wishes(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    funder = get_object_or_404(
        Funder.objects.select_related("organisation"), congress=congress, pk=pk
    )
    if not can_act_for_funder(request.user, funder):
        raise Http404
    applications = list(selectors.applications_for_funder(funder))

    def save(chosen):
        services.funder_wishes_set(funder=funder, applications=chosen, by=request.user)
        messages.success(request, _("Les projets à rencontrer sont enregistrés."))

    return _wishes_page(
        request, congress, field="application", choices=applications, save=save,
        template="funding/meetings/funder_wishes.html",
        context={"funder": funder, "applications": applications,
                 "chosen": selectors.funder_wished_application_ids(funder)},
    )  # fmt: skip


def _organiser_congress(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if not can_manage_meetings(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def meeting_grid(request, congress_slug):
    congress = _organiser_congress(request, congress_slug)
    grid = MeetingGrid.objects.filter(congress=congress).first()
    form = GridForm(request.POST or None, instance=grid)
    if response := submit_form(
        request,
        form,
        lambda data: services.grid_save(congress=congress, by=request.user, **data),
        success=_("Grille enregistrée."),
        then=lambda _grid: redirect("funding_meeting_board", congress_slug),
    ):
        return response
    return render(request, "funding/meetings/grid_form.html", {"congress": congress, "form": form})


@login_required
@require_POST
def schedule_build(request, congress_slug):
    congress = _organiser_congress(request, congress_slug)
    try:
        placed, unmet = services.schedule_build(congress=congress, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        summary = ngettext(
            "Planning généré : %(placed)s rendez-vous.",
            "Planning généré : %(placed)s rendez-vous.",
            placed,
        ) % {"placed": placed}
        unmet_text = ngettext(
            "%(unmet)s souhait non satisfait.", "%(unmet)s souhaits non satisfaits.", unmet
        ) % {"unmet": unmet}
        messages.success(request, f"{summary} {unmet_text}")
    return redirect("funding_meeting_board", congress_slug)


@login_required
def meeting_board(request, congress_slug):
    congress = _organiser_congress(request, congress_slug)
    grid = MeetingGrid.objects.filter(congress=congress).first()
    rows, slots = [], []
    if grid is not None:
        slots = selectors.slots_of(grid)
        rows = selectors.timed(selectors.schedule_of(grid), grid)
    return render(
        request,
        "funding/meetings/board.html",
        {"congress": congress, "grid": grid, "rows": rows,
         "figures": selectors.outcome_figures(grid) if grid else [],
         "move_form": MoveForm(slots=slots) if grid else None},
    )  # fmt: skip


@login_required
@require_POST
def meeting_move(request, congress_slug, pk):
    congress = _organiser_congress(request, congress_slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("grid", "application"), grid__congress=congress, pk=pk
    )
    form = MoveForm(request.POST, slots=selectors.slots_of(meeting.grid))
    if not form.is_valid():
        messages.error(request, _("Choisissez un créneau de la grille."))
        return redirect("funding_meeting_board", congress_slug)
    try:
        services.meeting_move(meeting=meeting, slot=form.cleaned_data["slot"], by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Rendez-vous déplacé."))
    return redirect("funding_meeting_board", congress_slug)


def _my_rows(request, congress):
    grid = MeetingGrid.objects.filter(congress=congress).first()
    if grid is None:
        return None, []
    ids = user_organisation_ids(request.user)
    return grid, selectors.timed(selectors.meetings_of_organisations(grid, ids), grid)


@login_required
def my_meetings(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    grid, rows = _my_rows(request, congress)
    ids = user_organisation_ids(request.user)
    now = timezone.now()
    rows = [
        (m, start, end, "funder" if m.funder.organisation_id in ids else "holder",
         start is not None and start <= now)
        for m, start, end in rows
    ]  # fmt: skip
    return render(
        request,
        "funding/meetings/my_meetings.html",
        {"congress": congress, "grid": grid, "rows": rows, "outcomes": MeetingOutcome.choices,
         "funders": Funder.objects.filter(congress=congress, organisation_id__in=ids)
         .select_related("organisation"),
         "applications": Application.objects.filter(
             call__congress=congress, organisation_id__in=ids, state__in=SUBMITTED_STATES
         ).select_related("organisation")},
    )  # fmt: skip


@login_required
@require_POST
def meeting_outcome(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("grid", "funder__organisation", "application__organisation"),
        grid__congress=congress,
        pk=pk,
    )
    if not can_record_meeting_outcome(request.user, meeting):
        raise Http404
    try:
        services.meeting_outcome_record(
            meeting=meeting, by=request.user, outcome=request.POST.get("outcome", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Suite du rendez-vous enregistrée."))
    return redirect("funding_my_meetings", congress_slug)


def meeting_screen(request, congress_slug):
    """The room's big screen: the round under way and the time left (a script counts down)."""
    congress = visible_congress_or_404(request, congress_slug)
    grid = MeetingGrid.objects.filter(congress=congress).first()
    if grid is None:
        raise Http404
    return render(
        request,
        "funding/meetings/screen.html",
        {"congress": congress, "grid": grid,
         "state": selectors.current_round(grid, timezone.now())},
    )  # fmt: skip


@login_required
def my_meetings_pdf(request, congress_slug):
    """One's own schedule to print: rounds, times, tables, the other party."""
    congress = visible_congress_or_404(request, congress_slug)
    grid, rows = _my_rows(request, congress)
    lines = (
        documents.schedule_lines(grid, rows, user_organisation_ids(request.user)) if grid else []
    )
    pdf = documents.schedule_pdf(congress, grid, lines, request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="rendez-vous-financeurs.pdf"'
    return response


@login_required
def my_meetings_ics(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _grid, rows = _my_rows(request, congress)
    response = HttpResponse(calendar.meetings_ics(congress, rows), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="rendez-vous.ics"'
    return response
