"""Reads of the payments sub-domain: which orders a bank statement's credits pay."""

import re
from dataclasses import dataclass

from django.db.models import Q

from congress.editions.models import Congress
from congress.payments.models import Invoice, InvoiceKind
from congress.payments.transfers.statements import StatementLine
from congress.registrations.models import Order, OrderState

# Orders a transfer can settle (mandates are paid by the public treasury's transfers too).
PAYABLE_BY_TRANSFER = (
    OrderState.AWAITING_TRANSFER,
    OrderState.AWAITING_ON_SITE,
    OrderState.AWAITING_MANDATE,
)


class MatchStatus:
    PROPOSED = "proposed"  # reference and amount match an order waiting for its payment
    AMOUNT_MISMATCH = "amount_mismatch"
    ALREADY_PAID = "already_paid"
    NOT_PAYABLE = "not_payable"  # cancelled, expired, free, waiting for a card payment
    DUPLICATE = "duplicate"  # a second credit naming an order already proposed above
    UNMATCHED = "unmatched"


@dataclass(frozen=True)
class TransferMatch:
    line: StatementLine
    status: str
    order: Order | None = None


def _reference_pattern(congress: Congress) -> re.Pattern:
    """`CMD-1-00013` as banks pass it on: `CMD 1 00013`, `CMD100013`, `cmd-1-13`..."""
    return re.compile(rf"CMD[^A-Z0-9]*{congress.pk}[^A-Z0-9]*(\d{{1,9}})(?!\d)")


def order_pks_in_label(congress: Congress, label: str) -> list[int]:
    pattern = _reference_pattern(congress)
    return [int(found) for found in pattern.findall(label.upper())]


def invoice_numbers_in_label(congress: Congress, label: str) -> list[tuple[int, int]]:
    """The public treasury quotes the invoice (`F-2027-00004`, `F 2027 4`), not the order."""
    prefix = re.escape(congress.invoice_prefix)
    pattern = re.compile(rf"(?<![A-Z0-9]){prefix}[^A-Z0-9]*(20\d\d)[^A-Z0-9]*(\d{{1,5}})(?!\d)")
    return [(int(year), int(number)) for year, number in pattern.findall(label.upper())]


def _orders_of_invoices(congress: Congress, numbers: set) -> dict[tuple[int, int], int]:
    if not numbers:
        return {}
    wanted = Q()
    for year, number in numbers:
        wanted |= Q(year=year, number=number)
    invoices = Invoice.objects.filter(
        wanted, congress=congress, kind=InvoiceKind.INVOICE, series=congress.invoice_prefix
    )
    return {
        (year, number): pk
        for year, number, pk in invoices.values_list("year", "number", "order_id")
    }


def transfer_matches(congress: Congress, lines: list[StatementLine]) -> list[TransferMatch]:
    """Each credit with the order its label names, by the order's reference or its invoice's
    number (a query for each), and what can be done."""
    invoiced = {line: invoice_numbers_in_label(congress, line.label) for line in lines}
    by_invoice = _orders_of_invoices(congress, {n for found in invoiced.values() for n in found})
    named = {
        line: order_pks_in_label(congress, line.label)
        + [by_invoice[n] for n in invoiced[line] if n in by_invoice]
        for line in lines
    }
    wanted = {pk for pks in named.values() for pk in pks}
    found = Order.objects.filter(congress=congress, pk__in=wanted)
    orders = {order.pk: order for order in found.select_related("organisation")}
    matches = []
    proposed = set()
    for line in lines:
        order = next((orders[pk] for pk in named[line] if pk in orders), None)
        matches.append(TransferMatch(line, _status(order, line, proposed), order))
    return matches


def _status(order: Order | None, line: StatementLine, proposed: set) -> str:
    if order is None:
        return MatchStatus.UNMATCHED
    if order.state == OrderState.PAID:
        return MatchStatus.ALREADY_PAID
    if order.state not in PAYABLE_BY_TRANSFER:
        return MatchStatus.NOT_PAYABLE
    if order.total != line.amount:
        return MatchStatus.AMOUNT_MISMATCH
    if order.pk in proposed:
        return MatchStatus.DUPLICATE
    proposed.add(order.pk)
    return MatchStatus.PROPOSED
