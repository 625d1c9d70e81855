"""Recording a payment received outside Stripe (mandate, transfer, on site): only the edition's
organisers, refused in French with nothing changed; the audit log keeps the day, the reference
and the amount, to the cent (mutation testing, issue 19)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from congress.audit.models import AuditEntry
from congress.registrations import services
from congress.registrations.models import Order, OrderState
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


def order_row(order):
    return Order.objects.filter(pk=order.pk).values("state", "paid_at", "payment_reference").get()


def organiser_elsewhere():
    user = UserFactory()
    CongressFactory().organisers.add(user)
    return user


@pytest.mark.parametrize("who", ["buyer", "stranger", "other_editions_organiser"])
def test_only_the_editions_organisers_record_a_payment(invoiced_order, ccas_manager, who):
    by = {
        "buyer": lambda: ccas_manager,
        "stranger": UserFactory,
        "other_editions_organiser": organiser_elsewhere,
    }[who]()
    before = order_row(invoiced_order)

    with pytest.raises(PermissionDenied) as error:
        services.order_record_payment(
            order=invoiced_order, by=by, paid_on=datetime.date(2026, 3, 1), reference="VIR-1"
        )

    assert str(error.value) == "Seuls les organisateurs enregistrent les paiements."
    assert order_row(invoiced_order) == before
    assert before["state"] == OrderState.AWAITING_MANDATE
    assert not AuditEntry.objects.filter(action="payment.recorded").exists()


def test_the_audit_log_keeps_the_day_the_reference_and_the_amount(invoiced_order, organiser):
    services.order_record_payment(
        order=invoiced_order,
        by=organiser,
        paid_on=datetime.date(2026, 3, 1),
        reference="Mandat 2026-118",
    )

    assert order_row(invoiced_order) == {
        "state": OrderState.PAID,
        "paid_at": datetime.date(2026, 3, 1),
        "payment_reference": "Mandat 2026-118",
    }
    entry = AuditEntry.objects.get(action="payment.recorded")
    assert (entry.actor, entry.congress, entry.target_id) == (
        organiser,
        invoiced_order.congress,
        str(invoiced_order.pk),
    )
    assert entry.details == {
        "paid_on": "2026-03-01",
        "reference": "Mandat 2026-118",
        "total": "180.00",
    }
    assert invoiced_order.total == Decimal("180.00")
