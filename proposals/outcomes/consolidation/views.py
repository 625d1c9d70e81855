"""Pages of the organisers' consolidation: the board of policy proposals, one proposal (edit,
validate, set aside, split, restore a version), merging duplicates, the transversality matrix."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.core.params import parse_ids
from proposals.outcomes.consolidation import selectors, services
from proposals.outcomes.consolidation.forms import (
    MergeForm,
    PolicyEditForm,
    SetAsideForm,
    SplitForm,
)
from proposals.outcomes.endorsements.views import policy_or_404
from proposals.outcomes.followup.forms import FollowUpForm
from proposals.outcomes.followup.permissions import can_record_followup
from proposals.outcomes.recording.forms import BoardFilterForm
from proposals.outcomes.recording.models import PolicyProposal, Revision
from proposals.outcomes.recording.selectors import revisions_of
from proposals.outcomes.recording.views import organiser_or_403, paginate, querystring
from tracks.views import visible_congress_or_404


@login_required
def policy_board(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    filters = BoardFilterForm(request.GET or None, congress=congress)
    proposals = selectors.policy_board(congress, **filters.filters())
    return render(
        request,
        "proposals/outcomes/staff/board.html",
        {
            "congress": congress,
            "filters": filters,
            "page": paginate(request, proposals),
            "querystring": querystring(request),
            "merge_form": MergeForm(),
        },
    )


def _edit_initial(proposal) -> dict:
    return {
        "version": proposal.version, "title": proposal.title, "statement": proposal.statement,
        "rationale": proposal.rationale, "level": proposal.level, "track": proposal.track_id,
        "rank": proposal.rank, "addressees": [a.pk for a in proposal.addressees.all()],
        "related_tracks": [t.pk for t in proposal.related_tracks.all()],
    }  # fmt: skip


@login_required
def policy_staff_detail(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    proposal = policy_or_404(congress, pk)
    form = PolicyEditForm(request.POST or None, initial=_edit_initial(proposal), congress=congress)
    status = 200
    if request.method == "POST":
        if response := submit_form(
            request,
            form,
            lambda data: services.policy_proposal_update(
                proposal=proposal, by=request.user, **data
            ),
            success=_("La proposition est enregistrée."),
            then=lambda _proposal: redirect("policy_staff_detail", congress.slug, proposal.pk),
        ):
            return response
        status = 400
    return render(
        request,
        "proposals/outcomes/staff/policy_detail.html",
        {
            "congress": congress,
            "proposal": proposal,
            "form": form,
            "set_aside_form": SetAsideForm(),
            "followup_form": FollowUpForm(),
            "can_follow_up": can_record_followup(request.user, proposal),
            "revisions": revisions_of(proposal)[:20],
        },
        status=status,
    )


@login_required
@require_POST
def policy_validate(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    try:
        services.policy_proposal_validate(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("La proposition est validée."))
    return redirect("policy_staff_detail", congress.slug, pk)


@login_required
@require_POST
def policy_set_aside(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    form = SetAsideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le motif de la mise à l'écart."))
        return redirect("policy_staff_detail", congress.slug, pk)
    try:
        services.policy_proposal_set_aside(
            proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("La proposition est écartée."))
    return redirect("policy_staff_detail", congress.slug, pk)


@login_required
def policy_merge(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    ids = parse_ids(request.POST.getlist("ids") or request.GET.getlist("ids"))
    proposals = list(
        PolicyProposal.objects.filter(congress=congress, pk__in=ids)
        .select_related("track")
        .prefetch_related("sources")
        .order_by("pk")
    )
    first = proposals[0] if proposals else None
    form = MergeForm(
        request.POST if "confirm" in request.POST else None,
        initial={"title": first.title, "statement": first.statement} if first else {},
    )
    status = 200
    if form.is_bound:
        if response := submit_form(
            request,
            form,
            lambda data: services.policy_proposals_merge(
                congress=congress,
                proposals=proposals,
                by=request.user,
                title=data["title"],
                statement=data["statement"],
            ),
            success=_("Les propositions sont fusionnées ; les originales restent lisibles."),
            then=lambda merged: redirect("policy_staff_detail", congress.slug, merged.pk),
        ):
            return response
        status = 400
    elif len(proposals) < 2:
        messages.error(request, _("Cochez au moins deux propositions à fusionner."))
        return redirect("policy_board", congress.slug)
    return render(
        request,
        "proposals/outcomes/staff/merge.html",
        {"congress": congress, "proposals": proposals, "form": form},
        status=status,
    )


@login_required
def policy_split(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    proposal = policy_or_404(congress, pk)
    form = SplitForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if response := submit_form(
            request,
            form,
            lambda _data: services.policy_proposal_split(
                proposal=proposal, by=request.user, parts=form.parts()
            ),
            success=_("La proposition est scindée en deux."),
            then=lambda _parts: redirect("policy_staff_detail", congress.slug, proposal.pk),
        ):
            return response
        status = 400
    return render(
        request,
        "proposals/outcomes/staff/split.html",
        {"congress": congress, "proposal": proposal, "form": form},
        status=status,
    )


@login_required
@require_POST
def policy_restore(request, congress_slug, pk, revision_pk):
    congress = visible_congress_or_404(request, congress_slug)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    revision = get_object_or_404(Revision, pk=revision_pk, policy_proposal=proposal)
    services.policy_proposal_restore(proposal=proposal, revision=revision, by=request.user)
    messages.success(request, _("La version choisie est restaurée (nouvelle révision)."))
    return redirect("policy_staff_detail", congress.slug, pk)


@login_required
def transversality(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    return render(
        request,
        "proposals/outcomes/staff/transversality.html",
        {"congress": congress, "matrix": selectors.transversality_matrix(congress)},
    )
