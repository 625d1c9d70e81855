"""Reads of the public pages: validated policy proposals, most endorsed first, one proposal
with its sources and follow-up, and what the visitor has endorsed."""

from django.db.models import Prefetch, QuerySet

from congress.core.expressions import count_of
from congress.editions.models import Congress
from proposals.outcomes.endorsements.models import Endorsement
from proposals.outcomes.followup.models import FollowUp
from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus
from proposals.outcomes.recording.selectors import filter_policy_proposals, with_lists
from tracks.models import Session


def public_policy_list(congress: Congress, **filters) -> QuerySet[PolicyProposal]:
    qs = PolicyProposal.objects.filter(congress=congress, status=PolicyStatus.VALIDATED).annotate(
        endorsement_count=count_of(Endorsement.objects.all(), "proposal")
    )
    return with_lists(filter_policy_proposals(qs, **filters), sources=False).order_by(
        "-endorsement_count", "track__order", "rank", "pk"
    )


def policy_detail(congress: Congress, pk: int) -> PolicyProposal:
    return (
        PolicyProposal.objects.filter(congress=congress, pk=pk)
        .annotate(endorsement_count=count_of(Endorsement.objects.all(), "proposal"))
        .select_related("track", "merged_into", "split_from", "outcome")
        .prefetch_related(
            "related_tracks",
            "addressees",
            "supporting_organisations",
            "merged_from",
            "split_into",
            Prefetch(
                "sources",
                queryset=Session.objects.select_related("track", "room").order_by("starts_at"),
            ),
            Prefetch("followups", queryset=FollowUp.objects.select_related("addressee")),
        )
        .get()
    )


def endorsed_ids(user, congress: Congress) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        user.endorsements.filter(proposal__congress=congress).values_list("proposal_id", flat=True)
    )


def published_proposals_of_track(track) -> QuerySet[PolicyProposal]:
    """The validated proposals whose main track is this one, most endorsed first."""
    return public_policy_list(track.congress, track=track.slug).select_related("track")
