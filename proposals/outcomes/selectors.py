"""Reads of outcomes and policy proposals: the moderator's workshops, the organisers' board,
the transversality matrix, the public list and detail."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from congress.core.expressions import count_of
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from proposals.outcomes.models import (
    Endorsement,
    FollowUp,
    Outcome,
    PolicyProposal,
    PolicyStatus,
    Revision,
)
from tracks.models import Session, Track
from tracks.permissions import moderator_track_ids


def workshops_for_moderator(user, congress: Congress) -> QuerySet[Session]:
    """Workshops whose outcome the user records: those of their tracks and those they moderate
    (organisers: all the workshops of the edition)."""
    qs = Session.objects.filter(congress=congress, session_type__is_workshop=True)
    if not is_organiser(user, congress):
        qs = qs.filter(
            Q(track_id__in=moderator_track_ids(user))
            | Q(
                pk__in=Session.moderators.through.objects.filter(user_id=user.pk).values(
                    "session_id"
                )
            )
        )
    return (
        qs.select_related("track", "room", "outcome")
        .annotate(
            signup_count=Count("signups", distinct=True),
            proposal_count=Count("outcome__policy_proposals", distinct=True),
        )
        .order_by("track__order", "starts_at", "title")
    )


def outcome_for_session(session: Session) -> Outcome | None:
    return (
        Outcome.objects.filter(session=session)
        .select_related("updated_by")
        .prefetch_related("organisations")
        .first()
    )


def _involves(track_slug: str) -> Q:
    through = PolicyProposal.related_tracks.through
    return Q(track__slug=track_slug) | Q(
        Exists(through.objects.filter(policyproposal=OuterRef("pk"), track__slug=track_slug))
    )


def _with_lists(qs: QuerySet[PolicyProposal], *, sources: bool = True) -> QuerySet[PolicyProposal]:
    qs = qs.select_related("track", "merged_into").prefetch_related("related_tracks", "addressees")
    if sources:
        qs = qs.prefetch_related(
            Prefetch("sources", queryset=Session.objects.only("pk", "title", "track_id"))
        )
    return qs


def filter_policy_proposals(
    qs: QuerySet[PolicyProposal],
    *,
    track: str = "",
    related_track: str = "",
    involves: list[str] = (),
    level: str = "",
    addressee: str = "",
    status: str = "",
    workshop: int | None = None,
    followup_status: str = "",
    q: str = "",
) -> QuerySet[PolicyProposal]:
    if track:
        qs = qs.filter(track__slug=track)
    if related_track:
        through = PolicyProposal.related_tracks.through
        qs = qs.filter(
            Exists(through.objects.filter(policyproposal=OuterRef("pk"), track__slug=related_track))
        )
    for slug in involves:
        qs = qs.filter(_involves(slug))
    if level:
        qs = qs.filter(level=level)
    if addressee:
        through = PolicyProposal.addressees.through
        qs = qs.filter(
            Exists(through.objects.filter(policyproposal=OuterRef("pk"), addressee__slug=addressee))
        )
    if status:
        qs = qs.filter(status=status)
    if workshop:
        through = PolicyProposal.sources.through
        qs = qs.filter(
            Exists(through.objects.filter(policyproposal=OuterRef("pk"), session_id=workshop))
        )
    if followup_status:
        qs = qs.filter(followup_status=followup_status)
    if q:
        qs = search(qs, q)
    return qs


def search(qs: QuerySet[PolicyProposal], text: str) -> QuerySet[PolicyProposal]:
    """Full-text search on PostgreSQL (French configuration), icontains elsewhere."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("title", "statement", "rationale", config="french")
        return qs.annotate(search_vector=vector).filter(
            Q(search_vector=SearchQuery(text, config="french"))
            | Q(title__icontains=text)
            | Q(statement__icontains=text)
        )
    return qs.search(text)


def policy_board(congress: Congress, **filters) -> QuerySet[PolicyProposal]:
    qs = PolicyProposal.objects.filter(congress=congress).annotate(
        endorsement_count=count_of(Endorsement.objects.all(), "proposal")
    )
    return _with_lists(filter_policy_proposals(qs, **filters)).order_by(
        "track__order", "status", "rank", "pk"
    )


def public_policy_list(congress: Congress, **filters) -> QuerySet[PolicyProposal]:
    qs = PolicyProposal.objects.filter(congress=congress, status=PolicyStatus.VALIDATED).annotate(
        endorsement_count=count_of(Endorsement.objects.all(), "proposal")
    )
    return _with_lists(filter_policy_proposals(qs, **filters), sources=False).order_by(
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


def revisions_of(subject) -> QuerySet[Revision]:
    return subject.revisions.select_related("by").order_by("-at", "-pk")


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


def endorsed_ids(user, congress: Congress) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        user.endorsements.filter(proposal__congress=congress).values_list("proposal_id", flat=True)
    )
