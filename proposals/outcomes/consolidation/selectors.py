"""Reads of the organisers: the board of policy proposals and the transversality matrix."""

from dataclasses import dataclass

from django.db.models import Case, QuerySet, When

from congress.core.expressions import count_of
from congress.editions.models import Congress
from proposals.outcomes.endorsements.models import Endorsement
from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus
from proposals.outcomes.recording.selectors import filter_policy_proposals, with_lists
from tracks.models import Track

# What needs an organiser's action first: submitted (to validate), then validated (to follow
# up), drafts (still with their moderators); merged and set aside last.
BOARD_PRIORITY = (
    PolicyStatus.SUBMITTED,
    PolicyStatus.VALIDATED,
    PolicyStatus.DRAFT,
    PolicyStatus.MERGED,
    PolicyStatus.SET_ASIDE,
)
CLOSED_STATUSES = (PolicyStatus.MERGED, PolicyStatus.SET_ASIDE)


def policy_board(
    congress: Congress, *, show_closed: bool = False, **filters
) -> QuerySet[PolicyProposal]:
    """Merged and set-aside proposals are left out unless asked for (or filtered by status)."""
    qs = PolicyProposal.objects.filter(congress=congress).annotate(
        endorsement_count=count_of(Endorsement.objects.all(), "proposal"),
        priority=Case(
            *[When(status=status, then=n) for n, status in enumerate(BOARD_PRIORITY)],
            default=len(BOARD_PRIORITY),
        ),
    )
    if not show_closed and not filters.get("status"):
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    return with_lists(filter_policy_proposals(qs, **filters)).order_by(
        "priority", "track__order", "rank", "pk"
    )


@dataclass
class Matrix:
    tracks: list[Track]
    rows: list[tuple[Track, list[tuple[Track, int]]]]
    total: int


def transversality_matrix(congress: Congress) -> Matrix:
    """How many validated proposals link each pair of tracks (primary ∪ related): one query for
    the links (proposal, primary track, related track), one for the tracks."""
    tracks = list(Track.objects.filter(congress=congress).order_by("order", "name"))
    links: dict[int, set[int]] = {}
    rows = (
        PolicyProposal.objects.filter(congress=congress, status=PolicyStatus.VALIDATED)
        .values_list("pk", "track_id", "related_tracks")
        .order_by()
    )
    for pk, primary, related in rows:
        involved = links.setdefault(pk, set())
        involved.add(primary)
        if related is not None:
            involved.add(related)
    counts: dict[tuple[int, int], int] = {}
    for involved in links.values():
        for a in involved:
            for b in involved:
                counts[a, b] = counts.get((a, b), 0) + 1
    return Matrix(
        tracks=tracks,
        rows=[(a, [(b, counts.get((a.pk, b.pk), 0)) for b in tracks]) for a in tracks],
        total=len(links),
    )
