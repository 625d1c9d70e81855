"""Public sign-up (issue 15): places, the waiting list, the limits that stop hoarding, cancel."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tests.tracks.activities.conftest import make_activity
from tracks.activities import privacy, services
from tracks.activities.models import PER_PERSON_LIMIT, ActivityRegistration
from tracks.activities.permissions import online_link_given, public_signup_open
from tracks.activities.selectors import places_left

pytestmark = pytest.mark.django_db


def register(congress, session, email="camille@example.org", name="Camille Martin"):
    return services.activity_register(
        congress=congress, session=session, full_name=name, email=email
    )


def test_register_confirms_a_place_and_mails_an_ics(
    week, activity, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(week, activity, email="  Camille@Example.org ")
    assert (registration.status, registration.email) == ("confirmed", "camille@example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert plain(message.subject) == plain(f"Inscription confirmée : {activity.title}")
    assert [name for name, _content, _type in message.attachments] == [
        f"activite-{activity.pk}.ics"
    ]
    token = message.body.split("/my-registration/")[1].split("/")[0]
    assert services.registration_from_token(token) == registration


def test_register_twice_with_the_same_address_is_refused(week, activity):
    register(week, activity)
    with pytest.raises(ValidationError, match="déjà inscrite"):
        register(week, activity, email="CAMILLE@example.org")
    assert ActivityRegistration.objects.count() == 1


def test_a_full_activity_puts_people_on_the_waiting_list(week, activity):
    register(week, activity, email="a@example.org")
    register(week, activity, email="b@example.org")
    third = register(week, activity, email="c@example.org")
    assert third.status == "waitlisted"


def test_a_full_activity_without_waiting_list_says_complet(week):
    activity = make_activity(week, capacity=1, has_waitlist=False)
    register(week, activity, email="a@example.org")
    with pytest.raises(ValidationError, match="Complet"):
        register(week, activity, email="b@example.org")
    assert ActivityRegistration.objects.filter(session=activity).count() == 1


def test_one_address_cannot_hoard_places_across_activities(week):
    activities = [make_activity(week, capacity=50) for _ in range(PER_PERSON_LIMIT + 1)]
    for activity in activities[:PER_PERSON_LIMIT]:
        register(week, activity)
    with pytest.raises(ValidationError, match=f"{PER_PERSON_LIMIT} activités au plus"):
        register(week, activities[-1])
    assert ActivityRegistration.objects.count() == PER_PERSON_LIMIT


def test_a_cancelled_place_goes_to_the_first_person_waiting(
    week, activity, django_capture_on_commit_callbacks
):
    first = register(week, activity, email="a@example.org")
    register(week, activity, email="b@example.org")
    waiting = register(week, activity, email="c@example.org")
    register(week, activity, email="d@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_registration_cancel(registration=first)
    waiting.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, waiting.status) == ("cancelled", "confirmed")
    assert [m.to for m in mail.outbox] == [["c@example.org"]]
    with pytest.raises(ValidationError, match="déjà annulée"):
        services.activity_registration_cancel(registration=first)


def test_cancelling_a_waiting_place_promotes_nobody(week, activity):
    register(week, activity, email="a@example.org")
    register(week, activity, email="b@example.org")
    waiting = register(week, activity, email="c@example.org")
    services.activity_registration_cancel(registration=waiting)
    assert list(ActivityRegistration.objects.order_by("pk").values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "cancelled",
    ]


def test_after_a_cancellation_the_address_may_register_again(week, activity):
    services.activity_registration_cancel(registration=register(week, activity))
    assert register(week, activity).status == "confirmed"


def test_the_evening_has_one_registration_within_the_edition_capacity(db):
    evening = CongressFactory(kind="evening", capacity=1)
    assert register(evening, None, email="a@example.org").status == "confirmed"
    assert register(evening, None, email="b@example.org").status == "waitlisted"
    with pytest.raises(ValidationError, match="déjà inscrite"):
        register(evening, None, email="a@example.org")


def test_registration_is_closed_when_not_required_unpublished_switched_off_or_started(week):
    free = make_activity(week, registration_required=False)
    started = make_activity(week, starts_at=timezone.now() - timedelta(minutes=5))
    assert public_signup_open(week, free) is False
    assert public_signup_open(week, started) is False
    activity = make_activity(week)
    week.programme_published = False
    assert public_signup_open(week, activity) is False
    week.programme_published = True
    week.features = {"activity_signup": False}
    assert public_signup_open(week, activity) is False
    week.features = {}
    assert public_signup_open(week, activity) is True
    assert public_signup_open(week, None) is False  # a week has no registration for itself
    week.status = "draft"
    assert public_signup_open(week, activity) is False
    with pytest.raises(ValidationError, match="pas ouvertes"):
        register(CongressFactory(kind="programme", status="draft"), None)


def test_a_congress_keeps_public_sign_up_off(db):
    congress = CongressFactory()
    activity = make_activity(congress)
    assert public_signup_open(congress, activity) is False


def test_the_online_link_goes_to_confirmed_places_only(week, django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(minutes=20)  # within the hour: the link is in the e-mail
    webinar = make_activity(
        week, capacity=1, is_online=True, online_url="https://visio.example.org/secret-room",
        starts_at=start, ends_at=start + timedelta(hours=1),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = register(week, webinar, email="a@example.org")
        waiting = register(week, webinar, email="b@example.org")
    assert (online_link_given(confirmed), online_link_given(waiting)) == (True, False)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "secret-room" in bodies["a@example.org"]
    assert "secret-room" not in bodies["b@example.org"]


def test_a_forged_or_unknown_token_finds_nothing(week, activity):
    registration = register(week, activity)
    token = services.registration_token(registration)
    assert services.registration_from_token(token) == registration
    assert services.registration_from_token(token + "x") is None
    registration.delete()
    assert services.registration_from_token(token) is None


def test_a_duplicate_slipping_past_the_check_is_refused_by_the_constraint(
    week, activity, monkeypatch
):
    register(week, activity)
    # As if two requests had passed the check together: the database keeps one.
    monkeypatch.setattr(
        services.ActivityRegistration.objects,
        "filter",
        lambda *a, **k: ActivityRegistration.objects.none(),
    )
    with pytest.raises(ValidationError, match="déjà inscrite"):
        register(week, activity)


def test_places_left_of_an_evening_without_a_limit_is_none(db):
    assert places_left(CongressFactory(kind="evening", capacity=None), None) is None


def test_personal_data_export_and_erasure_cover_public_registrations(week, activity):
    person = UserFactory(email="Camille@Example.org")
    register(week, activity, email="camille@example.org")
    assert [r["activity"] for r in privacy.export(person)["public_registrations"]] == [
        activity.title
    ]
    privacy.erase(person)
    assert ActivityRegistration.objects.count() == 0
