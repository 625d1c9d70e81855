"""The edition's lock is held until the commit and every order waits for it (issue 18): an order
writes its rows, consents and confirmation first, and under the lock only counts the places."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.registrations import services
from congress.registrations.models import Order, Registration
from congress.registrations.seats import PlacesUnavailable
from tests.congress.registrations.conftest import delegate

pytestmark = pytest.mark.django_db


def _run_spying_on_the_lock(monkeypatch, **order):
    taken_at = []
    real = services.lock_congress

    def spy(pk):
        taken_at.append(len(queries.captured_queries))
        return real(pk)

    monkeypatch.setattr(services, "lock_congress", spy)
    with CaptureQueriesContext(connection) as queries:
        created = services.order_create(**order)
    assert len(taken_at) == 1
    return created, [q["sql"] for q in queries.captured_queries[taken_at[0] :]]


def _writes(statements):
    return [s for s in statements if s.split()[0] in {"INSERT", "UPDATE", "DELETE"}]


def test_only_the_places_are_counted_under_the_lock(
    monkeypatch, edition, tariffs, association_manager
):
    order, under_lock = _run_spying_on_the_lock(
        monkeypatch, congress=edition, by=association_manager,
        organisation=association_manager.memberships.get().organisation,
        tariff=tariffs["association"], delegates=[delegate(1), delegate(2)],
        payment_method="transfer",
    )  # fmt: skip
    assert order.registrations.count() == 2
    assert under_lock, "the lock was taken last thing"
    assert _writes(under_lock) == []
    assert len(under_lock) <= 6  # the lock, the waitlist offer, the counts of places


def test_a_full_edition_writes_nothing(monkeypatch, edition, tariffs, association_manager):
    edition.capacity = 1
    edition.save()
    with pytest.raises(PlacesUnavailable):
        _run_spying_on_the_lock(
            monkeypatch, congress=edition, by=association_manager,
            organisation=association_manager.memberships.get().organisation,
            tariff=tariffs["association"], delegates=[delegate(1), delegate(2)],
        )  # fmt: skip
    assert not Registration.objects.filter(congress=edition).exists()


def test_a_full_edition_refuses_before_writing_or_waiting_for_the_lock(
    monkeypatch, edition, tariffs, association_manager
):
    """In a rush most attempts come after the last place is gone: each is refused on a count
    read without the lock, before its order and delegates are written (issue 18)."""
    edition.capacity = 1
    edition.save()
    monkeypatch.setattr(services, "lock_congress", lambda pk: pytest.fail("the lock was taken"))
    with CaptureQueriesContext(connection) as queries:
        with pytest.raises(PlacesUnavailable) as refused:
            services.order_create(
                congress=edition, by=association_manager,
                organisation=association_manager.memberships.get().organisation,
                tariff=tariffs["association"], delegates=[delegate(1), delegate(2)],
            )  # fmt: skip
    assert refused.value.code == "full"
    assert "Il ne reste que 1" in refused.value.messages[0]
    assert _writes(q["sql"] for q in queries.captured_queries) == []


def test_the_time_the_lock_is_held_is_logged(
    edition, tariffs, association_manager, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.DEBUG, logger="congress.registrations.lock"):
        with django_capture_on_commit_callbacks(execute=True):
            order = services.order_create(
                congress=edition, by=association_manager,
                organisation=association_manager.memberships.get().organisation,
                tariff=tariffs["association"], delegates=[delegate(1)],
            )  # fmt: skip
    (record,) = [r for r in caplog.records if r.name == "congress.registrations.lock"]
    assert record.getMessage().startswith("edition lock held ")
    assert record.getMessage().endswith(f" ms (order {order.pk})")


def test_an_address_taken_at_the_same_moment_is_refused_by_the_database(
    monkeypatch, edition, tariffs, association_manager, ccas_manager
):
    """The one active registration per address is no longer checked by Django's full_clean
    (a query per constraint, issue 18): when another order takes the address between the check
    and the write (a stranger registering someone else's address to lock them out, or a double
    submission), the database's constraint refuses it with the same message, and nothing of
    the order is kept."""
    taken = services.order_create(
        congress=edition, by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"], delegates=[delegate(1)],
    )  # fmt: skip
    monkeypatch.setattr(services, "refuse_already_registered", lambda *args: None)  # the race
    with pytest.raises(ValidationError) as refused:
        services.order_create(
            congress=edition, by=association_manager,
            organisation=association_manager.memberships.get().organisation,
            tariff=tariffs["association"], delegates=[delegate(1)],
        )  # fmt: skip
    assert "Déjà inscrit·e à cette édition" in refused.value.messages[0]
    assert list(Registration.objects.filter(congress=edition).values_list("order", flat=True)) == [
        taken.pk
    ]
    assert Order.objects.filter(congress=edition).count() == 1
