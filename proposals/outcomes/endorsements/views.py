"""Public pages of validated policy proposals, where participants endorse them (and withdraw
their support); the organisers' page of the endorsement period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core import keptpages
from congress.core.forms import submit_form
from congress.editions.permissions import is_organiser
from proposals.outcomes.endorsements import cached, selectors, services
from proposals.outcomes.endorsements.forms import EndorsementPeriodForm
from proposals.outcomes.endorsements.models import EndorsementPeriod
from proposals.outcomes.endorsements.permissions import can_endorse, endorsement_period_open
from proposals.outcomes.recording.forms import BoardFilterForm
from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus
from proposals.outcomes.recording.permissions import can_view_policy_proposal
from proposals.outcomes.recording.views import (
    PAGE_SIZE,
    organiser_or_403,
    paginate,
    querystring,
)
from tracks.models import Track
from tracks.views import visible_congress_or_404


def policy_or_404(congress, pk) -> PolicyProposal:
    try:
        return selectors.policy_detail(congress, pk)
    except PolicyProposal.DoesNotExist:
        raise Http404 from None


@login_required
def endorsement_period(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    period = EndorsementPeriod.objects.filter(congress=congress).first()
    initial = {}
    if period:
        initial = {
            "starts_at": timezone.localtime(period.starts_at),
            "ends_at": timezone.localtime(period.ends_at),
        }
    form = EndorsementPeriodForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if response := submit_form(
            request,
            form,
            lambda data: services.endorsement_period_save(
                congress=congress, by=request.user, **data
            ),
            success=_("La période de soutien est enregistrée."),
            then=lambda _period: redirect("endorsement_period", congress.slug),
        ):
            return response
        status = 400
    return render(
        request,
        "proposals/outcomes/staff/endorsement_period.html",
        {"congress": congress, "form": form, "period": period},
        status=status,
    )


def public_policy_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    cached_body = cached.public_list_body(congress, request.GET, PAGE_SIZE)
    if cached_body is not None:
        body, cache_key = cached_body
        endorsed = selectors.endorsed_ids(request.user, congress)
        return keptpages.conditional_page(
            request,
            cache_key,
            lambda: render(
                request,
                "proposals/outcomes/public_list.html",
                {"congress": congress, "body": cached.personalise(body, endorsed)},
            ),
            scope=congress.pk,
        )
    filters = BoardFilterForm(request.GET or None, congress=congress, public=True)
    involves = [s for s in request.GET.getlist("involves") if s][:2]
    proposals = selectors.public_policy_list(congress, involves=involves, **filters.filters())
    return render(
        request,
        "proposals/outcomes/public_list.html",
        {
            "congress": congress,
            "filters": filters,
            "involves": involves,
            "involved_tracks": Track.objects.filter(congress=congress, slug__in=involves)
            if involves
            else [],
            "page": paginate(request, proposals),
            "querystring": querystring(request),
            "endorsed": selectors.endorsed_ids(request.user, congress),
        },
    )


def public_policy_detail(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = policy_or_404(congress, pk)
    if not can_view_policy_proposal(request.user, proposal):
        raise Http404
    period_open = endorsement_period_open(congress)
    return render(
        request,
        "proposals/outcomes/public_detail.html",
        {
            "congress": congress,
            "proposal": proposal,
            "endorsed": proposal.pk in selectors.endorsed_ids(request.user, congress),
            "can_endorse": can_endorse(request.user, proposal, period_open=period_open),
            "period_open": period_open,
            "is_organiser": is_organiser(request.user, congress),
        },
    )


@login_required
@require_POST
def endorse(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    try:
        services.endorsement_create(proposal=proposal, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Merci : votre soutien est enregistré."))
    return redirect("public_policy_detail", congress.slug, pk)


@login_required
@require_POST
def endorsement_withdraw(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(
        PolicyProposal, congress=congress, pk=pk, status=PolicyStatus.VALIDATED
    )
    try:
        services.endorsement_withdraw(proposal=proposal, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Votre soutien est retiré."))
    return redirect("public_policy_detail", congress.slug, pk)


def track_detail(request, congress_slug, slug):
    """A track: its question, its workshops, its moderators and, once the edition has ended,
    its published policy proposals (served here, as tracks cannot read proposals). Cached:
    `ended` (the time) is part of its key."""
    congress = visible_congress_or_404(request, congress_slug)
    ended = congress.has_ended
    try:
        name, body, cache_key = cached.track_page(congress, slug, ended=ended)
    except Track.DoesNotExist:
        raise Http404 from None

    def build():
        context = {"congress": congress, "track_name": name, "body": mark_safe(body)}  # noqa: S308
        return render(request, "tracks/track_detail.html", context)

    # ETag and 304 for anonymous visitors (the whole page is shared; `ended` is in the key);
    # served before the view until the edition ends, the one change time makes
    until = None if ended else congress.ended_at
    return keptpages.conditional_page(
        request, cache_key, build, scope=congress.pk, early=True, until=until
    )
