"""Rules of public sign-up (issue 15) beyond the main paths: the room of a place, the places and
limits counted per edition and per activity, the exact messages, the online link's lead time and
who gets a freed place."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.factories import CongressFactory, RoomFactory, VenueFactory
from tests.spaces import plain
from tests.tracks.activities.conftest import make_activity
from tracks.activities import services
from tracks.activities.models import PER_PERSON_LIMIT, ActivityRegistration

pytestmark = pytest.mark.django_db


def register(congress, session, email="camille@example.org", name="Camille Martin"):
    return services.activity_register(
        congress=congress, session=session, full_name=name, email=email
    )


def refusal(congress, session, email="camille@example.org") -> list[str]:
    with pytest.raises(ValidationError) as error:
        register(congress, session, email=email)
    return plain(error.value.messages)


def token_in(message) -> str:
    return message.body.split("/my-registration/")[1].split("/")[0]


# --- the room of a place ------------------------------------------------------------------------


def test_the_room_of_a_place_is_its_first_room_by_order(week):
    venue = VenueFactory(congress=week)
    RoomFactory(venue=venue, name="Grande salle", order=2)
    first = RoomFactory(venue=venue, name="Petite salle", order=1)
    assert services.place_room(venue=venue) == first


def test_a_place_without_room_gets_an_accueil_as_step_free_as_the_place(week):
    stairs = VenueFactory(congress=week, name="Cave voûtée", step_free=False)
    level = VenueFactory(congress=week, name="Rez-de-chaussée", step_free=True)
    room = services.place_room(venue=stairs)
    assert (room.venue, room.name, room.capacity, room.step_free) == (stairs, "Accueil", 80, False)
    assert services.place_room(venue=stairs) == room  # created once, found afterwards
    assert services.place_room(venue=level).step_free is True


# --- the link of a registration -----------------------------------------------------------------


def test_the_registration_page_reads_the_place_and_its_activity_in_one_query(
    week, activity, django_assert_num_queries
):
    token = services.registration_token(register(week, activity))
    with django_assert_num_queries(1):
        found = services.registration_from_token(token)
        assert (found.congress.slug, found.session.room.venue.pk) == (
            "semaine",
            activity.room.venue.pk,
        )


# --- places and limits, per edition and per activity --------------------------------------------


def test_places_of_an_evening_are_counted_in_that_evening_only(db):
    full = CongressFactory(kind="evening", capacity=1)
    other = CongressFactory(kind="evening", capacity=1)
    register(full, None, email="a@example.org")
    assert register(other, None, email="b@example.org").status == "confirmed"


def test_a_cancelled_or_waiting_place_does_not_take_a_place(week):
    activity = make_activity(week, capacity=1)
    services.activity_registration_cancel(registration=register(week, activity, "a@example.org"))
    assert register(week, activity, email="b@example.org").status == "confirmed"
    assert register(week, activity, email="c@example.org").status == "waitlisted"


def test_an_address_registered_to_one_evening_registers_to_another(db):
    first = CongressFactory(kind="evening", capacity=10)
    second = CongressFactory(kind="evening", capacity=10)
    register(first, None)
    assert register(second, None).status == "confirmed"


def test_the_per_person_limit_counts_one_edition_only(week):
    other_week = CongressFactory(slug="autre-semaine", kind="programme")
    for _ in range(PER_PERSON_LIMIT):
        register(other_week, make_activity(other_week, capacity=50))
    assert register(week, make_activity(week, capacity=50)).status == "confirmed"


# --- the exact messages -------------------------------------------------------------------------


def test_each_refusal_says_why_in_full(week, activity):
    closed = make_activity(week, registration_required=False)
    assert refusal(week, closed) == ["Les inscriptions à cette activité ne sont pas ouvertes."]
    register(week, activity)
    assert refusal(week, activity, email="CAMILLE@example.org") == [
        "Cette adresse e-mail est déjà inscrite : voyez le message de confirmation reçu."
    ]
    single = make_activity(week, capacity=1, has_waitlist=False)
    register(week, single, email="a@example.org")
    assert refusal(week, single, email="b@example.org") == ["Complet : il ne reste plus de place."]
    services.activity_registration_cancel(registration=ActivityRegistration.objects.first())
    with pytest.raises(ValidationError) as error:
        services.activity_registration_cancel(registration=ActivityRegistration.objects.first())
    assert plain(error.value.messages) == ["Cette inscription est déjà annulée."]


def test_the_per_person_limit_is_said_in_french_and_in_english(week):
    activities = [make_activity(week, capacity=50) for _ in range(PER_PERSON_LIMIT + 2)]
    for activity in activities[:PER_PERSON_LIMIT]:
        register(week, activity)
    assert refusal(week, activities[-2]) == [
        f"Une même adresse e-mail peut s'inscrire à {PER_PERSON_LIMIT} activités au plus."
    ]
    with translation.override("en"):
        assert refusal(week, activities[-1]) == [
            f"One email address may register for at most {PER_PERSON_LIMIT} activities."
        ]


def test_a_duplicate_caught_by_the_database_is_refused_with_its_message(
    week, activity, monkeypatch
):
    register(week, activity)
    monkeypatch.setattr(
        services.ActivityRegistration.objects,
        "filter",
        lambda *a, **k: ActivityRegistration.objects.none(),
    )
    assert refusal(week, activity) == ["Cette adresse e-mail est déjà inscrite."]


# --- the online link ----------------------------------------------------------------------------


def test_an_online_activity_starting_exactly_one_hour_later_has_its_link_in_the_confirmation(
    week, monkeypatch
):
    now = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    start = now + timedelta(hours=1)
    webinar = make_activity(
        week, is_online=True, online_url="https://visio.example.org/salle", starts_at=start,
        ends_at=start + timedelta(hours=1),
    )  # fmt: skip
    assert register(week, webinar).online_link_sent_at == now


# --- cancelling ---------------------------------------------------------------------------------


def test_cancelling_records_when(week, activity):
    before = timezone.now()
    registration = services.activity_registration_cancel(registration=register(week, activity))
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert before <= registration.cancelled_at <= timezone.now()


def test_the_freed_place_goes_to_the_earliest_registration_waiting(week):
    activity = make_activity(week, capacity=1)
    first = register(week, activity, email="a@example.org")
    later = register(week, activity, email="b@example.org")
    earlier = register(week, activity, email="c@example.org")
    ActivityRegistration.objects.filter(pk=earlier.pk).update(
        created_at=later.created_at - timedelta(minutes=5)
    )
    services.activity_registration_cancel(registration=first)
    assert dict(ActivityRegistration.objects.values_list("email", "status")) == {
        "a@example.org": "cancelled",
        "b@example.org": "waitlisted",
        "c@example.org": "confirmed",
    }


def test_a_freed_place_goes_to_someone_waiting_for_the_same_activity(week):
    elsewhere = make_activity(week, capacity=1)
    register(week, elsewhere, email="x@example.org")
    other_waiting = register(week, elsewhere, email="y@example.org")  # waits first
    activity = make_activity(week, capacity=1)
    first = register(week, activity, email="a@example.org")
    waiting = register(week, activity, email="b@example.org")
    services.activity_registration_cancel(registration=first)
    other_waiting.refresh_from_db()
    waiting.refresh_from_db()
    assert (other_waiting.status, waiting.status) == ("waitlisted", "confirmed")


def test_a_freed_place_of_an_evening_goes_to_someone_waiting_for_that_evening(db):
    other = CongressFactory(kind="evening", capacity=1)
    register(other, None, email="x@example.org")
    other_waiting = register(other, None, email="y@example.org")  # waits first
    evening = CongressFactory(kind="evening", capacity=1)
    first = register(evening, None, email="a@example.org")
    waiting = register(evening, None, email="b@example.org")
    services.activity_registration_cancel(registration=first)
    other_waiting.refresh_from_db()
    waiting.refresh_from_db()
    assert (other_waiting.status, waiting.status) == ("waitlisted", "confirmed")


def test_the_person_given_a_freed_place_gets_their_own_link(
    week, django_capture_on_commit_callbacks
):
    activity = make_activity(week, capacity=1)
    first = register(week, activity, email="a@example.org")
    waiting = register(week, activity, email="b@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_registration_cancel(registration=first)
    [message] = mail.outbox
    assert message.to == ["b@example.org"]
    assert services.registration_from_token(token_in(message)) == waiting
