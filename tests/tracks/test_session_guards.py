"""Guards of the programme's sessions: each test fails when its guard is removed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import (
    CongressFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
    WorkshopSignupFactory,
    make_participant,
)
from tests.spaces import plain
from tracks import services
from tracks.models import Session, TrackRole, WorkshopSignup

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(congress):
    return RoomFactory(venue=VenueFactory(congress=congress), capacity=40)


@pytest.fixture
def workshop(congress, room):
    return SessionFactory(congress=congress, room=room, capacity=3)


def session_rows():
    return sorted(
        Session.objects.values_list(
            "pk", "title", "room_id", "track_id", "session_type_id", "capacity"
        )
    )


def refused_save(congress, organiser, session=None, **fields):
    before = session_rows()
    with pytest.raises(ValidationError) as error:
        services.session_save(congress=congress, by=organiser, session=session, **fields)
    assert session_rows() == before
    return error.value


def new_session(congress, **extra):
    return {
        "session_type": SessionTypeFactory(congress=congress),
        "title": "Plénière",
        "starts_at": extra.pop("starts_at"),
        "ends_at": extra.pop("ends_at"),
        **extra,
    }


def test_a_room_of_another_edition_is_refused(congress, organiser, workshop):
    foreign_room = RoomFactory(venue=VenueFactory(congress=CongressFactory()), capacity=40)
    error = refused_save(congress, organiser, session=workshop, room=foreign_room)
    assert error.message_dict == {"room": ["Cette salle n'appartient pas à cette édition."]}


def test_a_session_type_of_another_edition_is_refused(congress, organiser, workshop):
    foreign_type = SessionTypeFactory(congress=CongressFactory())
    error = refused_save(congress, organiser, session=workshop, session_type=foreign_type)
    assert error.message_dict == {"session_type": ["Type de session inconnu pour cette édition."]}


def test_a_track_of_another_edition_is_refused(congress, organiser, workshop):
    foreign_track = TrackFactory(congress=CongressFactory())
    error = refused_save(congress, organiser, session=workshop, track=foreign_track)
    assert error.message_dict == {"track": ["Thème inconnu pour cette édition."]}


def test_a_new_session_with_a_room_of_another_edition_is_refused(congress, organiser, workshop):
    foreign_room = RoomFactory(venue=VenueFactory(congress=CongressFactory()), capacity=40)
    fields = new_session(congress, starts_at=workshop.starts_at, ends_at=workshop.ends_at)
    error = refused_save(congress, organiser, room=foreign_room, **fields)
    assert error.message_dict == {"room": ["Cette salle n'appartient pas à cette édition."]}


def test_lowering_the_capacity_below_the_sign_ups_is_refused(congress, organiser, workshop):
    for _n in range(3):
        WorkshopSignupFactory(session=workshop)
    error = refused_save(congress, organiser, session=workshop, capacity=2)
    assert error.message_dict == {"capacity": ["Il y a déjà plus d'inscrits que cette capacité."]}


def test_lowering_the_capacity_to_the_sign_ups_is_accepted(congress, organiser, workshop):
    for _n in range(2):
        WorkshopSignupFactory(session=workshop)
    services.session_save(congress=congress, by=organiser, session=workshop, capacity=2)
    workshop.refresh_from_db()
    assert workshop.capacity == 2


def test_unknown_session_fields_are_a_programming_error(congress, organiser, workshop):
    with pytest.raises(TypeError):
        services.session_save(congress=congress, by=organiser, session=workshop, colour="red")


# --- sign-up ----------------------------------------------------------------------------------


def test_signing_up_to_a_session_without_sign_up_is_refused(congress, room):
    plenary = SessionFactory(
        congress=congress,
        room=room,
        session_type=SessionTypeFactory(congress=congress, is_workshop=False),
    )
    person = UserFactory()
    make_participant(person, congress)
    with pytest.raises(ValidationError) as error:
        services.signup_create(session=plenary, user=person)
    assert error.value.messages == ["Cette session est ouverte à tous, sans inscription."]
    assert WorkshopSignup.objects.count() == 0


def test_signing_up_twice_is_refused(congress, workshop):
    person = UserFactory()
    make_participant(person, congress)
    services.signup_create(session=workshop, user=person)
    with pytest.raises(ValidationError) as error:
        services.signup_create(session=workshop, user=person)
    assert error.value.messages == ["Vous êtes déjà inscrit·e à cet atelier."]
    assert WorkshopSignup.objects.count() == 1


def test_cancelling_someone_elses_sign_up_is_refused(workshop):
    signup = WorkshopSignupFactory(session=workshop)
    with pytest.raises(PermissionDenied):
        services.signup_cancel(signup=signup, by=UserFactory())
    assert WorkshopSignup.objects.count() == 1


# --- track roles ------------------------------------------------------------------------------


def test_track_roles_are_given_and_removed_by_organisers_only(congress, organiser):
    track = TrackFactory(congress=congress)
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        services.track_role_add(track=track, user=person, role="reviewer", by=person)
    assert TrackRole.objects.count() == 0
    role = services.track_role_add(track=track, user=person, role="reviewer", by=organiser)
    with pytest.raises(PermissionDenied):
        services.track_role_remove(track_role=role, by=person)
    assert TrackRole.objects.count() == 1


def test_a_session_without_a_room_is_refused(congress, organiser, workshop):
    start = workshop.ends_at
    error = refused_save(
        congress,
        organiser,
        **new_session(congress, starts_at=start, ends_at=start + (start - workshop.starts_at)),
    )
    assert "room" in error.message_dict


def test_a_sign_up_slipping_in_past_the_checks_is_refused_by_the_constraint(
    congress, workshop, monkeypatch
):
    """The unique constraint is the last word when a second sign-up of the same person is
    saved between the checks and the write (here by the test hook; through the service the
    session's lock prevents it, a write bypassing the service does not): a clear message
    instead of a crash."""
    person = UserFactory()
    make_participant(person, congress)

    def slipped_in():
        WorkshopSignup.objects.create(session=workshop, user=person)

    monkeypatch.setattr(services, "_after_overlap_check", slipped_in)
    # The row arrives after full_clean() (which would name the constraint itself).
    monkeypatch.setattr(WorkshopSignup, "full_clean", lambda self, *a, **k: None)
    with pytest.raises(ValidationError) as error:
        services.signup_create(session=workshop, user=person)
    assert error.value.messages == ["Vous êtes déjà inscrit·e à cet atelier."]
    # The simulated row was written in the service's own transaction: all of it rolled back.
    assert not WorkshopSignup.objects.filter(session=workshop, user=person).exists()


def test_the_workshop_type_is_the_chosen_one_else_the_first(congress):
    with pytest.raises(ValidationError) as error:
        services.workshop_session_type(congress)
    assert plain(error.value.messages) == plain(
        ["Aucun type de session « atelier » n'est défini pour l'édition."]
    )
    SessionTypeFactory(congress=congress, slug="pleniere", is_workshop=False, order=0)
    first = SessionTypeFactory(congress=congress, slug="atelier", is_workshop=True, order=1)
    world_cafe = SessionTypeFactory(congress=congress, slug="world-cafe", is_workshop=True, order=2)
    assert services.workshop_session_type(congress) == first
    assert services.workshop_session_type(congress, "world-cafe") == world_cafe
    assert services.workshop_session_type(congress, "pleniere") == first  # not a workshop
    assert services.workshop_session_type(congress, "inconnu") == first
