"""Five people register at once for the last two places of an activity without a waiting list:
two get a place, three are told it is full (PostgreSQL, real threads). Without the edition's row
lock, the same race oversells the activity."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from tests.races import widen, without_row_locks
from tests.spaces import plain
from tests.tracks.activities.conftest import make_activity
from tracks.activities import services
from tracks.activities.models import ActivityRegistration

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(week, activity, n=5) -> list[str]:
    barrier = threading.Barrier(n)
    outcomes = [""] * n

    def register(i):
        try:
            barrier.wait()
            services.activity_register(
                congress=week, session=activity, full_name=f"P{i}", email=f"p{i}@example.org"
            )
            outcomes[i] = "place"
        except ValidationError as error:
            outcomes[i] = error.messages[0]
        except Exception as exc:  # noqa: BLE001 - reported by the assertion
            outcomes[i] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


def test_simultaneous_registrations_never_oversell(week, monkeypatch):
    activity = make_activity(week, capacity=2, has_waitlist=False)
    widen(monkeypatch, services, "_capacity_and_taken")
    assert (
        plain(race(week, activity)) == ["Complet : il ne reste plus de place."] * 3 + ["place"] * 2
    )
    assert ActivityRegistration.objects.filter(session=activity).count() == 2


def read_together(monkeypatch, n: int):
    """Every caller counts the places before any of them writes: without the lock nothing
    orders them, and the barrier makes the interleaving certain rather than likely."""
    barrier = threading.Barrier(n, timeout=30)
    original = services._capacity_and_taken

    def together(*args, **kwargs):
        result = original(*args, **kwargs)
        barrier.wait()
        return result

    monkeypatch.setattr(services, "_capacity_and_taken", together)


def test_without_the_lock_the_race_oversells(week, monkeypatch):
    activity = make_activity(week, capacity=2, has_waitlist=False)
    read_together(monkeypatch, 5)
    without_row_locks(monkeypatch)
    assert plain(race(week, activity)) == ["place"] * 5
    assert ActivityRegistration.objects.filter(session=activity).count() == 5
