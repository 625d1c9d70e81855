"""One person, two workshops at the same time, two simultaneous sign-ups: only one passes
(PostgreSQL, real threads). The same race without the person's lock lets both through."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from tests.factories import RoomFactory, SessionFactory, UserFactory, make_participant
from tests.spaces import plain
from tracks import services
from tracks.models import WorkshopSignup

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def race(monkeypatch):
    """The same person signs up for two overlapping workshops at once; returns the outcomes."""
    first = SessionFactory(title="Épiceries solidaires")
    second = SessionFactory(
        congress=first.congress,
        session_type=first.session_type,
        room=RoomFactory(venue=first.room.venue),
        title="Habitat inclusif",
        starts_at=first.starts_at + timedelta(minutes=30),
        ends_at=first.ends_at + timedelta(minutes=30),
    )
    person = UserFactory()
    make_participant(person, first.congress)
    # Widen the window between the overlap check and the write, so a missing lock shows.
    monkeypatch.setattr(services, "_after_overlap_check", lambda: time.sleep(0.3))

    def run():
        barrier = threading.Barrier(2)
        outcomes = [None, None]

        def sign_up(i, session):
            try:
                barrier.wait()
                services.signup_create(session=session, user=person)
                outcomes[i] = "signed up"
            except ValidationError as error:
                outcomes[i] = error.messages[0]
            except Exception as exc:  # noqa: BLE001 - reported by the assertion
                outcomes[i] = repr(exc)
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=sign_up, args=(i, s)) for i, s in enumerate([first, second])
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return person, outcomes

    return run


def test_simultaneous_overlapping_signups_of_one_person_let_one_through(race):
    person, outcomes = race()
    assert outcomes.count("signed up") == 1
    assert plain([o for o in outcomes if o != "signed up"][0]).startswith(
        "Vous êtes déjà inscrit·e à « "
    )
    assert WorkshopSignup.objects.filter(user=person).count() == 1


def test_without_the_lock_on_the_person_the_same_race_double_books(race, monkeypatch):
    monkeypatch.setattr(services, "lock_person", lambda user_pk: None)
    person, outcomes = race()
    assert outcomes == ["signed up", "signed up"]
    assert WorkshopSignup.objects.filter(user=person).count() == 2
