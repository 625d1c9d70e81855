"""Two managers of the place approve overlapping requests of two associations for the same
room at the same instant: one is approved, the other refused (PostgreSQL, real threads).
Without the room's lock both are approved: the overlap (10:00–12:00 and 11:00–13:00) is no
identical start, so only the lock stops it. Identical starts are also caught by the unique
constraint when the lock is missing."""

import threading
import time as clock
from datetime import time, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.volunteers import LentRoomFactory
from volunteers.rooms import services
from volunteers.rooms.models import LentRoom, RoomBooking, RoomSlot

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

OUTCOME_BOOKED = "booked"


def approved():
    return RoomBooking.objects.filter(state="approved").count()


@pytest.fixture
def race(monkeypatch):
    room = LentRoomFactory()
    approvers = [MembershipFactory(organisation=room.place, role="manager").user for _i in range(2)]
    managers = []
    for name in ("Association A", "Association B"):
        organisation = OrganisationFactory(name=name)
        managers.append(
            (organisation, MembershipFactory(organisation=organisation, role="manager").user)
        )
    day = timezone.localdate() + timedelta(days=7)
    while day.weekday() != 2:
        day += timedelta(days=1)
    # Widen the window between the check and the writes, so a missing lock shows.
    monkeypatch.setattr(services, "_after_check", lambda: clock.sleep(0.5))

    def run(hours):
        barrier = threading.Barrier(2)
        outcomes = [None, None]
        requests = []
        for i, (start, end) in enumerate(hours):
            organisation, manager = managers[i]
            requests.append(
                services.room_book(
                    room=room,
                    organisation=organisation,
                    by=manager,
                    title=f"Permanence {i}",
                    attendees=5,
                    is_public=True,
                    first_date=day,
                    weeks=2,
                    start_time=time(start),
                    end_time=time(end),
                )  # fmt: skip
            )

        def book(i):
            try:
                # Both threads connected and past the permission check before the race.
                connection.ensure_connection()
                barrier.wait()
                services.room_booking_approve(booking=requests[i], by=approvers[i])
                outcomes[i] = OUTCOME_BOOKED
            except Exception as exc:  # noqa: BLE001 - reported by the assertion
                outcomes[i] = type(exc).__name__
            finally:
                connections.close_all()

        threads = [threading.Thread(target=book, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcomes

    return run


def _without_the_lock(monkeypatch):
    monkeypatch.setattr(services, "lock_room", lambda pk: LentRoom.objects.get(pk=pk))


def test_overlapping_bookings_at_the_same_instant_one_is_refused(race):
    outcomes = race([(10, 12), (11, 13)])
    assert sorted(outcomes) == ["ValidationError", OUTCOME_BOOKED]
    assert approved() == 1
    assert RoomBooking.objects.filter(state="pending").count() == 1
    assert RoomSlot.objects.count() == 2


def test_without_the_rooms_lock_both_overlapping_bookings_are_saved(race, monkeypatch):
    _without_the_lock(monkeypatch)
    outcomes = race([(10, 12), (11, 13)])
    assert outcomes == [OUTCOME_BOOKED, OUTCOME_BOOKED]
    assert approved() == 2


def test_without_the_lock_the_constraint_still_refuses_identical_slots(race, monkeypatch):
    _without_the_lock(monkeypatch)
    outcomes = race([(10, 12), (10, 12)])
    assert sorted(outcomes) == ["ValidationError", OUTCOME_BOOKED]
    assert approved() == 1
