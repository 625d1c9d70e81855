"""Who may sign up to public activities and who gets an online activity's link (issue 15):
closed and archived editions still show their programme but an ended one takes nobody; a
cancelled activity takes nobody; the link goes to a confirmed place of an online activity with
a link only."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.factories import CongressFactory
from tests.tracks.activities.conftest import make_activity
from tracks.activities.permissions import online_link_given, public_signup_open

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["published", "closed", "archived"])
def test_a_visible_running_edition_takes_sign_ups(week, activity, status):
    week.status = status
    assert public_signup_open(week, activity) is True


def test_an_ended_edition_takes_no_sign_up(db):
    yesterday = timezone.localdate() - timedelta(days=1)
    ended = CongressFactory(
        kind="evening", start_date=yesterday - timedelta(days=1), end_date=yesterday
    )
    assert public_signup_open(ended, None) is False
    ended.end_date = timezone.localdate()  # its last day is today
    assert public_signup_open(ended, None) is True


def test_the_evening_takes_sign_ups_with_its_feature_and_programme_on(db):
    evening = CongressFactory(kind="evening")
    assert public_signup_open(evening, None) is True
    evening.features = {"activity_signup": False}
    assert public_signup_open(evening, None) is False
    evening.features = {}
    evening.programme_published = False
    assert public_signup_open(evening, None) is False


def test_a_cancelled_activity_takes_no_sign_up(week):
    activity = make_activity(week)
    assert public_signup_open(week, activity) is True
    activity.cancelled_at = timezone.now()
    assert public_signup_open(week, activity) is False


def test_an_activity_takes_sign_ups_until_it_starts(week, monkeypatch):
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)
    activity = make_activity(week, starts_at=now + timedelta(days=1))
    activity.starts_at = now + timedelta(seconds=1)
    assert public_signup_open(week, activity) is True
    activity.starts_at = now
    assert public_signup_open(week, activity) is False


def place(status="confirmed", **session):
    values = dict(is_online=True, online_url="https://visio.example.org/salle")
    values.update(session)
    return SimpleNamespace(status=status, session=SimpleNamespace(**values))


def test_the_link_goes_to_a_confirmed_place_of_an_online_activity_with_a_link():
    assert online_link_given(place()) is True
    assert online_link_given(place(status="waitlisted")) is False
    assert online_link_given(place(status="cancelled")) is False
    assert online_link_given(place(is_online=False)) is False
    assert online_link_given(place(online_url="")) is False
    assert online_link_given(SimpleNamespace(status="confirmed", session=None)) is False
