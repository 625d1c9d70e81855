"""Reads of the policy side of an edition for the report, the dashboard and the exports:
workshop outcomes and the policy proposals addressed to decision-makers."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from congress.core.collation import by_name
from congress.editions.models import Congress
from congress.organisations.models import Organisation
from proposals.outcomes.models import (
    Addressee,
    Endorsement,
    Level,
    Outcome,
    OutcomeStatus,
    PolicyProposal,
    PolicyStatus,
)
from tracks.models import Session, Track

# How the report addresses each kind of decision-maker (annex and addressee variant).
ADDRESSEE_HEADINGS = {
    "assemblee-nationale": _("À l'attention des députés"),
    "senat": _("À l'attention des sénateurs"),
    "parlement-europeen": _("À l'attention des députés européens"),
    "gouvernement": _("À l'attention du Gouvernement"),
    "collectivites": _("À l'attention des collectivités territoriales"),
    "autre": _("À l'attention des autres organismes publics"),
}


def addressee_heading(addressee: Addressee) -> str:
    heading = ADDRESSEE_HEADINGS.get(addressee.slug)
    if heading:
        return str(heading)
    return str(_("À l'attention de : %(name)s") % {"name": addressee.label})


def addressees() -> list[Addressee]:
    return list(Addressee.objects.order_by(*by_name("=order", "name")))


def validated_policy_proposals(
    congress: Congress, *, track: Track | None = None, addressee: Addressee | None = None
) -> list[PolicyProposal]:
    """The validated proposals with everything the report prints (six queries), numbered per
    track (`number` = « track.position », `anchor` = HTML id)."""
    qs = (
        PolicyProposal.objects.filter(congress=congress, status=PolicyStatus.VALIDATED)
        .select_related("track")
        .annotate(endorsement_count=Count("endorsements", distinct=True))
        .prefetch_related(
            Prefetch("addressees", queryset=Addressee.objects.order_by(*by_name("=order", "name"))),
            Prefetch("related_tracks", queryset=Track.objects.order_by("order", "name")),
            Prefetch(
                "supporting_organisations", queryset=Organisation.objects.order_by(*by_name("name"))
            ),
            Prefetch("sources", queryset=Session.objects.order_by("starts_at").only("pk", "title")),
        )
        .order_by("track__order", "rank", "pk")
    )
    proposals = list(qs)
    track_numbers = {
        pk: n
        for n, pk in enumerate(
            Track.objects.filter(congress=congress)
            .order_by("order", "name")
            .values_list("pk", flat=True),
            start=1,
        )
    }
    position: dict[int, int] = {}
    for proposal in proposals:
        position[proposal.track_id] = position.get(proposal.track_id, 0) + 1
        proposal.number = f"{track_numbers.get(proposal.track_id, 0)}.{position[proposal.track_id]}"
        proposal.anchor = f"proposition-{proposal.pk}"
        proposal.other_tracks = [
            t for t in proposal.related_tracks.all() if t.pk != proposal.track_id
        ]
    # Numbers are those of the full report, whatever the variant.
    if track is not None:
        proposals = [p for p in proposals if p.track_id == track.pk]
    if addressee is not None:
        proposals = [p for p in proposals if any(a.pk == addressee.pk for a in p.addressees.all())]
    return proposals


def outcomes_by_session(congress: Congress) -> dict[int, Outcome]:
    """Submitted outcomes (the moderators' final record), by workshop."""
    return {
        outcome.session_id: outcome
        for outcome in Outcome.objects.filter(congress=congress, status=OutcomeStatus.SUBMITTED)
    }


@dataclass
class PolicyFigures:
    outcomes_submitted: int
    workshops: int
    proposals: int  # all policy proposals recorded (not merged away)
    validated: int
    endorsements: int


def policy_figures(congress: Congress, workshops: int) -> PolicyFigures:
    counts = PolicyProposal.objects.filter(congress=congress).aggregate(
        proposals=Count("id", filter=~Q(status=PolicyStatus.MERGED)),
        validated=Count("id", filter=Q(status=PolicyStatus.VALIDATED)),
    )
    return PolicyFigures(
        outcomes_submitted=Outcome.objects.filter(
            congress=congress, status=OutcomeStatus.SUBMITTED
        ).count(),
        workshops=workshops,
        proposals=counts["proposals"],
        validated=counts["validated"],
        endorsements=Endorsement.objects.filter(
            proposal__congress=congress, proposal__status=PolicyStatus.VALIDATED
        ).count(),
    )


def count_by_level(proposals: list[PolicyProposal]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for p in proposals:
        counts[p.level] = counts.get(p.level, 0) + 1
    return [(str(label), counts[value]) for value, label in Level.choices if value in counts]


def count_by_addressee(
    proposals: list[PolicyProposal], every: list[Addressee]
) -> list[tuple[str, int]]:
    counts: dict[int, int] = {}
    for p in proposals:
        for a in p.addressees.all():
            counts[a.pk] = counts.get(a.pk, 0) + 1
    return [(a.name, counts.get(a.pk, 0)) for a in every]


def count_by_status(congress: Congress) -> list[tuple[str, int]]:
    counts = dict(
        PolicyProposal.objects.filter(congress=congress)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("status", "n")
    )
    return [(str(label), counts[v]) for v, label in PolicyStatus.choices if counts.get(v)]
