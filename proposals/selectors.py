"""Reads of the proposals app: lists for authors, reviewers and the committee's ranking."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Max, Min, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import formats

from congress.editions.models import Congress
from proposals.emails import recipients
from proposals.models import (
    REVIEWABLE_STATES,
    ProposalState,
    Review,
    WorkshopProposal,
)
from proposals.permissions import user_organisation_ids
from tracks.models import Session
from tracks.permissions import reviewer_track_ids


def proposals_of_user(user, congress: Congress) -> QuerySet[WorkshopProposal]:
    """Proposals of the caller's organisations, as proposer or co-presenter."""
    ids = user_organisation_ids(user)
    return (
        WorkshopProposal.objects.filter(congress=congress)
        .filter(Q(organisation_id__in=ids) | Q(co_organisations__in=ids))
        .distinct()
        .select_related("congress", "organisation", "track")
        .order_by("-updated_at")
    )


def proposals_to_review(user, congress: Congress) -> QuerySet[WorkshopProposal]:
    """Proposals of the reviewer's tracks, minus those of their own organisations (conflict)."""
    ids = user_organisation_ids(user)
    return (
        WorkshopProposal.objects.filter(
            congress=congress,
            track_id__in=reviewer_track_ids(user),
            state__in=REVIEWABLE_STATES,
        )
        .without_conflict(ids)
        .select_related("congress", "track", "organisation")
        .annotate(my_review_count=Count("reviews", filter=Q(reviews__reviewer=user)))
        .order_by("track__order", "title")
    )


def proposal_for_page(congress: Congress, pk: int) -> WorkshopProposal:
    return (
        WorkshopProposal.objects.filter(congress=congress, pk=pk)
        .select_related("organisation", "track", "congress", "session__room", "created_by")
        .prefetch_related("speakers", "related_tracks", "co_organisations")
        .get()
    )


def ranking(congress: Congress, *, track_id: int | None = None) -> QuerySet[WorkshopProposal]:
    """Weighted mean of the reviews, their number and spread (max - min), best first."""
    qs = (
        WorkshopProposal.objects.filter(congress=congress, state__in=REVIEWABLE_STATES)
        .select_related("congress", "track", "organisation", "session")
        .annotate(
            mean_score=Avg("reviews__weighted_score"),
            review_count=Count("reviews"),
            spread=Max("reviews__weighted_score") - Min("reviews__weighted_score"),
        )
        .order_by("track__order", F("mean_score").desc(nulls_last=True), "title")
    )
    if track_id:
        qs = qs.filter(track_id=track_id)
    return qs


def ranking_by_track(congress: Congress) -> list[tuple]:
    """The ranking grouped by track for its page (~1,000 rows at scale): only the columns shown,
    and each row's link, state and figures prepared once here (`url`, `state_label`, `mean_text`,
    `spread_text`, as `floatformat:2|default:"–"` would show them) rather than per row by the
    template, whose translations and number formats cost most of the page's time."""
    detail = reverse("proposal_detail", kwargs={"congress_slug": congress.slug, "pk": 0})
    prefix = detail.removesuffix("0/")
    labels = {value: str(label) for value, label in ProposalState.choices}
    separator = formats.get_format("DECIMAL_SEPARATOR")

    def two_places(value) -> str:
        if value is None:
            return "–"
        rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return str(rounded).replace(".", separator)

    rows = (
        ranking(congress)
        .select_related(None)
        .select_related("track", "organisation")
        .only("title", "state", "track__name", "track__order", "organisation__name")
    )
    tracks: list[tuple] = []
    for proposal in rows:
        proposal.url = f"{prefix}{proposal.pk}/"
        proposal.state_label = labels.get(proposal.state, proposal.state)
        proposal.mean_text = two_places(proposal.mean_score)
        proposal.spread_text = two_places(proposal.spread)
        if not tracks or tracks[-1][0] != proposal.track:
            tracks.append((proposal.track, []))
        tracks[-1][1].append(proposal)
    return tracks


def accepted_to_schedule(congress: Congress) -> QuerySet[WorkshopProposal]:
    return (
        WorkshopProposal.objects.filter(congress=congress, state=ProposalState.ACCEPTED)
        .select_related("congress", "track", "organisation", "session__room")
        .order_by("track__order", "title")
    )


def session_placement(session: Session | None) -> str:
    """Where a workshop is: its room and start (empty when not on the programme)."""
    return f"{session.room_id}@{int(session.starts_at.timestamp())}" if session else ""


def reviews_of(proposal: WorkshopProposal) -> QuerySet[Review]:
    return proposal.reviews.select_related("reviewer").prefetch_related(
        Prefetch("scores", queryset=None)
    )


@dataclass
class DecisionPreview:
    """What a bulk decision will do, shown before it is applied."""

    decision: str
    changed: list[WorkshopProposal]
    unchanged: list[WorkshopProposal]
    email_count: int


def decision_preview(proposals, decision: str) -> DecisionPreview:
    """Proposals already in that state keep it and hear nothing; the others are mailed."""
    proposals = sorted(proposals, key=lambda p: p.title)
    changed = [p for p in proposals if p.state != decision]
    return DecisionPreview(
        decision=decision,
        changed=changed,
        unchanged=[p for p in proposals if p.state == decision],
        email_count=sum(len(recipients(p)) for p in changed),
    )
