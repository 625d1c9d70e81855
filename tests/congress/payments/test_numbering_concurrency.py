"""Simultaneous invoices never share a number nor leave a gap (PostgreSQL, real threads)."""

import threading
from datetime import date

import pytest
from django.db import connections, transaction

from congress.payments import services
from congress.payments.models import InvoiceCounter, InvoiceKind
from tests.races import widen, without_row_locks

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6


def take_numbers_at_once() -> list:
    InvoiceCounter.objects.create(kind=InvoiceKind.INVOICE, series="F", year=2027)
    barrier = threading.Barrier(THREADS)
    numbers = []

    def take():
        try:
            barrier.wait()
            with transaction.atomic():
                numbered = services._numbered(InvoiceKind.INVOICE, "F", date(2027, 1, 4))
            numbers.append(numbered["number"])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(numbers)


def test_simultaneous_numbers_follow_each_other_without_gaps(monkeypatch):
    widen(monkeypatch, InvoiceCounter, "save", 0.2)

    assert take_numbers_at_once() == list(range(1, THREADS + 1))


def test_without_the_row_lock_numbers_would_be_shared(monkeypatch):
    """The race the lock prevents: every thread reads the same last number."""
    without_row_locks(monkeypatch)
    widen(monkeypatch, InvoiceCounter, "save", 0.2)

    numbers = take_numbers_at_once()

    assert len(set(numbers)) < THREADS
