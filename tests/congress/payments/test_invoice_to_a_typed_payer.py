"""An invoice to a payer organisers typed by hand (a walk-in « à facturer »): the buyer block
is what they typed, in France, with the order's Chorus Pro references; what they left out is
blank, never invented (mutation testing, issue 19)."""

from decimal import Decimal

import pytest

from congress.payments import services
from congress.payments.models import Invoice, InvoiceKind
from congress.registrations.models import OrderState, PaymentMethod
from tests.factories import OrderFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def walk_in_order(edition, tariffs):
    order = OrderFactory(
        congress=edition,
        payment_method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
        total=Decimal("90.00"),
        code_service="SERV-7",
        engagement_number="EJ-2027-12",
    )
    RegistrationFactory(
        order=order, tariff=tariffs["public"], price=Decimal("90.00"), full_name="Lou Arnaud"
    )
    return order


def test_the_buyer_is_the_payer_as_typed_with_the_orders_references(walk_in_order):
    invoice = services.invoice_issue(
        order=walk_in_order,
        buyer={
            "name": "Mairie de Sablé",
            "address": "Place Raphaël Élizé",
            "postal_code": "72300",
            "commune": "Sablé-sur-Sarthe",
            "siret": "21720264000010",
            "email": "compta@sable.example.org",
        },
    )

    assert Invoice.objects.get(pk=invoice.pk).buyer == {
        "name": "Mairie de Sablé",
        "address": "Place Raphaël Élizé",
        "postal_code": "72300",
        "commune": "Sablé-sur-Sarthe",
        "siret": "21720264000010",
        "country": "FR",
        "country_name": "France",
        "vat_number": "",
        "code_service": "SERV-7",
        "engagement_number": "EJ-2027-12",
        "email": "compta@sable.example.org",
    }
    # The placer of the order is not the buyer: the typed payer is.
    assert invoice.buyer["name"] != walk_in_order.placed_by.full_name
    assert (invoice.kind, invoice.total) == (InvoiceKind.INVOICE, Decimal("90.00"))


def test_what_the_payer_block_leaves_out_is_blank(walk_in_order):
    invoice = services.invoice_issue(order=walk_in_order, buyer={"name": "Mairie de Sablé"})

    assert Invoice.objects.get(pk=invoice.pk).buyer == {
        "name": "Mairie de Sablé",
        "address": "",
        "postal_code": "",
        "commune": "",
        "siret": "",
        "country": "FR",
        "country_name": "France",
        "vat_number": "",
        "code_service": "SERV-7",
        "engagement_number": "EJ-2027-12",
        "email": "",
    }


def test_an_order_without_an_organisation_is_invoiced_to_its_placer(walk_in_order):
    """Without a typed payer nor an organisation, the person who placed the order is billed."""
    walk_in_order.placed_by.full_name = "Camille Martin"
    walk_in_order.placed_by.save()

    invoice = services.invoice_issue(order=walk_in_order)

    assert invoice.buyer["name"] == "Camille Martin"
    assert invoice.buyer["email"] == walk_in_order.placed_by.email
    assert (invoice.buyer["country"], invoice.buyer["country_name"]) == ("", "")
