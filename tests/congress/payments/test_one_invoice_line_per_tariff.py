"""An order mixing tariffs is invoiced one line per tariff, in the order its people were
registered, each line's amount its unit price times its people, to the cent; its credit note
mirrors every line in negative (mutation testing, issue 19)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.payments import services
from congress.payments.models import Invoice
from congress.registrations.models import Order, OrderState, PaymentMethod
from tests.factories import OrderFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_each_tariff_has_its_line_and_the_credit_note_mirrors_them(edition, tariffs):
    order = OrderFactory(
        congress=edition,
        payment_method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
        total=Decimal("245.00"),
    )
    for name, tariff in [
        ("Ana", "public"),
        ("Bao", "individual"),
        ("Cyd", "public"),
        ("Dom", "public"),
        ("Eve", "individual"),
    ]:
        RegistrationFactory(
            order=order, tariff=tariffs[tariff], price=tariffs[tariff].price, full_name=name
        )

    invoice = services.invoice_issue(order=order)
    credit = services.credit_note_issue(invoice=invoice)

    assert Invoice.objects.get(pk=invoice.pk).lines == [
        {
            "label": f"{edition.name} – CCAS / collectivité",
            "quantity": 3,
            "unit_price": "90.00",
            "amount": "270.00",
            "people": ["Ana", "Cyd", "Dom"],
        },
        {
            "label": f"{edition.name} – Individuel",
            "quantity": 2,
            "unit_price": "35.00",
            "amount": "70.00",
            "people": ["Bao", "Eve"],
        },
    ]
    # The total invoiced is the order's (what was agreed), not recomputed from the lines.
    assert invoice.total == Decimal("245.00")
    assert Invoice.objects.get(pk=credit.pk).lines == [
        {**invoice.lines[0], "amount": "-270.00"},
        {**invoice.lines[1], "amount": "-70.00"},
    ]
    assert credit.total == Decimal("-245.00")


def test_a_price_with_cents_is_written_to_the_cent(edition, tariffs):
    tariffs["individual"].price = Decimal("35.5")
    tariffs["individual"].save()
    order = OrderFactory(
        congress=edition,
        payment_method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
        total=Decimal("106.50"),
    )
    for name in ("Ana", "Bao", "Cyd"):
        RegistrationFactory(
            order=order, tariff=tariffs["individual"], price=Decimal("35.5"), full_name=name
        )

    line = services.invoice_issue(order=order).lines[0]

    assert (line["unit_price"], line["quantity"], line["amount"]) == ("35.50", 3, "106.50")


def _queries_to_invoice(edition, tariff, people):
    order = OrderFactory(
        congress=edition,
        payment_method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
        total=tariff.price * people,
    )
    for n in range(people):
        RegistrationFactory(order=order, tariff=tariff, price=tariff.price, full_name=f"P{n}")
    order = Order.objects.get(pk=order.pk)
    with CaptureQueriesContext(connection) as queries:
        invoice = services.invoice_issue(order=order)
    assert invoice.lines[0]["quantity"] == people
    return len(queries)


def test_the_tariffs_are_read_with_the_people_not_once_each(edition, tariffs):
    """A large order (a federation registering 40 people) costs no query per person."""
    _queries_to_invoice(edition, tariffs["public"], 1)  # creates the year's counter
    one = _queries_to_invoice(edition, tariffs["public"], 1)
    four = _queries_to_invoice(edition, tariffs["public"], 4)
    assert one == four
