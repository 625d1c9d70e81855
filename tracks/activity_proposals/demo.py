"""Partners' proposals in the Semaine des solidarités (issue 15): La Fabrique de la solidarité,
whose account is the demo association (asso@…), proposed two activities in its own place: one
accepted (an activity of the programme), one waiting for the organisers. Dated from the week."""

from datetime import timedelta

from congress.core.seeding import DemoContext, moment, spread
from congress.editions.models import Congress
from congress.editions.partners import Partner
from tracks.activities.demo import SLUG
from tracks.activity_proposals.models import ActivityProposal, ActivityProposalStatus
from tracks.activity_proposals.services import _activity_from
from tracks.models import Session, SessionType, Track

PARTNER, PLACE = "La Fabrique de la solidarité", "La Fabrique de la solidarité (démo)"
# (day, hour, hours, type, topic, title, places or None: open to all, accepted)
PROPOSALS = [
    (1, 14, 2, "portes-ouvertes", None, "Atelier cuisine solidaire à la Fabrique (démo)", 12, True),
    (2, 10, 3, "forum", None, "Forum des bénévoles de quartier (démo)", None, False),
]


def seed(ctx: DemoContext) -> None:
    congress = Congress.objects.filter(slug=SLUG).first()
    organisations = {o.slug: o for o in ctx.organisations}
    if congress is None or "demo-02" not in organisations:
        return
    partner = Partner.objects.filter(congress=congress, name__startswith=PARTNER).first()
    venue = congress.venues.filter(name=PLACE).first()
    if partner is None or venue is None:
        return
    partner.organisation = organisations["demo-02"]
    partner.save(update_fields=["organisation"])
    venue.host = partner
    venue.save(update_fields=["host"])
    types = {t.slug: t for t in SessionType.objects.filter(congress=congress)}
    track = Track.objects.filter(congress=congress).order_by("order").first()
    manager = ctx.accounts.get("asso_manager")
    for day, hour, hours, kind, _topic, title, places, accepted in PROPOSALS:
        starts = moment(congress.start_date + timedelta(days=day), hour)
        proposal, created = ActivityProposal.objects.get_or_create(
            congress=congress, partner=partner, title=title,
            defaults=dict(
                venue=venue, proposed_by=manager, session_type=types.get(kind) or next(iter(types.values())),
                track=track, description="Proposition fictive de la démonstration.",
                starts_at=starts, ends_at=starts + timedelta(hours=hours), capacity=places,
            ),
        )  # fmt: skip
        if created and accepted:
            proposal.session = _activity_from(proposal)
            proposal.status = ActivityProposalStatus.ACCEPTED
            proposal.decision_message = "Merci, l'atelier complète bien la journée."
            proposal.decided_by = ctx.accounts.get("organiser")
            proposal.save()
    first = moment(congress.start_date - timedelta(days=45))
    proposals = ActivityProposal.objects.filter(congress=congress)
    spread(proposals, ["created_at"], first, first + timedelta(days=10))
    spread(proposals.exclude(status="submitted"), ["decided_at"], first + timedelta(days=12),
           first + timedelta(days=14))  # fmt: skip
    spread(Session.objects.filter(partner_proposal__congress=congress), ["created_at"],
           first + timedelta(days=12), first + timedelta(days=14))  # fmt: skip
    if manager is not None:
        ctx.logins.append(
            (f"partenaire ({PARTNER})", manager.email, "proposer une activité à la Semaine")
        )
