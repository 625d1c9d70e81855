"""The timeline of the demo's calls: the upcoming edition's open call, and the dates of the past
edition's proposals, reviews, sessions and sign-ups (part of proposals/demo.py)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models.functions import Coalesce

from congress.core.seeding import moment, spread
from proposals.demo_data import CRITERIA, UPCOMING_PROPOSALS, texts
from proposals.models import (
    CallForProposals,
    CallTrack,
    ProposalFormat,
    ProposalState,
    ProposalStateChange,
    Review,
    ReviewCriterion,
    Speaker,
    WorkshopProposal,
)
from tracks.models import Session, Track, WorkshopSignup

TZ = ZoneInfo("Europe/Paris")


def seed_upcoming_call(ctx) -> CallForProposals:
    """The next edition's call: opened 150 days before its first day, closes 60 days before
    (so it is open on the day the demo is installed), review until 40 days before."""
    congress = ctx.upcoming

    def before(days: int, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(
            congress.start_date - timedelta(days=days), time(hour, minute), tzinfo=TZ
        )

    call, _ = CallForProposals.objects.get_or_create(
        congress=congress,
        defaults=dict(
            opens_at=before(150, 9),
            closes_at=before(60, 23, 59),
            review_closes_at=before(40, 23, 59),
            guidance="Racontez une action menée depuis le dernier congrès et ce qu'elle a "
            "changé ; chaque atelier se conclut par des propositions aux décideurs.",
        ),
    )
    for track in Track.objects.filter(congress=congress):
        CallTrack.objects.get_or_create(
            call=call, track=track, defaults={"guidance": track.question or ""}
        )
    for order, (name, description, weight) in enumerate(CRITERIA):
        ReviewCriterion.objects.get_or_create(
            call=call, name=name, defaults=dict(description=description, weight=weight, order=order)
        )
    return call


def date_programme(ctx, call: CallForProposals) -> None:
    """Date the past edition's proposals, reviews, sessions and sign-ups from its call and its
    dates (services stamped them with the day the seed ran); the next edition's sessions were
    put on the programme when its call opened."""
    congress = ctx.congress
    start = congress.start_date
    proposals = WorkshopProposal.objects.filter(congress=congress)
    spread(proposals, ["created_at"], call.opens_at, call.opens_at + timedelta(days=25))
    proposals.update(updated_at=Coalesce("decided_at", "submitted_at", "created_at"))
    spread(ProposalStateChange.objects.filter(proposal__congress=congress, from_state=""),
           ["at"], call.opens_at, call.opens_at + timedelta(days=25))  # fmt: skip
    spread(Review.objects.filter(proposal__congress=congress), ["created_at", "updated_at"],
           call.closes_at, call.review_closes_at or call.closes_at + timedelta(days=15))  # fmt: skip
    spread(Session.objects.filter(congress=congress), ["created_at"],
           moment(start - timedelta(days=45)), moment(start - timedelta(days=40)))  # fmt: skip
    spread(WorkshopSignup.objects.filter(session__congress=congress), ["created_at"],
           moment(start - timedelta(days=30)), moment(start - timedelta(days=2)))  # fmt: skip
    upcoming = ctx.upcoming.start_date
    spread(Session.objects.filter(congress=ctx.upcoming), ["created_at"],
           moment(upcoming - timedelta(days=150)), moment(upcoming - timedelta(days=140)))  # fmt: skip


def seed_upcoming_proposals(ctx, call: CallForProposals) -> None:
    """Proposals already submitted to the next edition's open call, in the demo reviewer's
    tracks, so that their review page has work: sent in the days after the call opened."""
    congress = ctx.upcoming
    tracks = {t.slug: t for t in Track.objects.filter(congress=congress)}
    reviewer = ctx.accounts["reviewer"]  # none of the reviewer's own organisations (conflict)
    organisations = [o for o in ctx.organisations[:12] if not o.memberships.filter(user=reviewer)]
    for n, (slug, title, summary) in enumerate(UPCOMING_PROPOSALS):
        if WorkshopProposal.objects.filter(congress=congress, title=title).exists():
            continue
        org, track = organisations[(n * 3) % len(organisations)], tracks[slug]
        sent = call.opens_at + timedelta(days=2 + 3 * n, hours=n)
        proposal = WorkshopProposal.objects.create(
            congress=congress, organisation=org, title=title, track=track,
            format=ProposalFormat.ATELIER, duration_minutes=90, departement=org.departement,
            commune=org.commune, publication_consent=True, state=ProposalState.SUBMITTED,
            submitted_at=sent, created_by=org.memberships.order_by("pk").first().user
            if org.memberships.exists() else None,
            **texts(summary, track, org.commune),
        )  # fmt: skip
        Speaker.objects.create(proposal=proposal, name=f"Intervenant·e {n + 1}",
                               organisation_name=org.name)  # fmt: skip
        WorkshopProposal.objects.filter(pk=proposal.pk).update(
            created_at=sent - timedelta(days=1), updated_at=sent
        )
        ProposalStateChange.objects.bulk_create(
            [
                ProposalStateChange(proposal=proposal, from_state="", to_state="draft",
                                    by=proposal.created_by, at=sent - timedelta(days=1)),
                ProposalStateChange(proposal=proposal, from_state="draft", to_state="submitted",
                                    by=proposal.created_by, at=sent),
            ]
        )  # fmt: skip
