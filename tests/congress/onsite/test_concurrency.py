"""Two (four) desks scanning the same ticket at the same moment make one check-in: on
PostgreSQL, real threads, the unique constraint deciding."""

import threading

import pytest
from django.db import connections

from congress.onsite import services
from congress.onsite.models import CheckIn
from tests.congress.onsite.conftest import delegate
from tests.factories import TariffFactory, UserFactory
from tests.races import without_constraint

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DESKS = 4


@pytest.fixture
def scan_at_once(edition, organiser, today):
    """Four desks call the service at the same moment (a barrier); returns what each got. The
    service reads nothing before its INSERT, so only the unique constraint can decide."""
    registration = delegate(edition, tariff=TariffFactory(congress=edition), name="Hélène")
    desks = [organiser] + [UserFactory() for _ in range(DESKS - 1)]
    for desk in desks[1:]:
        edition.organisers.add(desk)

    def run():
        barrier = threading.Barrier(DESKS)
        outcomes = [None] * DESKS

        def scan(i):
            try:
                barrier.wait()
                arrival = services.checkin_record(registration=registration, day=today, by=desks[i])
                outcomes[i] = "created" if arrival.created else "already"
            except Exception as exc:  # noqa: BLE001 - reported by the assertion
                outcomes[i] = repr(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=scan, args=(i,)) for i in range(DESKS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outcomes

    return run


def test_simultaneous_scans_make_one_check_in(scan_at_once):
    outcomes = scan_at_once()
    assert sorted(outcomes) == ["already"] * (DESKS - 1) + ["created"]
    assert CheckIn.objects.count() == 1


def test_without_the_unique_constraint_the_race_doubles_check_ins(scan_at_once):
    with without_constraint(CheckIn, "checkin_once_per_day"):
        outcomes = scan_at_once()
        assert outcomes == ["created"] * DESKS
        assert CheckIn.objects.count() == DESKS
