"""Never oversold: simultaneous registrations for the last places, on PostgreSQL, real threads."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connections

from congress.editions.models import Congress
from congress.registrations import seats, services
from congress.registrations.models import Registration, TariffAudience
from tests.factories import CongressFactory, TariffFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8
CAPACITY = 3


@pytest.fixture
def race(monkeypatch):
    """Register THREADS people at once for CAPACITY places; returns the outcome of each."""
    congress = CongressFactory(capacity=CAPACITY)
    tariff = TariffFactory(
        congress=congress,
        price=Decimal("0.00"),
        audience=TariffAudience.INVITED,
        invitation_code="CODE",
    )
    users = [UserFactory() for _ in range(THREADS)]
    # Widen the window between the capacity check and the write, so a missing lock shows.
    monkeypatch.setattr(services, "_after_capacity_check", lambda: time.sleep(0.3))

    def run():
        barrier = threading.Barrier(THREADS)
        outcomes = [None] * THREADS

        def register(i):
            try:
                barrier.wait()
                services.order_create(
                    congress=congress,
                    by=users[i],
                    tariff=tariff,
                    delegates=[{}],
                    invitation_code="CODE",
                )
                outcomes[i] = "confirmed"
            except seats.PlacesUnavailable:
                outcomes[i] = "full"
            except Exception as exc:  # noqa: BLE001 - reported by the assertion
                outcomes[i] = repr(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=register, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return congress, outcomes

    return run


def test_concurrent_registrations_never_oversell(race):
    congress, outcomes = race()
    assert sorted(outcomes) == ["confirmed"] * CAPACITY + ["full"] * (THREADS - CAPACITY)
    assert Registration.objects.filter(congress=congress, status="confirmed").count() == CAPACITY


def test_without_the_lock_the_same_race_oversells(race, monkeypatch):
    monkeypatch.setattr(services, "lock_congress", lambda pk: Congress.objects.get(pk=pk))
    congress, outcomes = race()
    confirmed = Registration.objects.filter(congress=congress, status="confirmed").count()
    assert outcomes.count("confirmed") == confirmed
    assert confirmed > CAPACITY
