"""Rules of tracks/services.py that its other tests left unproven (issue 19, survivors of the
mutation run): the refusals' wording, the roles read again after a change, the workshop type
chosen among the edition's own types."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from congress.audit.models import AuditEntry
from proposals.outcomes.models import Outcome
from tests.factories import (
    CongressFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    UserFactory,
    WorkshopSignupFactory,
    make_participant,
)
from tests.spaces import plain
from tracks import permissions, services
from tracks.models import Session, TrackRole, TrackRoleKind

pytestmark = pytest.mark.django_db

ONLY_ORGANISERS_GIVE_ROLES = "Seuls les organisateurs attribuent les rôles."


def test_only_organisers_give_or_take_track_roles_and_they_are_told_so(congress, organiser):
    track = TrackFactory(congress=congress)
    person = UserFactory()

    with pytest.raises(PermissionDenied) as adding:
        services.track_role_add(track=track, user=person, role=TrackRoleKind.REVIEWER, by=person)
    role = services.track_role_add(
        track=track, user=person, role=TrackRoleKind.REVIEWER, by=organiser
    )
    with pytest.raises(PermissionDenied) as removing:
        services.track_role_remove(track_role=role, by=person)

    assert [str(adding.value), str(removing.value)] == [ONLY_ORGANISERS_GIVE_ROLES] * 2
    assert TrackRole.objects.filter(pk=role.pk).exists()


def test_a_role_given_twice_is_one_role_and_is_seen_at_once(congress, organiser):
    """The person's roles, read once per request, are read again after the change."""
    track = TrackFactory(congress=congress)
    person = UserFactory()
    assert permissions.is_reviewer(person, track) is False  # roles read and kept on `person`

    first = services.track_role_add(
        track=track, user=person, role=TrackRoleKind.REVIEWER, by=organiser
    )
    again = services.track_role_add(
        track=track, user=person, role=TrackRoleKind.REVIEWER, by=organiser
    )

    assert (again.pk, TrackRole.objects.filter(user=person).count()) == (first.pk, 1)
    assert (first.track, first.user, first.role) == (track, person, TrackRoleKind.REVIEWER)
    assert permissions.is_reviewer(person, track) is True


def test_the_workshop_type_is_one_of_the_editions_own(congress):
    other = CongressFactory()
    SessionTypeFactory(congress=other, slug="world-cafe", is_workshop=True, order=0)
    ours = SessionTypeFactory(congress=congress, slug="atelier", is_workshop=True, order=1)
    SessionTypeFactory(congress=congress, slug="world-cafe", is_workshop=False, order=2)

    assert services.workshop_session_type(congress) == ours
    assert services.workshop_session_type(congress, "world-cafe") == ours


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "La salle Salle Lumière est déjà occupée de 14:00 à 15:30 par « Plénière »."),
        ("en", "Room Salle Lumière is already booked from 14:00 to 15:30 for “Plénière”."),
    ],
)
def test_a_busy_room_is_named_with_its_local_hours(congress, organiser, language, message):
    """The clash's hours are local, on 24 hours, whatever the language (not « 2 p.m. »)."""
    afternoon = timezone.make_aware(datetime.combine(congress.start_date, time(14, 0)))
    busy = SessionFactory(
        congress=congress,
        title="Plénière",
        starts_at=afternoon,
        ends_at=afternoon + timedelta(minutes=90),
        room__name="Salle Lumière",
    )

    with translation.override(language), pytest.raises(ValidationError) as error:
        services.session_save(
            congress=congress,
            by=organiser,
            session_type=busy.session_type,
            title="Atelier",
            room=busy.room,
            starts_at=afternoon + timedelta(hours=1),
            ends_at=afternoon + timedelta(hours=2),
        )

    assert plain(error.value.message_dict["room"]) == [message]


@pytest.mark.parametrize(
    ("room_capacity", "message"),
    [
        (1, "La séance ne peut pas accueillir plus de 1 personne : c'est la capacité de « Box »."),
        (
            12,
            "La séance ne peut pas accueillir plus de 12 personnes : c'est la capacité de « Box ».",
        ),
    ],
)
def test_a_session_larger_than_its_room_is_refused_with_the_rooms_capacity(
    congress, organiser, room_capacity, message
):
    room = RoomFactory(venue__congress=congress, name="Box", capacity=room_capacity)
    starts_at = timezone.make_aware(datetime.combine(congress.start_date, time(9, 0)))

    with pytest.raises(ValidationError) as error:
        services.session_save(
            congress=congress,
            by=organiser,
            session_type=SessionTypeFactory(congress=congress),
            title="Atelier",
            room=room,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            capacity=room_capacity + 1,
        )

    assert plain(error.value.message_dict) == {"capacity": [message]}
    assert Session.objects.count() == 0


def test_only_organisers_delete_a_session_and_they_are_told_so(congress):
    session = SessionFactory(congress=congress)

    with pytest.raises(PermissionDenied) as error:
        services.session_delete(session=session, by=UserFactory())

    assert str(error.value) == "Seuls les organisateurs construisent le programme."
    assert Session.objects.filter(pk=session.pk).exists()


def test_deleting_a_session_is_audited_in_its_edition_and_another_sessions_outcome_is_no_bar(
    congress, organiser
):
    """The outcome that bars deleting is the session's own; the audit entry keeps its title and
    start (the session row is gone) and belongs to its edition's log."""
    reported = SessionFactory(congress=congress, title="Atelier rapporté")
    Outcome.objects.create(congress=congress, session=reported)
    session = SessionFactory(
        congress=congress,
        title="Forum libre",
        starts_at=reported.ends_at,
        ends_at=reported.ends_at + timedelta(hours=1),
    )

    services.session_delete(session=session, by=organiser)

    assert list(Session.objects.values_list("pk", flat=True)) == [reported.pk]
    entry = AuditEntry.objects.get(action="session.deleted")
    assert (entry.congress, entry.actor, entry.target_repr, entry.details) == (
        congress,
        organiser,
        "Forum libre",
        {"title": "Forum libre", "starts_at": session.starts_at.astimezone(UTC).isoformat()},
    )


def _slot(congress, hour):
    starts_at = timezone.make_aware(datetime.combine(congress.start_date, time(hour, 0)))
    return {"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=1)}


def test_a_moderator_is_busy_only_in_sessions_at_the_same_time(congress, organiser):
    """Another moderator at the same time, or the same moderator at another time (or in the
    session being changed), is no clash."""
    busy = UserFactory(full_name="Awa Diallo")
    free = UserFactory()
    morning = SessionFactory(congress=congress, **_slot(congress, 9))
    morning.moderators.add(busy)
    SessionFactory(congress=congress, **_slot(congress, 14)).moderators.add(free)
    room = RoomFactory(venue__congress=congress, capacity=30)
    fields = {"session_type": morning.session_type, "room": room, "capacity": 30}

    same_time = services.session_save(
        congress=congress, by=organiser, moderators=[free], title="A", **fields,
        **_slot(congress, 9),
    )  # fmt: skip
    retitled = services.session_save(
        congress=congress, by=organiser, session=morning, moderators=[busy], title="Matin"
    )

    assert list(same_time.moderators.all()) == [free]
    assert list(retitled.moderators.all()) == [busy]
    with pytest.raises(ValidationError) as error:
        services.session_save(congress=congress, by=organiser, session=same_time, moderators=[busy])
    assert plain(error.value.message_dict) == {
        "moderators": [f"Awa Diallo anime déjà « {morning.title} » à ce moment-là."]
    }


def test_changing_a_session_without_naming_its_moderators_keeps_them(congress, organiser):
    session = SessionFactory(congress=congress, title="Avant")
    moderator = UserFactory()
    session.moderators.add(moderator)

    services.session_save(congress=congress, by=organiser, session=session, title="Après")

    assert list(Session.objects.get(pk=session.pk).moderators.all()) == [moderator]


def test_only_organisers_build_the_programme_and_unknown_fields_are_named(congress, organiser):
    session = SessionFactory(congress=congress, title="Avant")

    with pytest.raises(PermissionDenied) as refused:
        services.session_save(congress=congress, by=UserFactory(), session=session, title="X")
    with pytest.raises(TypeError) as unknown:
        services.session_save(
            congress=congress, by=organiser, session=session, colour="red", level=2
        )

    assert str(refused.value) == "Seuls les organisateurs construisent le programme."
    assert str(unknown.value) == "Unknown session fields: ['colour', 'level']"
    assert Session.objects.get(pk=session.pk).title == "Avant"


def test_only_the_person_or_an_organiser_cancels_a_sign_up_and_others_are_told_so(congress):
    signup = WorkshopSignupFactory(session=SessionFactory(congress=congress))

    with pytest.raises(PermissionDenied) as error:
        services.signup_cancel(signup=signup, by=UserFactory())

    assert str(error.value) == "Vous ne pouvez pas annuler cette inscription."


def test_a_deactivated_accounts_calendar_link_opens_nothing(congress):
    active, deactivated = UserFactory(), UserFactory(is_active=False)

    found = [
        services.user_from_calendar_token(services.calendar_token(u, congress), u.pk, congress)
        for u in (active, deactivated)
    ]

    assert found == [active, None]


def test_sign_up_refusals_say_why(congress):
    """A person signing someone else up, or someone not registered, is told why."""
    workshop = SessionFactory(congress=congress, session_type__is_workshop=True)
    participant, stranger = UserFactory(), UserFactory()
    make_participant(participant, congress)

    with pytest.raises(PermissionDenied) as for_someone_else:
        services.signup_create(session=workshop, user=participant, by=stranger)
    with pytest.raises(PermissionDenied) as not_registered:
        services.signup_create(session=workshop, user=stranger)

    assert [str(for_someone_else.value), str(not_registered.value)] == [
        "Vous ne pouvez pas inscrire cette personne.",
        "Seules les personnes inscrites au congrès peuvent s'inscrire aux ateliers.",
    ]


def test_only_sign_ups_at_the_same_hours_of_the_same_edition_clash(congress):
    """A workshop that starts after this one ends is no clash; nor is a sign-up at the same
    hours at another edition."""
    other_edition = CongressFactory(start_date=congress.start_date, end_date=congress.end_date)
    person = UserFactory()
    make_participant(person, congress)
    make_participant(person, other_edition)
    morning = SessionFactory(
        congress=congress, session_type__is_workshop=True, **_slot(congress, 9)
    )
    later = SessionFactory(congress=congress, session_type__is_workshop=True, **_slot(congress, 11))
    elsewhere = SessionFactory(
        congress=other_edition, session_type__is_workshop=True, **_slot(congress, 9)
    )
    services.signup_create(session=later, user=person)
    services.signup_create(session=elsewhere, user=person)

    services.signup_create(session=morning, user=person)

    assert set(person.workshop_signups.values_list("session_id", flat=True)) == {
        morning.pk,
        later.pk,
        elsewhere.pk,
    }
