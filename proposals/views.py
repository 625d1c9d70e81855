from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.core.params import parse_ids
from congress.editions.permissions import is_organiser
from proposals import cached, selectors, services
from proposals.forms import (
    CallForm,
    DecisionForm,
    ProposalForm,
    ReviewForm,
    ScheduleForm,
    SpeakerFormSet,
    speakers_from,
)
from proposals.models import CallForProposals, ProposalState, Review, WorkshopProposal
from proposals.permissions import (
    can_edit_proposal,
    can_review,
    can_view_proposal,
    is_author,
    sees_authors,
)
from tracks.selectors import unmet_needs
from tracks.views import visible_congress_or_404


def _call(congress):
    return (
        CallForProposals.objects.filter(congress=congress).prefetch_related("tracks__track").first()
    )


def _proposal_or_404(request, congress, pk):
    try:
        proposal = selectors.proposal_for_page(congress, pk)
    except WorkshopProposal.DoesNotExist:
        raise Http404 from None
    if not can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


def _organiser_or_403(request, congress):
    if not is_organiser(request.user, congress):
        raise PermissionDenied


# --- authors ----------------------------------------------------------------------------------


@login_required
def proposal_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    call = _call(congress)
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "congress": congress,
            "call": call,
            "call_open": call is not None and call.is_open(),
            "proposals": selectors.proposals_of_user(request.user, congress),
        },
    )


def _proposal_form_page(request, congress, *, proposal=None):
    call = _call(congress)
    if call is None or not call.is_open():
        messages.error(request, services.call_closed_error().messages[0])
        return redirect("proposal_list", congress.slug)
    creating = proposal is None
    initial_speakers = (
        [
            {"name": s.name, "function": s.function, "organisation_name": s.organisation_name,
             "email": s.email}
            for s in proposal.speakers.all()
        ]
        if proposal
        else []
    )  # fmt: skip
    form = ProposalForm(
        request.POST or None,
        instance=proposal,
        congress=congress,
        user=request.user,
        creating=creating,
    )
    speakers = SpeakerFormSet(request.POST or None, initial=initial_speakers, prefix="speakers")
    status = 200

    def save(data):
        if creating:
            return services.proposal_create(
                congress=congress,
                organisation=data["organisation"],
                by=request.user,
                speakers=speakers_from(speakers),
                **form.proposal_data(),
            )
        return services.proposal_update(
            proposal=proposal,
            by=request.user,
            version=data["version"] or 0,
            speakers=speakers_from(speakers),
            **form.proposal_data(),
        )

    if request.method == "POST":
        if (
            form.is_valid()
            and speakers.is_valid()
            and (
                response := submit_form(
                    request, form, save, success=_("La proposition est enregistrée."), then=redirect
                )
            )
        ):
            return response
        status = 400
    return render(
        request,
        "proposals/proposal_form.html",
        {
            "congress": congress,
            "call": call,
            "form": form,
            "speakers": speakers,
            "proposal": proposal,
            "creating": creating,
        },
        status=status,
    )


@login_required
def proposal_create(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    return _proposal_form_page(request, congress)


@login_required
def proposal_edit(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = _proposal_or_404(request, congress, pk)
    if not can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    return _proposal_form_page(request, congress, proposal=proposal)


@login_required
def proposal_detail(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = _proposal_or_404(request, congress, pk)
    call = _call(congress)
    context = {
        "congress": congress,
        "proposal": proposal,
        "call": call,
        "call_open": call is not None and call.is_open(),
        "is_author": is_author(request.user, proposal),
        "can_edit": can_edit_proposal(request.user, proposal),
        "can_review": can_review(request.user, proposal),
        "sees_authors": sees_authors(request.user, proposal, call),
        "is_organiser": is_organiser(request.user, congress),
    }
    if context["is_organiser"]:
        context["history"] = proposal.history.select_related("by")
        context["reviews"] = proposal.reviews.select_related("reviewer")
    return render(request, "proposals/proposal_detail.html", context)


def _state_action(request, congress_slug, pk, service, success):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = _proposal_or_404(request, congress, pk)
    try:
        service(proposal=proposal, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(proposal)


@login_required
@require_POST
def proposal_submit(request, congress_slug, pk):
    return _state_action(
        request,
        congress_slug,
        pk,
        services.proposal_submit,
        _("Votre proposition est soumise. Un accusé de réception a été envoyé."),
    )


@login_required
@require_POST
def proposal_withdraw(request, congress_slug, pk):
    return _state_action(
        request, congress_slug, pk, services.proposal_withdraw, _("La proposition est retirée.")
    )


# --- reviewers --------------------------------------------------------------------------------


@login_required
def review_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    call = _call(congress)
    return render(
        request,
        "proposals/review_list.html",
        {
            "congress": congress,
            "call": call,
            "proposals": selectors.proposals_to_review(request.user, congress),
        },
    )


@login_required
def review_edit(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = _proposal_or_404(request, congress, pk)
    if not can_review(request.user, proposal):
        raise PermissionDenied
    call = _call(congress)
    criteria = call.criteria.all()
    review = (
        Review.objects.filter(proposal=proposal, reviewer=request.user)
        .prefetch_related("scores")
        .first()
    )
    initial = {}
    if review:
        initial = {f"criterion_{s.criterion_id}": s.score for s in review.scores.all()}
        initial.update(
            comment_committee=review.comment_committee, comment_authors=review.comment_authors
        )
    form = ReviewForm(request.POST or None, initial=initial, criteria=criteria)
    if response := submit_form(
        request,
        form,
        lambda data: services.review_save(
            proposal=proposal,
            by=request.user,
            scores=form.scores(),
            comment_committee=data["comment_committee"],
            comment_authors=data["comment_authors"],
        ),
        success=_("Votre relecture est enregistrée."),
        then=lambda _review: redirect("review_list", congress.slug),
    ):
        return response
    return render(
        request,
        "proposals/review_form.html",
        {
            "congress": congress,
            "proposal": proposal,
            "form": form,
            "call": call,
            "review_open": call.review_is_open(),
            "sees_authors": sees_authors(request.user, proposal, call),
        },
    )


# --- organisers -------------------------------------------------------------------------------


@login_required
def call_settings(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    call = CallForProposals.objects.filter(congress=congress).first()
    form = CallForm(request.POST or None, instance=call)
    if response := submit_form(
        request,
        form,
        lambda data: services.call_save(congress=congress, by=request.user, **data),
        success=_("Les réglages de l'appel sont enregistrés."),
        then=lambda _call: redirect("call_settings", congress.slug),
    ):
        return response
    return render(
        request,
        "proposals/staff/call_settings.html",
        {"congress": congress, "form": form, "call": call},
    )


@login_required
def ranking(request, congress_slug):
    """Bulk decisions: choose, see what will happen (and who is mailed), then confirm."""
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    form = DecisionForm(request.POST or None, congress=congress)
    if request.method == "POST" and "back" not in request.POST and form.is_valid():
        data = form.cleaned_data
        if "confirm" not in request.POST:
            preview = selectors.decision_preview(data["proposal"], data["decision"])
            context = {"congress": congress, "form": form, "preview": preview}
            return render(request, "proposals/staff/ranking_confirm.html", context)
        if response := submit_form(
            request, form,
            lambda data: services.proposals_decide(
                congress=congress, proposal_ids=[p.pk for p in data["proposal"]],
                decision=data["decision"], by=request.user, note=data["note"],
            ),
            success=lambda decided: ngettext(
                "Décision enregistrée pour %(n)d proposition.",
                "Décision enregistrée pour %(n)d propositions.",
                len(decided),
            ) % {"n": len(decided)},
            then=lambda _decided: redirect("ranking", congress.slug),
        ):  # fmt: skip
            return response
    selected = set(parse_ids(request.POST.getlist("proposal")))
    # rendered by our template, escaped there (proposals/cached.py)
    tables = mark_safe(cached.ranking_tables(congress, selected))  # noqa: S308
    context = {"congress": congress, "tables": tables, "form": form}
    return render(request, "proposals/staff/ranking.html", context)


@login_required
def schedule_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    return render(
        request,
        "proposals/staff/schedule_list.html",
        {"congress": congress, "proposals": selectors.accepted_to_schedule(congress)},
    )


@login_required
def proposal_schedule(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    proposal = get_object_or_404(
        WorkshopProposal.objects.select_related("session__room", "track").prefetch_related(
            Prefetch("session__moderators")
        ),
        pk=pk,
        congress=congress,
        state=ProposalState.ACCEPTED,
    )
    initial = {"capacity": None}
    if proposal.session:
        start = timezone.localtime(proposal.session.starts_at)
        initial = {
            "room": proposal.session.room_id,
            "day": start.date().isoformat(),
            "start": start.time(),
            "end": timezone.localtime(proposal.session.ends_at).time(),
            "capacity": proposal.session.capacity,
            "moderators": [m.pk for m in proposal.session.moderators.all()],
        }
    form = ScheduleForm(request.POST or None, initial=initial, congress=congress)
    status = 200

    def warn_and_list(session):
        for warning in unmet_needs(session):  # people signed up before a move
            messages.warning(request, warning)
        return redirect("schedule_list", congress.slug)

    if request.method == "POST":
        if response := submit_form(
            request,
            form,
            lambda _data: services.proposal_schedule(
                proposal=proposal, by=request.user, **form.slot()
            ),
            success=lambda session: _("« %(title)s » est au programme.") % {"title": session.title},
            then=warn_and_list,
        ):
            return response
        status = 400
    return render(
        request,
        "proposals/staff/schedule_form.html",
        {"congress": congress, "proposal": proposal, "form": form},
        status=status,
    )
