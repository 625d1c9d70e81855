"""Cancelling an order, for money: a paid card order is refunded through Stripe (and when), an
invoiced order gets its credit note, a failed refund cancels nothing and is logged; the audit
entry says which refund, which credit note, whether it was late; refusals are in French and
change nothing (mutation testing, issue 19)."""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.payments.models import Invoice, InvoiceKind
from congress.registrations import services
from congress.registrations.models import Order, OrderState, RegistrationStatus
from tests.congress.registrations.test_stripe import post_event
from tests.factories import UserFactory
from tests.fakes.stripe_server import make_event

pytestmark = pytest.mark.django_db


def rows(order):
    return (
        Order.objects.filter(pk=order.pk)
        .values("state", "cancelled_at", "stripe_refund_id", "refunded_at")
        .get(),
        sorted(order.registrations.values_list("status", flat=True)),
        sorted(Invoice.objects.values_list("reference", flat=True)),
        AuditEntry.objects.filter(action="order.cancelled").count(),
    )


@pytest.fixture
def paid_card_order(client, card_order, stripe_settings):
    session = stripe_settings.complete_session(card_order.stripe_checkout_session_id)
    post_event(client, make_event("checkout.session.completed", session))
    card_order.refresh_from_db()
    assert card_order.state == OrderState.PAID
    return card_order


def test_a_paid_card_order_is_refunded_and_the_audit_names_the_refund(
    paid_card_order, association_manager, stripe_settings
):
    before = timezone.now()
    services.order_cancel(order=paid_card_order, by=association_manager)

    order = Order.objects.get(pk=paid_card_order.pk)
    assert order.state == OrderState.CANCELLED
    assert order.stripe_refund_id in stripe_settings.refunds
    assert before <= order.refunded_at <= timezone.now()
    assert before <= order.cancelled_at <= timezone.now()
    entry = AuditEntry.objects.get(action="order.cancelled")
    assert (entry.actor, entry.congress, entry.target_id) == (
        association_manager,
        order.congress,
        str(order.pk),
    )
    assert entry.details == {
        "refund": order.stripe_refund_id,
        "credit_note": "",
        "after_deadline": False,
    }


def test_a_failed_refund_cancels_nothing_says_so_and_is_logged(
    paid_card_order, association_manager, stripe_settings, caplog
):
    before = rows(paid_card_order)
    stripe_settings.fail_next(500)

    with (
        caplog.at_level(logging.ERROR, logger="congress.registrations.services"),
        pytest.raises(ValidationError) as error,
    ):
        services.order_cancel(order=paid_card_order, by=association_manager)

    assert error.value.messages == [
        "Le remboursement n'a pas pu être fait\u202f: rien n'est annulé, réessayez."
    ]
    assert rows(paid_card_order) == before
    [record] = [r for r in caplog.records if r.name == "congress.registrations.services"]
    assert record.getMessage() == f"Refund failed for order {paid_card_order.pk}"
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None


def test_an_invoiced_order_gets_a_credit_note_named_in_the_audit(invoiced_order, ccas_manager):
    year = timezone.localdate().year

    services.order_cancel(order=invoiced_order, by=ccas_manager)

    order = Order.objects.get(pk=invoiced_order.pk)
    assert (order.state, order.stripe_refund_id, order.refunded_at) == (
        OrderState.CANCELLED,
        None,
        None,
    )
    credit = Invoice.objects.get(order=order, kind=InvoiceKind.CREDIT_NOTE)
    assert (credit.reference, credit.total) == (f"AV-{year}-00001", -order.total)
    assert sorted(order.registrations.values_list("status", flat=True)) == [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.CANCELLED,
    ]
    assert AuditEntry.objects.get(action="order.cancelled").details == {
        "refund": "",
        "credit_note": f"AV-{year}-00001",
        "after_deadline": False,
    }


def test_an_unpaid_card_order_is_cancelled_without_refund_nor_credit_note(
    card_order, association_manager, stripe_settings
):
    services.order_cancel(order=card_order, by=association_manager)

    assert Order.objects.get(pk=card_order.pk).state == OrderState.CANCELLED
    assert stripe_settings.find_requests("POST", "/v1/refunds") == []
    assert not Invoice.objects.exists()
    assert AuditEntry.objects.get(action="order.cancelled").details == {
        "refund": "",
        "credit_note": "",
        "after_deadline": False,
    }


def test_a_stranger_is_refused_in_french_and_nothing_changes(invoiced_order):
    before = rows(invoiced_order)

    with pytest.raises(PermissionDenied) as error:
        services.order_cancel(order=invoiced_order, by=UserFactory())

    assert str(error.value) == "Vous ne pouvez pas annuler cette commande."
    assert rows(invoiced_order) == before


def test_an_expired_order_cannot_be_cancelled(card_order, association_manager, stripe_settings):
    services.order_expire(order=card_order)
    before = rows(card_order)

    with pytest.raises(ValidationError) as error:
        services.order_cancel(order=card_order, by=association_manager)

    assert error.value.messages == ["Cette commande est déjà annulée."]
    assert rows(card_order) == before
    assert before[0]["state"] == OrderState.EXPIRED


def test_an_order_paid_outside_stripe_is_credited_without_a_card_refund(
    invoiced_order, organiser, stripe_settings
):
    """A mandate paid by the public treasury is refunded by the treasury, not through Stripe."""
    services.order_record_payment(
        order=invoiced_order, by=organiser, paid_on=timezone.localdate(), reference="Mandat 7"
    )

    services.order_cancel(order=invoiced_order, by=organiser)

    order = Order.objects.get(pk=invoiced_order.pk)
    assert (order.state, order.stripe_refund_id, order.refunded_at) == (
        OrderState.CANCELLED,
        None,
        None,
    )
    assert stripe_settings.find_requests("POST", "/v1/refunds") == []
    assert Invoice.objects.filter(order=order, kind=InvoiceKind.CREDIT_NOTE).count() == 1
