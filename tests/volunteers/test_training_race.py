"""The last place of a training session, wanted by two people at the same instant: one gets it,
the other goes on the waiting list (PostgreSQL, real threads). Without the session's lock the
same race gives the place twice."""

import threading
import time

import pytest
from django.db import connections

from tests.factories.volunteers import TrainingSessionFactory, VolunteerProfileFactory
from volunteers import services
from volunteers.models import BookingStatus, TrainingSession

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def race(monkeypatch):
    session = TrainingSessionFactory(capacity=1)
    people = [VolunteerProfileFactory().user for _ in range(2)]
    # Widen the window between counting the places and taking one, so a missing lock shows.
    monkeypatch.setattr(services, "_after_count", lambda: time.sleep(0.3))

    def run():
        barrier = threading.Barrier(2)
        outcomes = [None, None]

        def book(i, person):
            try:
                barrier.wait()
                outcomes[i] = services.training_book(session=session, user=person).status
            except Exception as exc:  # noqa: BLE001 - reported by the assertion
                outcomes[i] = repr(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=book, args=(i, p)) for i, p in enumerate(people)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return session, outcomes

    return run


def test_the_last_place_goes_to_one_person_the_other_waits(race):
    session, outcomes = race()
    assert sorted(outcomes) == [BookingStatus.BOOKED, BookingStatus.WAITING]
    assert session.bookings.filter(status=BookingStatus.BOOKED).count() == 1


def test_without_the_session_lock_the_last_place_is_given_twice(race, monkeypatch):
    monkeypatch.setattr(
        services,
        "lock_session",
        lambda pk: TrainingSession.objects.select_related("training").get(pk=pk),
    )
    session, outcomes = race()
    assert outcomes == [BookingStatus.BOOKED, BookingStatus.BOOKED]
    assert session.bookings.filter(status=BookingStatus.BOOKED).count() == 2
