import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from proposals import services as proposal_services
from proposals.models import ProposalState
from tests.factories import (
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
    make_participant,
)
from tests.spaces import plain
from tracks import services
from tracks.models import Session, WorkshopSignup


@pytest.fixture
def room(congress):
    return RoomFactory(venue=VenueFactory(congress=congress), name="Salle Loire", capacity=40)


@pytest.fixture
def workshop(congress, room):
    return SessionFactory(congress=congress, room=room, title="Épiceries solidaires", capacity=2)


def slot(session, minutes=30):
    return {"starts_at": session.starts_at + timedelta(minutes=minutes),
            "ends_at": session.ends_at + timedelta(minutes=minutes)}  # fmt: skip


def save(congress, organiser, **fields):
    base = {"session_type": SessionTypeFactory(congress=congress), "title": "Nouvelle session"}
    return services.session_save(congress=congress, by=organiser, **(base | fields))


# --- scheduling conflicts ---------------------------------------------------------------------


@pytest.mark.django_db
def test_session_in_a_busy_room_is_refused(congress, organiser, room, workshop):
    with pytest.raises(ValidationError) as error:
        save(congress, organiser, room=room, **slot(workshop))
    assert plain(error.value.message_dict["room"]) == plain(
        ["La salle Salle Loire est déjà occupée de 10:00 à 11:30 par « Épiceries solidaires »."]
    )
    assert Session.objects.count() == 1


@pytest.mark.django_db
def test_back_to_back_sessions_in_one_room_are_fine(congress, organiser, room, workshop):
    session = save(
        congress, organiser, room=room, starts_at=workshop.ends_at,
        ends_at=workshop.ends_at + timedelta(hours=1),
    )  # fmt: skip
    assert session.capacity == 40


@pytest.mark.django_db
def test_moderator_in_two_places_at_once_is_refused(congress, organiser, workshop):
    moderator = UserFactory(full_name="Amina Animatrice")
    workshop.moderators.add(moderator)
    other_room = RoomFactory(venue=workshop.room.venue)
    with pytest.raises(ValidationError) as error:
        save(congress, organiser, room=other_room, moderators=[moderator], **slot(workshop))
    assert plain(error.value.message_dict["moderators"]) == plain(
        ["Amina Animatrice anime déjà « Épiceries solidaires » à ce moment-là."]
    )


@pytest.mark.django_db
def test_capacity_above_the_room_is_refused(congress, organiser, room, workshop):
    with pytest.raises(ValidationError) as error:
        save(congress, organiser, room=room, capacity=41, starts_at=workshop.ends_at,
             ends_at=workshop.ends_at + timedelta(hours=1))  # fmt: skip
    assert list(error.value.message_dict) == ["capacity"]


@pytest.mark.django_db
def test_session_save_refused_to_non_organiser(congress, room):
    with pytest.raises(PermissionDenied):
        save(congress, UserFactory(), room=room)


@pytest.mark.django_db
def test_accepted_proposal_becomes_a_workshop(congress, organiser, room):
    SessionTypeFactory(congress=congress, slug="atelier", is_workshop=True)
    proposal = WorkshopProposalFactory(congress=congress, state=ProposalState.ACCEPTED)
    start = SessionFactory.build(congress=congress).starts_at
    session = proposal_services.proposal_schedule(
        proposal=proposal, by=organiser, room=room, starts_at=start,
        ends_at=start + timedelta(minutes=90),
    )  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.session == session
    assert (session.title, session.capacity, session.speakers) == (
        proposal.title,
        40,
        "Nadia Martin, Directrice",
    )
    assert list(session.organisations.all()) == [proposal.organisation]


@pytest.mark.django_db
def test_only_accepted_proposals_are_scheduled(congress, organiser, room, workshop):
    proposal = WorkshopProposalFactory(congress=congress, state=ProposalState.SUBMITTED)
    with pytest.raises(ValidationError):
        proposal_services.proposal_schedule(
            proposal=proposal, by=organiser, room=room, **slot(workshop, 600)
        )


# --- sign-up ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_signup_until_full(workshop):
    users = [UserFactory() for _ in range(3)]
    for user in users:
        make_participant(user, workshop.congress)
    services.signup_create(session=workshop, user=users[0])
    services.signup_create(session=workshop, user=users[1])
    with pytest.raises(ValidationError) as error:
        services.signup_create(session=workshop, user=users[2])
    assert error.value.messages == ["Cet atelier est complet."]
    assert workshop.signups.count() == 2


@pytest.mark.django_db
def test_signup_refuses_non_participants(workshop):
    with pytest.raises(PermissionDenied):
        services.signup_create(session=workshop, user=UserFactory())


@pytest.mark.django_db
def test_signup_refuses_two_workshops_at_once(congress, workshop):
    user = UserFactory()
    make_participant(user, congress)
    services.signup_create(session=workshop, user=user)
    other = SessionFactory(
        congress=congress, session_type=workshop.session_type, room=RoomFactory(venue=workshop.room.venue),
        title="Habitat inclusif", **slot(workshop, 45),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.signup_create(session=other, user=user)
    assert plain(error.value.messages) == plain(
        ["Vous êtes déjà inscrit·e à « Épiceries solidaires » au même moment."]
    )


@pytest.mark.django_db
def test_signup_cancel_frees_the_seat(workshop):
    user = UserFactory()
    make_participant(user, workshop.congress)
    signup = services.signup_create(session=workshop, user=user)
    with pytest.raises(PermissionDenied):
        services.signup_cancel(signup=signup, by=UserFactory())
    services.signup_cancel(signup=signup, by=user)
    assert WorkshopSignup.objects.count() == 0


@pytest.mark.django_db
def test_full_workshop_is_refilled_after_a_cancellation(client, workshop):
    users = [UserFactory() for _ in range(4)]
    for user in users:
        make_participant(user, workshop.congress)
    assert workshop.capacity == 2
    first = services.signup_create(session=workshop, user=users[0])
    services.signup_create(session=workshop, user=users[1])
    with pytest.raises(ValidationError):
        services.signup_create(session=workshop, user=users[2])
    services.signup_cancel(signup=first, by=users[0])
    services.signup_create(session=workshop, user=users[2])  # the freed seat is taken again
    with pytest.raises(ValidationError) as error:
        services.signup_create(session=workshop, user=users[3])
    assert error.value.messages == ["Cet atelier est complet."]
    assert sorted(workshop.signups.values_list("user_id", flat=True)) == sorted(
        [users[1].pk, users[2].pk]
    )
    body = client.get(workshop.get_absolute_url()).content.decode()
    assert "0 place libre sur 2" in body


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_seat_limit_holds_under_concurrency(workshop):
    users = [UserFactory() for _ in range(8)]
    for user in users:
        make_participant(user, workshop.congress)
    barrier = threading.Barrier(len(users))
    outcomes = []

    def attempt(user):
        try:
            barrier.wait()
            services.signup_create(session=workshop, user=user)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full"] * 6 + ["ok"] * 2
    assert WorkshopSignup.objects.filter(session=workshop).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_lock_on_the_session_the_same_race_oversells(workshop, monkeypatch):
    from tests.races import widen, without_row_locks

    users = [UserFactory() for _ in range(8)]
    for user in users:
        make_participant(user, workshop.congress)
    without_row_locks(monkeypatch)
    widen(monkeypatch, services, "_after_overlap_check")  # between the seat count and the write
    barrier = threading.Barrier(len(users))

    def attempt(user):
        try:
            barrier.wait()
            services.signup_create(session=workshop, user=user)
        except ValidationError:
            pass
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert WorkshopSignup.objects.filter(session=workshop).count() > workshop.capacity
