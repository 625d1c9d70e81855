"""Which order a credit pays: its reference however the bank mangled it, and its amount."""

from datetime import date
from decimal import Decimal

import pytest

from congress.payments.transfers.selectors import (
    MatchStatus,
    order_pks_in_label,
    transfer_matches,
)
from congress.payments.transfers.statements import StatementLine
from congress.registrations.models import OrderState
from tests.congress.payments.transfers.conftest import transfer_order
from tests.factories import CongressFactory

pytestmark = pytest.mark.django_db


def line(label: str, amount: str = "180.00", n: int = 2) -> StatementLine:
    return StatementLine(n, date(2027, 3, 1), label, Decimal(amount))


@pytest.mark.parametrize(
    "label",
    ["VIR CMD-{c}-{pk:05d} CCAS", "vir cmd {c} {pk:05d}", "MOTIF:CMD{c}{pk:05d}/REF",
     "CMD_{c}_{pk}", "CMD.{c}.{pk:05d} et merci"],
)  # fmt: skip
def test_the_reference_is_found_however_the_bank_wrote_it(edition, label):
    order = transfer_order(edition)

    assert order_pks_in_label(edition, label.format(c=edition.pk, pk=order.pk)) == [order.pk]


def test_a_reference_of_another_edition_or_a_longer_number_is_not_taken(edition):
    other = CongressFactory()
    assert order_pks_in_label(edition, f"VIR CMD-{other.pk}-00013") == []
    assert order_pks_in_label(edition, f"CMD-{edition.pk}-0001300000000") == []
    assert order_pks_in_label(edition, "VIR SANS REFERENCE") == []


def test_each_credit_gets_its_status(edition):
    waiting = transfer_order(edition, "180.00")
    on_site = transfer_order(edition, "60.00", state=OrderState.AWAITING_ON_SITE)
    short = transfer_order(edition, "90.00")
    paid = transfer_order(edition, "35.00", state=OrderState.PAID)
    cancelled = transfer_order(edition, "20.00", state=OrderState.CANCELLED)
    elsewhere = transfer_order(CongressFactory(), "180.00")
    ref = lambda order: f"VIR {order.reference}"  # noqa: E731
    lines = [
        line(ref(waiting), "180.00"),
        line(ref(on_site), "60.00"),
        line(ref(short), "80.00"),
        line(ref(paid), "35.00"),
        line(ref(cancelled), "20.00"),
        line(ref(waiting), "180.00"),
        line(f"VIR CMD-{edition.pk}-{elsewhere.pk:05d}", "180.00"),
        line("VIR SANS REFERENCE", "50.00"),
    ]

    matches = transfer_matches(edition, lines)

    assert [(m.status, m.order) for m in matches] == [
        (MatchStatus.PROPOSED, waiting),
        (MatchStatus.PROPOSED, on_site),
        (MatchStatus.AMOUNT_MISMATCH, short),
        (MatchStatus.ALREADY_PAID, paid),
        (MatchStatus.NOT_PAYABLE, cancelled),
        (MatchStatus.DUPLICATE, waiting),
        (MatchStatus.UNMATCHED, None),
        (MatchStatus.UNMATCHED, None),
    ]
    assert [m.line for m in matches] == lines


def test_a_mandate_paid_by_the_public_treasury_is_found_by_its_invoice_number(edition):
    from congress.payments.services import invoice_issue

    mandate = transfer_order(edition, "90.00", state=OrderState.AWAITING_MANDATE)
    invoice = invoice_issue(order=mandate)
    elsewhere = invoice_issue(order=transfer_order(CongressFactory(), "90.00"))
    year, number = invoice.year, invoice.number

    matches = transfer_matches(
        edition,
        [
            line(f"VIR DRFIP SARTHE MANDAT 1234 {invoice.reference}", "90.00"),
            line(f"VIR DRFIP {elsewhere.reference}", "90.00"),  # the shared series, B's invoice
            line(f"VIR REF{year}{number:05d}", "90.00"),  # an F inside a word is no prefix
            line(f"VIR F{year}{number:05d}", "90.00"),
        ],
    )

    assert [(m.status, m.order) for m in matches] == [
        (MatchStatus.PROPOSED, mandate),
        (MatchStatus.UNMATCHED, None),
        (MatchStatus.UNMATCHED, None),
        (MatchStatus.DUPLICATE, mandate),
    ]
