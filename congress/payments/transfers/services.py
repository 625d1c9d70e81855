"""Confirming the transfers a bank statement shows: each order paid once, under row locks."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.audit.services import audit_record
from congress.editions.models import Congress
from congress.payments.transfers.permissions import can_reconcile_transfers
from congress.payments.transfers.selectors import PAYABLE_BY_TRANSFER
from congress.registrations.models import Order, OrderState
from congress.registrations.services import order_record_payment


@dataclass(frozen=True)
class ReceivedTransfer:
    """A credit of the statement the organiser confirmed as the payment of an order."""

    order_pk: int
    paid_on: date
    amount: Decimal
    label: str


@dataclass(frozen=True)
class ReconciliationResult:
    paid: list[Order]
    already_paid: list[Order]


def transfers_confirm(
    *, congress: Congress, by: User, transfers: list[ReceivedTransfer]
) -> ReconciliationResult:
    """Mark the confirmed orders paid. Replaying the confirmation pays nothing twice: orders
    already paid are reported as such. Any other surprise refuses the whole batch."""
    with transaction.atomic():
        if not can_reconcile_transfers(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs rapprochent les virements."))
        pks = sorted({transfer.order_pk for transfer in transfers})
        if len(pks) != len(transfers):
            raise ValidationError(_("Une commande ne peut être réglée que par un seul virement."))
        # Locked in the order of their ids, so that two confirmations cannot deadlock.
        locked = (
            Order.objects.select_for_update().filter(congress=congress, pk__in=pks).order_by("pk")
        )
        orders = {order.pk: order for order in locked}
        paid, already_paid = [], []
        for transfer in transfers:
            order = orders.get(transfer.order_pk)
            if order is None:
                raise ValidationError(_("Une des commandes n'existe pas dans cette édition."))
            if order.state == OrderState.PAID:
                already_paid.append(order)
                continue
            if order.state not in PAYABLE_BY_TRANSFER or order.total != transfer.amount:
                raise ValidationError(
                    _("La commande %(ref)s n'attend plus ce virement : rien n'a été enregistré.")
                    % {"ref": order.reference}
                )
            reference = _("Virement : %(label)s") % {"label": transfer.label}
            paid.append(
                order_record_payment(
                    order=order, by=by, paid_on=transfer.paid_on, reference=reference[:120]
                )
            )
        audit_record(
            actor=by,
            action="transfers.reconciled",
            congress=congress,
            details={
                "paid": [order.reference for order in paid],
                "already_paid": [order.reference for order in already_paid],
            },
        )
        return ReconciliationResult(paid=paid, already_paid=already_paid)
