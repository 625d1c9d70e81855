"""The time an order holds the edition's lock is logged in milliseconds, from the lock to the
commit (mutation testing, issue 19; the log line itself: test_lock_span.py)."""

import logging
from types import SimpleNamespace

import pytest

from congress.registrations import services
from tests.congress.registrations.conftest import delegate

pytestmark = pytest.mark.django_db


def test_the_lock_time_is_the_commit_time_minus_the_lock_time_in_ms(
    edition, tariffs, association_manager, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    clock = iter([100.0, 100.25])  # taken when locking, then after the commit
    monkeypatch.setattr(services, "time", SimpleNamespace(perf_counter=lambda: next(clock)))

    with caplog.at_level(logging.DEBUG, logger="congress.registrations.lock"):
        with django_capture_on_commit_callbacks(execute=True):
            order = services.order_create(
                congress=edition,
                by=association_manager,
                organisation=association_manager.memberships.get().organisation,
                tariff=tariffs["association"],
                delegates=[delegate(1)],
            )

    (record,) = [r for r in caplog.records if r.name == "congress.registrations.lock"]
    assert record.getMessage() == f"edition lock held 250.00 ms (order {order.pk})"
