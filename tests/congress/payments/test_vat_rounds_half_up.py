"""The HT total of a price with VAT is rounded half up to the cent, as French invoices are
(not to the even cent), and HT + TVA is exactly the price (mutation testing, issue 19)."""

from decimal import Decimal

import pytest

from congress.editions.models import VatRegime
from congress.payments import services
from congress.registrations.models import OrderState, PaymentMethod
from tests.factories import OrderFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("total", "excl", "vat"),
    [
        # 61.23 / 1.2 = 51.025: half up gives 51.03 (banker's rounding would give 51.02).
        (Decimal("61.23"), Decimal("51.03"), Decimal("10.20")),
        # 61.29 / 1.2 = 51.075: 51.08 either way.
        (Decimal("61.29"), Decimal("51.08"), Decimal("10.21")),
    ],
)
def test_the_ht_total_is_rounded_half_up_to_the_cent(edition, tariffs, total, excl, vat):
    edition.billing_vat_regime = VatRegime.VAT
    edition.billing_vat_rate = Decimal("20.00")
    edition.save()
    order = OrderFactory(
        congress=edition,
        payment_method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
        total=total,
    )
    RegistrationFactory(order=order, tariff=tariffs["public"], price=total)

    invoice = services.invoice_issue(order=order)
    invoice.refresh_from_db()

    assert (invoice.total, invoice.vat_rate) == (total, Decimal("20.00"))
    assert (invoice.total_excl_vat, invoice.vat_amount) == (excl, vat)
    assert invoice.total_excl_vat + invoice.vat_amount == invoice.total
