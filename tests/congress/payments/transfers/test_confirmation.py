"""Confirming transfers: each order paid once (a replay pays nothing twice), all or nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congress.audit.models import AuditEntry
from congress.payments.transfers.services import ReceivedTransfer, transfers_confirm
from congress.registrations import services as registrations_services
from congress.registrations.models import OrderState
from tests.congress.payments.transfers.conftest import transfer_order
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def received(order, amount=None, label="VIR SEPA CCAS"):
    return ReceivedTransfer(
        order_pk=order.pk,
        paid_on=date(2027, 3, 1),
        amount=Decimal(amount) if amount else order.total,
        label=f"{label} {order.reference}",
    )


def states(*orders):
    return [type(o).objects.get(pk=o.pk).state for o in orders]


def test_confirmed_orders_are_paid_with_date_reference_and_audit(edition, organiser):
    first = transfer_order(edition, "180.00")
    second = transfer_order(edition, "60.00", state=OrderState.AWAITING_ON_SITE)

    result = transfers_confirm(
        congress=edition, by=organiser, transfers=[received(first), received(second)]
    )

    assert [o.pk for o in result.paid] == [first.pk, second.pk]
    assert result.already_paid == []
    first.refresh_from_db()
    assert (first.state, first.paid_at) == (OrderState.PAID, date(2027, 3, 1))
    assert plain(first.payment_reference) == plain(f"Virement : VIR SEPA CCAS {first.reference}")
    assert states(second) == [OrderState.PAID]
    entry = AuditEntry.objects.get(action="transfers.reconciled")
    assert entry.details == {"paid": [first.reference, second.reference], "already_paid": []}
    assert AuditEntry.objects.filter(action="payment.recorded").count() == 2


def test_replaying_the_confirmation_pays_nothing_twice(edition, organiser):
    order = transfer_order(edition)
    transfers_confirm(congress=edition, by=organiser, transfers=[received(order)])
    order.refresh_from_db()
    paid_before = (order.paid_at, order.payment_reference)

    replay = transfers_confirm(
        congress=edition, by=organiser, transfers=[received(order, label="AUTRE")]
    )

    assert (replay.paid, [o.pk for o in replay.already_paid]) == ([], [order.pk])
    order.refresh_from_db()
    assert (order.paid_at, order.payment_reference) == paid_before
    assert AuditEntry.objects.filter(action="payment.recorded").count() == 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda e: [received(transfer_order(e), amount="1.00")],
         "La commande {ref} n'attend plus ce virement : rien n'a été enregistré."),
        (lambda e: [received(transfer_order(e, state=OrderState.CANCELLED))],
         "La commande {ref} n'attend plus ce virement : rien n'a été enregistré."),
        (lambda e: [received(transfer_order(CongressFactory()))],
         "Une des commandes n'existe pas dans cette édition."),
        (lambda e: [received(o := transfer_order(e)), received(o)],
         "Une commande ne peut être réglée que par un seul virement."),
    ],
    ids=["amount-changed", "cancelled-meanwhile", "other-edition", "twice-in-one-batch"],
)  # fmt: skip
def test_a_surprise_refuses_the_whole_batch(edition, organiser, make, message):
    good = transfer_order(edition)
    transfers = [received(good), *make(edition)]
    bad = type(good).objects.get(pk=transfers[-1].order_pk)

    with pytest.raises(ValidationError) as error:
        transfers_confirm(congress=edition, by=organiser, transfers=transfers)

    assert plain(error.value.messages) == plain([message.format(ref=bad.reference)])
    assert states(good) == [OrderState.AWAITING_TRANSFER]
    assert not AuditEntry.objects.exists()


def test_only_the_editions_organisers_confirm(edition):
    order = transfer_order(edition)
    other_organiser = UserFactory()
    CongressFactory().organisers.add(other_organiser)

    with pytest.raises(PermissionDenied):
        transfers_confirm(congress=edition, by=other_organiser, transfers=[received(order)])

    assert states(order) == [OrderState.AWAITING_TRANSFER]


@pytest.mark.parametrize("state", [OrderState.AWAITING_TRANSFER, OrderState.AWAITING_ON_SITE])
def test_an_organiser_marks_a_transfer_or_on_site_order_paid_one_by_one(edition, organiser, state):
    order = transfer_order(edition, state=state)

    registrations_services.order_record_payment(
        order=order, by=organiser, paid_on=date(2027, 3, 2), reference="Reçu 12"
    )

    order.refresh_from_db()
    assert (order.state, order.paid_at, order.payment_reference) == (
        OrderState.PAID, date(2027, 3, 2), "Reçu 12",
    )  # fmt: skip
