from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from congress.organisations.models import OrganisationKind
from congress.registrations.models import OrderState, PaymentMethod, RegistrationStatus
from proposals.models import ProposalState
from proposals.outcomes.models import (
    Addressee,
    Endorsement,
    Level,
    Outcome,
    OutcomeStatus,
    PolicyStatus,
    ensure_addressees,
)
from tests.factories import (
    CongressFactory,
    OrderFactory,
    OrganisationFactory,
    PolicyProposalFactory,
    RegistrationFactory,
    ReviewFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TariffFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
    WorkshopSignupFactory,
)

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _reports_settings(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"
    # Editions here create many accounts: a fast hasher keeps the tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Edition:
    congress: object
    organiser: object
    tracks: list
    organisations: dict
    workshops: list = field(default_factory=list)
    proposals: list = field(default_factory=list)


def make_edition(workshops: int = 2) -> Edition:
    """A small edition: two tracks, `workshops` accepted proposals on the programme (the first
    one crossing into the second track), one rejected, one submitted, one draft, reviews and
    sign-ups, organisations of three kinds in three départements."""
    congress = CongressFactory(
        name="2e Congrès national des Solidarités",
        edition_number=2,
        organiser_name="Ville du Mans et CCAS du Mans",
    )
    organiser = UserFactory(full_name="Claire Organisatrice")
    congress.organisers.add(organiser)
    venue = VenueFactory(congress=congress, name="Palais des Congrès et de la Culture")
    room = RoomFactory(venue=venue, name="Salle Sarthe", capacity=40)
    workshop_type = SessionTypeFactory(congress=congress, name="Atelier d'échange")
    food = TrackFactory(
        congress=congress,
        name="L'aide alimentaire et la qualité",
        short_name="Aide alimentaire",
        slug="aide-alimentaire",
        question="Comment garantir à chacun une aide alimentaire de qualité ?",
        order=0,
    )
    inclusion = TrackFactory(
        congress=congress,
        name="Le handicap-inclusion",
        short_name="Handicap-inclusion",
        slug="handicap-inclusion",
        order=1,
    )
    orgs = {
        "epicerie": OrganisationFactory(name="Épicerie solidaire du Maine", departement="49"),
        "ccas": OrganisationFactory(
            ccas=True, name="CCAS du Mans", departement="72", kind=OrganisationKind.CCAS
        ),
        "corse": OrganisationFactory(name="Solidarités de Corse", departement="2A"),
        "draft_only": OrganisationFactory(name="Association en brouillon", departement="13"),
    }
    edition = Edition(congress, organiser, [food, inclusion], orgs)
    for n in range(workshops):
        track = [food, inclusion][n % 2]
        session = SessionFactory(
            congress=congress,
            session_type=workshop_type,
            track=track,
            room=room,
            title=f"Épicerie solidaire et dignité n° {n + 1}",
        )
        session.starts_at = session.starts_at.replace(hour=9 + n)
        session.ends_at = session.starts_at.replace(hour=10 + n)
        session.save()
        proposal = WorkshopProposalFactory(
            congress=congress,
            organisation=orgs["epicerie"] if n % 2 == 0 else orgs["ccas"],
            track=track,
            title=session.title,
            state=ProposalState.ACCEPTED,
            session=session,
            publication_consent=True,
            results="Démarche transposable à un autre territoire.",
        )
        if n == 0:
            proposal.related_tracks.add(inclusion)
            proposal.co_organisations.add(orgs["corse"])
        edition.workshops.append(session)
        edition.proposals.append(proposal)
    first = edition.proposals[0]
    ReviewFactory(proposal=first, weighted_score=Decimal("4.00"))
    ReviewFactory(proposal=first, weighted_score=Decimal("3.50"))
    rejected = WorkshopProposalFactory(
        congress=congress, organisation=orgs["ccas"], track=food, state=ProposalState.REJECTED
    )
    ReviewFactory(proposal=rejected, weighted_score=Decimal("1.25"))
    WorkshopProposalFactory(
        congress=congress, organisation=orgs["ccas"], track=inclusion, state=ProposalState.SUBMITTED
    )
    WorkshopProposalFactory(
        congress=congress, organisation=orgs["draft_only"], track=food, state=ProposalState.DRAFT
    )
    for _ in range(3):
        WorkshopSignupFactory(session=edition.workshops[0])
    add_registrations(edition)
    add_policy(edition)
    return edition


def add_policy(edition: Edition) -> None:
    """The first workshop's submitted outcome and its policy proposals: two validated (one
    transversal, to MPs and senators; one to MEPs), a draft, a set-aside and a merged one."""
    ensure_addressees()
    food, inclusion = edition.tracks
    congress = edition.congress
    workshop = edition.workshops[0]
    outcome = Outcome.objects.create(
        congress=congress, session=workshop, attendee_count=25,
        findings="Les épiceries solidaires manquent de produits frais.",
        successes="Un partenariat avec des maraîchers locaux.",
        status=OutcomeStatus.SUBMITTED,
    )  # fmt: skip
    outcome.organisations.add(edition.organisations["epicerie"])
    addressees = {a.slug: a for a in Addressee.objects.all()}
    first = PolicyProposalFactory(
        congress=congress, outcome=outcome, track=food, rank=1,
        title="Pérenniser le financement des épiceries solidaires",
        statement="Des conventions pluriannuelles pour les épiceries solidaires.",
        level=Level.NATIONAL, sources=[workshop],
    )  # fmt: skip
    first.related_tracks.add(inclusion)
    first.addressees.add(addressees["assemblee-nationale"], addressees["senat"])
    first.supporting_organisations.add(edition.organisations["epicerie"])
    for _ in range(2):
        Endorsement.objects.create(proposal=first, user=UserFactory())
    second = PolicyProposalFactory(
        congress=congress, track=inclusion, rank=1,
        title="Un fonds européen pour l'inclusion des personnes handicapées",
        level=Level.EUROPEEN, sources=edition.workshops[1:2],
    )  # fmt: skip
    second.addressees.add(addressees["parlement-europeen"])
    PolicyProposalFactory(
        congress=congress, track=food, title="Brouillon", status=PolicyStatus.DRAFT
    )
    PolicyProposalFactory(
        congress=congress, track=food, title="Écartée", status=PolicyStatus.SET_ASIDE
    )
    PolicyProposalFactory(
        congress=congress, track=food, title="Doublon fusionné", status=PolicyStatus.MERGED,
        merged_into=first,
    )  # fmt: skip


def add_registrations(edition: Edition) -> None:
    """Three confirmed participants (card, mandate), one pending, one cancelled; a fourth
    organisation takes part only through its registered delegate."""
    congress = edition.congress
    congress.capacity = 100
    congress.save(update_fields=["capacity"])
    tariff = TariffFactory(congress=congress, name="Association", price=Decimal("60.00"))
    public = TariffFactory(
        congress=congress, name="CCAS", price=Decimal("90.00"), audience="public_body"
    )
    orgs = edition.organisations
    orgs["benevoles"] = OrganisationFactory(name="Bénévoles de la Sarthe", departement="72")
    card = OrderFactory(
        congress=congress, organisation=orgs["epicerie"], payment_method=PaymentMethod.CARD,
        state=OrderState.PAID, total=Decimal("120.00"),
    )  # fmt: skip
    RegistrationFactory(order=card, tariff=tariff, price=Decimal("60.00"),
                        full_name="Élodie Lefèvre", needs_lsf=True)  # fmt: skip
    RegistrationFactory(order=card, tariff=tariff, price=Decimal("60.00"))
    mandate = OrderFactory(
        congress=congress, organisation=orgs["ccas"], payment_method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE, total=Decimal("90.00"), code_service="SOLIDARITES",
    )  # fmt: skip
    RegistrationFactory(order=mandate, tariff=public, price=Decimal("90.00"))
    single = OrderFactory(
        congress=congress, organisation=orgs["benevoles"], payment_method=PaymentMethod.CARD,
        state=OrderState.PENDING_PAYMENT, total=Decimal("60.00"), confirmed_at=None,
    )  # fmt: skip
    RegistrationFactory(
        order=single, tariff=tariff, price=Decimal("60.00"), status=RegistrationStatus.PENDING
    )
    delegate = OrderFactory(
        congress=congress, organisation=orgs["benevoles"], payment_method=PaymentMethod.FREE,
        state=OrderState.FREE,
    )  # fmt: skip
    RegistrationFactory(order=delegate, tariff=tariff)
    cancelled = OrderFactory(
        congress=congress, organisation=orgs["draft_only"], state=OrderState.CANCELLED
    )
    RegistrationFactory(order=cancelled, tariff=tariff, status=RegistrationStatus.CANCELLED)


@pytest.fixture
def edition(db) -> Edition:
    return make_edition()


@pytest.fixture
def organiser_client(client, edition):
    client.force_login(edition.organiser)
    return client
