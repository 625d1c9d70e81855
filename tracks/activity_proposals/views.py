"""Partners' proposals of activities (issue 15; 404 when the edition has no partner
activities): the partner's own page (propose, follow, change while waiting) and the organisers'
list and decision."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from congress.core.forms import submit_form
from congress.editions.permissions import is_organiser
from tracks.activity_proposals import selectors, services
from tracks.activity_proposals.forms import (
    ActivityDecisionForm,
    ActivityProposalForm,
    StatusFilterForm,
)
from tracks.activity_proposals.models import ActivityProposal
from tracks.activity_proposals.permissions import (
    can_decide_activity_proposal,
    can_edit_activity_proposal,
    can_propose_activity,
    can_view_activity_proposal,
)
from tracks.views import visible_congress_or_404


@login_required
def partner_activity_proposals(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    partners = selectors.partners_managed(request.user, congress)
    open_to = [p for p in partners if can_propose_activity(request.user, p)]
    if not partners:
        raise PermissionDenied
    form = ActivityProposalForm(
        request.POST or None,
        congress=congress,
        partners=partners.filter(pk__in=[p.pk for p in open_to]),
    )
    if open_to and (
        response := submit_form(
            request,
            form,
            lambda data: services.activity_proposal_submit(by=request.user, **data),
            success=_("Votre proposition est envoyée aux organisateurs."),
            then=lambda _proposal: redirect("partner_activity_proposals", congress.slug),
        )
    ):
        return response
    return render(
        request,
        "tracks/activity_proposals/partner_list.html",
        {
            "congress": congress,
            "form": form,
            "open": bool(open_to),
            "proposals": selectors.proposals_of_partners(partners),
        },
        status=400 if form.errors else 200,
    )


def _proposal(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(
        ActivityProposal.objects.select_related("partner__congress", "venue", "session"),
        congress=congress,
        pk=pk,
    )
    if not can_view_activity_proposal(request.user, proposal):
        raise PermissionDenied
    return congress, proposal


@login_required
def partner_activity_proposal(request, congress_slug, pk):
    congress, proposal = _proposal(request, congress_slug, pk)
    editable = can_edit_activity_proposal(request.user, proposal)
    partners = selectors.partners_managed(request.user, congress)
    form = ActivityProposalForm(
        request.POST or None, instance=proposal, congress=congress, partners=partners
    )
    if request.method == "POST" and not editable:
        raise PermissionDenied
    if response := submit_form(
        request,
        form,
        lambda data: services.activity_proposal_update(proposal=proposal, by=request.user, **data),
        success=_("Votre proposition est modifiée."),
        then=lambda _proposal: redirect("partner_activity_proposals", congress.slug),
    ):
        return response
    return render(
        request,
        "tracks/activity_proposals/partner_detail.html",
        {"congress": congress, "proposal": proposal, "form": form, "editable": editable},
        status=400 if form.errors else 200,
    )


def _organiser_edition(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if not is_organiser(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def staff_activity_proposals(request, congress_slug):
    congress = _organiser_edition(request, congress_slug)
    filters = StatusFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    return render(
        request,
        "tracks/activity_proposals/staff_list.html",
        {
            "congress": congress,
            "filters": filters,
            "proposals": selectors.proposals_for_organisers(congress, status=status),
        },
    )


@login_required
def staff_activity_proposal(request, congress_slug, pk):
    congress = _organiser_edition(request, congress_slug)
    proposal = get_object_or_404(
        ActivityProposal.objects.select_related("partner", "venue", "session_type", "track"),
        congress=congress,
        pk=pk,
    )
    form = ActivityDecisionForm(request.POST if request.method == "POST" else None)
    if response := submit_form(
        request,
        form,
        lambda data: services.activity_proposal_decide(
            proposal=proposal,
            by=request.user,
            accept=data["decision"] == "accept",
            message=data["message"],
        ),
        success=lambda _proposal: (
            (
                _("« %(title)s » est acceptée : l'activité est au programme.")
                if form.cleaned_data["decision"] == "accept"
                else _("« %(title)s » est refusée.")
            )
            % {"title": proposal.title}
        ),
        then=lambda _proposal: redirect("staff_activity_proposals", congress.slug),
    ):
        return response
    return render(
        request,
        "tracks/activity_proposals/staff_detail.html",
        {
            "congress": congress,
            "proposal": proposal,
            "form": form,
            "can_decide": can_decide_activity_proposal(request.user, proposal),
        },
        status=400 if form.errors else 200,
    )
