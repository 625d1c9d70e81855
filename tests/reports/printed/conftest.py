"""A small edition with everyone who gets a badge: delegates, speakers, moderators, an
organiser; rooms and sessions over two days."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from congress.organisations.models import MembershipRole
from congress.registrations.models import RegistrationStatus
from proposals.models import ProposalState, Speaker
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
)
from tracks.models import TrackRoleKind


@dataclass
class Printed:
    congress: object
    organiser: object
    manager: object
    organisation: object
    tracks: list
    rooms: list
    sessions: list = field(default_factory=list)
    users: dict = field(default_factory=dict)


def delegate(congress, organisation, name, *, days=None, status=RegistrationStatus.CONFIRMED):
    order = OrderFactory(congress=congress, organisation=organisation)
    user = UserFactory(full_name=name)
    return RegistrationFactory(
        order=order,
        user=user,
        status=status,
        days=days if days is not None else [d.isoformat() for d in congress.days],
    )


def make_printed(delegates: int = 1) -> Printed:
    congress = CongressFactory(
        name="2e Congrès national des Solidarités",
        organiser_name="Ville du Mans et CCAS du Mans",
    )
    organiser = UserFactory(full_name="Claire Organisatrice")
    congress.organisers.add(organiser)
    organisation = OrganisationFactory(name="Épicerie solidaire du Maine")
    manager = MembershipFactory(
        organisation=organisation, role=MembershipRole.MANAGER, user=UserFactory()
    ).user
    venue = VenueFactory(congress=congress, name="Palais des Congrès")
    rooms = [
        RoomFactory(venue=venue, name="Salle Sarthe", order=1, hearing_loop=True),
        RoomFactory(venue=venue, name="Salle Loire", order=2, step_free=False),
    ]
    food = TrackFactory(
        congress=congress, name="L'aide alimentaire", slug="aide", colour="#a3361b", order=0
    )
    inclusion = TrackFactory(
        congress=congress, name="Handicap-inclusion", slug="inclusion", colour="#7b2d8b", order=1
    )
    workshop = SessionTypeFactory(congress=congress, name="Atelier", is_workshop=True)
    printed = Printed(congress, organiser, manager, organisation, [food, inclusion], rooms)
    first = SessionFactory(
        congress=congress,
        session_type=workshop,
        track=food,
        room=rooms[0],
        title="Épiceries solidaires",
        lsf_interpretation=True,
    )
    second = SessionFactory(
        congress=congress,
        session_type=workshop,
        track=inclusion,
        room=rooms[1],
        title="Emploi accompagné",
        easy_read_material=True,
        starts_at=first.starts_at + timedelta(days=1),
        ends_at=first.ends_at + timedelta(days=1),
    )
    printed.sessions = [first, second]
    # A speaker of a scheduled workshop (second day), one of an unscheduled proposal.
    proposal = WorkshopProposalFactory(
        congress=congress,
        organisation=organisation,
        track=inclusion,
        state=ProposalState.ACCEPTED,
        session=second,
        speakers=False,
    )
    Speaker.objects.create(
        proposal=proposal, name="Samir Intervenant", organisation_name="ESAT du Maine"
    )
    unscheduled = WorkshopProposalFactory(congress=congress, organisation=organisation, track=food)
    assert unscheduled.speakers.count() == 1
    # Moderators: of a session (first day), of a whole track.
    session_moderator = UserFactory(full_name="Amina Animatrice")
    first.moderators.add(session_moderator)
    MembershipFactory(organisation=organisation, user=session_moderator)
    track_moderator = TrackRoleFactory(
        track=inclusion, role=TrackRoleKind.MODERATOR, user=UserFactory(full_name="Bruno Anime")
    ).user
    TrackRoleFactory(track=food, role=TrackRoleKind.REVIEWER, user=UserFactory())
    printed.users.update(session_moderator=session_moderator, track_moderator=track_moderator)
    for n in range(delegates):
        delegate(
            congress, organisation, f"Déléguée {n + 1}", days=[congress.start_date.isoformat()]
        )
    delegate(congress, organisation, "Pendante", status=RegistrationStatus.PENDING)
    return printed


@pytest.fixture
def printed(db):
    return make_printed()


@pytest.fixture
def organiser_client(client, printed):
    client.force_login(printed.organiser)
    return client
