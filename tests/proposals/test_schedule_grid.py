"""The organisers' editable workshop grid (issue 14): place and move accepted workshops; room
double-booked, moderator in two places and too many people signed up for the room are refused,
shown on the workshop, nothing changed."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from proposals.models import ProposalState
from proposals.scheduling.forms import slot_value
from proposals.selectors import session_placement
from tests.factories import (
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
    WorkshopSignupFactory,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


@pytest.fixture
def rooms(congress):
    venue = VenueFactory(congress=congress)
    SessionTypeFactory(congress=congress, slug="atelier")
    return RoomFactory(venue=venue, name="Salle Loire", capacity=60), RoomFactory(
        venue=venue, name="Salle Sarthe", capacity=2
    )


def at(congress, hour, minute=0):
    day = congress.start_date
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def placed_workshop(congress, track, room, start, **kwargs):
    session = SessionFactory(
        congress=congress, room=room, starts_at=start, ends_at=start + timedelta(hours=1),
        capacity=room.capacity, **kwargs,
    )  # fmt: skip
    proposal = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.ACCEPTED, session=session
    )
    return proposal, session


def place(client, congress, proposal, room, start, placed=None):
    prefix = f"w{proposal.pk}-"
    if placed is None:
        s = proposal.session
        placed = session_placement(s)
    return client.post(
        reverse("schedule_grid_place", args=[congress.slug, proposal.pk]),
        {prefix + "slot": slot_value(start), prefix + "room": room.pk, prefix + "placed": placed},
    )


@pytest.mark.parametrize("n", [1, 3])
def test_the_grid_costs_the_same_queries_for_1_or_3_workshops(
    client, congress, track, organiser, rooms, n, django_assert_num_queries
):
    for i in range(n):
        placed_workshop(congress, track, rooms[0], at(congress, 9 + 2 * i))
        WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    client.force_login(organiser)
    with django_assert_num_queries(10):
        response = client.get(reverse("schedule_grid", args=[congress.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert len(response.context["grid"].unplaced) == n
    titles = [p.title for p in response.context["grid"].unplaced]
    titles += [s.workshop.title for d in response.context["grid"].days for r in d.rows
               for c in r.cells for s in c.sessions]  # fmt: skip
    assert len(titles) == 2 * n
    assert [t for t in titles if f'<span class="fw-bold">{escape(t)}</span>' not in body] == []
    assert body.count("data-place-form") == 2 * n


def test_placing_an_unscheduled_workshop_creates_its_90_minute_session(
    client, congress, track, organiser, rooms
):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    client.force_login(organiser)
    response = place(client, congress, proposal, rooms[0], at(congress, 14))
    assert response.status_code == 302
    assert response.url.endswith(f"#workshop-{proposal.pk}")
    proposal.refresh_from_db()
    session = proposal.session
    assert (session.room, session.capacity) == (rooms[0], 60)
    assert timezone.localtime(session.starts_at).strftime("%H:%M") == "14:00"
    assert session.ends_at - session.starts_at == timedelta(minutes=90)


def test_moving_keeps_length_and_moderators(client, congress, track, organiser, rooms):
    moderator = UserFactory(full_name="Amina Animatrice")
    proposal, session = placed_workshop(congress, track, rooms[0], at(congress, 9))
    session.moderators.add(moderator)
    client.force_login(organiser)
    response = place(client, congress, proposal, rooms[0], at(congress, 15, 30))
    assert response.status_code == 302
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).strftime("%H:%M") == "15:30"
    assert session.ends_at - session.starts_at == timedelta(hours=1)
    assert list(session.moderators.all()) == [moderator]


def _refused(response, proposal, session, message):
    assert response.status_code == 400
    body = plain(response.content.decode())
    assert message in body
    assert "data-error-summary" in body and f'id="workshop-{proposal.pk}"' in body
    before = (session.room_id, session.starts_at)
    session.refresh_from_db()
    assert (session.room_id, session.starts_at) == before


def test_a_room_already_taken_is_refused_in_place(client, congress, track, organiser, rooms):
    other, _ = placed_workshop(congress, track, rooms[0], at(congress, 14))
    proposal, session = placed_workshop(congress, track, rooms[0], at(congress, 9))
    client.force_login(organiser)
    response = place(client, congress, proposal, rooms[0], at(congress, 14, 30))
    _refused(
        response,
        proposal,
        session,
        f"La salle Salle Loire est déjà occupée de 14:00 à 15:00 par « {escape(other.session.title)} »",
    )


def test_a_moderator_expected_elsewhere_is_refused(client, congress, track, organiser, rooms):
    moderator = UserFactory(full_name="Amina Animatrice")
    other, other_session = placed_workshop(congress, track, rooms[1], at(congress, 14))
    other_session.moderators.add(moderator)
    proposal, session = placed_workshop(congress, track, rooms[0], at(congress, 9))
    session.moderators.add(moderator)
    client.force_login(organiser)
    response = place(client, congress, proposal, rooms[0], at(congress, 14))
    _refused(response, proposal, session, "Amina Animatrice anime déjà")


def test_a_room_too_small_for_the_people_signed_up_is_refused(
    client, congress, track, organiser, rooms
):
    proposal, session = placed_workshop(congress, track, rooms[0], at(congress, 9))
    for _ in range(3):
        WorkshopSignupFactory(session=session)
    client.force_login(organiser)
    response = place(client, congress, proposal, rooms[1], at(congress, 11))
    _refused(response, proposal, session, "Il y a déjà plus d&#x27;inscrits que cette capacité.")


def test_a_stale_grid_is_refused_and_the_form_can_be_sent_again(
    client, congress, track, organiser, rooms
):
    proposal, session = placed_workshop(congress, track, rooms[0], at(congress, 9))
    client.force_login(organiser)
    response = place(client, congress, proposal, rooms[0], at(congress, 11), placed="")
    _refused(response, proposal, session, "Cet atelier a été déplacé entre-temps")
    fresh = session_placement(session)
    assert f'value="{fresh}"' in response.content.decode()
    assert place(client, congress, proposal, rooms[0], at(congress, 11)).status_code == 302


def test_only_accepted_workshops_of_the_edition_and_only_by_organisers(
    client, congress, track, organiser, rooms
):
    submitted = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED
    )
    client.force_login(organiser)
    assert place(client, congress, submitted, rooms[0], at(congress, 9)).status_code == 404
    accepted = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    client.force_login(UserFactory())
    assert place(client, congress, accepted, rooms[0], at(congress, 9)).status_code == 403
    assert client.get(reverse("schedule_grid", args=[congress.slug])).status_code == 403
    accepted.refresh_from_db()
    assert accepted.session is None


def test_an_unknown_slot_or_room_is_refused_in_the_form(client, congress, track, organiser, rooms):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    client.force_login(organiser)
    response = client.post(
        reverse("schedule_grid_place", args=[congress.slug, proposal.pk]),
        {f"w{proposal.pk}-slot": "2001-01-01T03:00", f"w{proposal.pk}-room": "999999"},
    )
    assert response.status_code == 400
    assert "data-error-summary" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.session is None
