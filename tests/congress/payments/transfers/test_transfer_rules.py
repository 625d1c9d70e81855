"""Rules of `transfers_confirm` (mutation testing, issue 19): the exact refusal of someone who is
not an organiser, a replayed order in a batch does not stop the others, the reference kept to
the field's length, and the audit entry's author and edition."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from congress.audit.models import AuditEntry
from congress.payments.transfers.services import ReceivedTransfer, transfers_confirm
from congress.registrations.models import Order, OrderState
from tests.congress.payments.transfers.conftest import transfer_order
from tests.factories import UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def received(order, label="VIR SEPA CCAS"):
    return ReceivedTransfer(
        order_pk=order.pk, paid_on=date(2027, 3, 1), amount=order.total, label=label
    )


def test_someone_who_is_not_an_organiser_is_refused_with_the_reason(edition):
    order = transfer_order(edition)
    stranger = UserFactory(full_name="Bertrand Sans-Droit")

    with pytest.raises(PermissionDenied) as refused:
        transfers_confirm(congress=edition, by=stranger, transfers=[received(order)])

    assert plain(str(refused.value)) == "Seuls les organisateurs rapprochent les virements."
    assert Order.objects.get(pk=order.pk).state == OrderState.AWAITING_TRANSFER
    assert not AuditEntry.objects.exists()


def test_an_order_already_paid_in_a_batch_does_not_stop_the_next_ones(edition, organiser):
    paid_before = transfer_order(edition, "60.00")
    transfers_confirm(congress=edition, by=organiser, transfers=[received(paid_before)])
    waiting = transfer_order(edition, "180.00")

    result = transfers_confirm(
        congress=edition,
        by=organiser,
        transfers=[received(paid_before), received(waiting)],
    )

    assert ([o.pk for o in result.paid], [o.pk for o in result.already_paid]) == (
        [waiting.pk],
        [paid_before.pk],
    )
    assert Order.objects.get(pk=waiting.pk).state == OrderState.PAID
    entry = AuditEntry.objects.filter(action="transfers.reconciled").latest("pk")
    assert entry.details == {"paid": [waiting.reference], "already_paid": [paid_before.reference]}


def test_a_long_statement_label_is_cut_to_the_references_120_characters(edition, organiser):
    order = transfer_order(edition)
    label = "VIR SEPA " + "CENTRE COMMUNAL D ACTION SOCIALE DE COULAINES " * 4

    transfers_confirm(congress=edition, by=organiser, transfers=[received(order, label=label)])

    order.refresh_from_db()
    assert order.state == OrderState.PAID
    assert len(order.payment_reference) == 120
    assert plain(order.payment_reference) == plain(f"Virement : {label}")[:120]


def test_the_reconciliation_is_audited_as_the_organisers_at_the_edition(edition, organiser):
    order = transfer_order(edition, "90.00")

    transfers_confirm(congress=edition, by=organiser, transfers=[received(order)])

    entry = AuditEntry.objects.get(action="transfers.reconciled")
    assert (entry.actor, entry.congress) == (organiser, edition)
    assert entry.details == {"paid": [order.reference], "already_paid": []}
    assert Order.objects.get(pk=order.pk).total == Decimal("90.00")
