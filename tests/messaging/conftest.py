from dataclasses import dataclass
from decimal import Decimal

import pytest

from congress.organisations.models import MembershipRole
from congress.registrations.models import (
    OrderState,
    PaymentMethod,
    RegistrationStatus,
    WaitlistEntry,
)
from proposals.models import ProposalState, Speaker
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
    TariffFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    WorkshopProposalFactory,
    WorkshopSignupFactory,
)
from tracks.models import TrackRoleKind

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _messaging_settings(settings):
    settings.TASKS = IMMEDIATE
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    congress: object
    organiser: object
    tariff: object
    other_tariff: object
    organisation: object
    manager: object
    delegates: list
    english: object
    workshop: object
    track: object
    moderator: object
    reviewer: object
    pending: object
    transfer_order: object
    waiting: object


def make_world() -> World:
    congress = CongressFactory(name="Congrès des Solidarités 2026")
    organiser = UserFactory(full_name="Claire Organisatrice", email="claire@example.org")
    congress.organisers.add(organiser)
    tariff = TariffFactory(congress=congress, name="Association")
    other_tariff = TariffFactory(congress=congress, name="CCAS")
    organisation = OrganisationFactory(name="Épicerie solidaire du Maine")
    manager = UserFactory(full_name="Marc Gestionnaire", email="marc@example.org")
    MembershipFactory(user=manager, organisation=organisation, role=MembershipRole.MANAGER)
    first, second = congress.days[0].isoformat(), congress.days[1].isoformat()
    order = OrderFactory(congress=congress, organisation=organisation, placed_by=manager,
                         state=OrderState.PAID, payment_method=PaymentMethod.CARD)  # fmt: skip
    delegates = [
        RegistrationFactory(order=order, tariff=tariff, days=[first, second],
                            user=UserFactory(full_name="Élodie Lefèvre", email="elodie@example.org")),
        RegistrationFactory(order=order, tariff=other_tariff, days=[second],
                            user=UserFactory(full_name="Bruno Martin", email="bruno@example.org")),
    ]  # fmt: skip
    english = UserFactory(full_name="Jane Smith", email="jane@example.org", preferred_language="en")
    delegates.append(RegistrationFactory(order=order, tariff=tariff, user=english, days=[first]))
    pending_order = OrderFactory(congress=congress, state=OrderState.PENDING_PAYMENT,
                                 payment_method=PaymentMethod.CARD, confirmed_at=None)  # fmt: skip
    pending = RegistrationFactory(order=pending_order, tariff=tariff,
                                  status=RegistrationStatus.PENDING, days=[first])  # fmt: skip
    transfer_order = OrderFactory(
        congress=congress, state=OrderState.AWAITING_TRANSFER, payment_method=PaymentMethod.TRANSFER,
        total=Decimal("60.00"), placed_by=UserFactory(full_name="Paul Virement"),
    )  # fmt: skip
    RegistrationFactory(order=transfer_order, tariff=tariff, user=transfer_order.placed_by)
    track = TrackFactory(congress=congress, name="Aide alimentaire", slug="aide-alimentaire")
    workshop = SessionFactory(congress=congress, track=track, title="Épicerie et dignité")
    WorkshopSignupFactory(session=workshop, user=delegates[0].user)
    WorkshopSignupFactory(session=workshop, user=english)
    moderator = TrackRoleFactory(track=track, role=TrackRoleKind.MODERATOR,
                                 user=UserFactory(full_name="Mona Animatrice")).user  # fmt: skip
    reviewer = TrackRoleFactory(track=track, role=TrackRoleKind.REVIEWER,
                                user=UserFactory(full_name="Rémi Relecteur")).user  # fmt: skip
    proposal = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    Speaker.objects.create(proposal=proposal, name="Sara Intervenante", email="sara@example.org")
    Speaker.objects.create(proposal=proposal, name="Sans adresse", email="")
    waiting = UserFactory(full_name="Wanda Attente")
    WaitlistEntry.objects.create(congress=congress, user=waiting)
    return World(congress, organiser, tariff, other_tariff, organisation, manager, delegates,
                 english, workshop, track, moderator, reviewer, pending, transfer_order,
                 waiting)  # fmt: skip


@pytest.fixture
def world(db) -> World:
    return make_world()
