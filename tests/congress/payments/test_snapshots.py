"""What an invoice and its credit note say, to the cent and the character (mutation testing,
issue 19): numbers without gaps per kind, the seller's and buyer's snapshots, one line per tariff,
due date from the edition's payment terms; the credit note mirrors the invoice in negative."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from congress.payments import services
from congress.payments.models import InvoiceKind
from congress.registrations import services as registrations_services
from congress.registrations.models import Order
from tests.congress.registrations.conftest import delegate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _public_order(edition, tariffs, ccas_manager, *delegates):
    order = registrations_services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=list(delegates),
        code_service="SERV-12",
        engagement_number="EJ-2024-7",
    )
    return order.invoices.get(kind=InvoiceKind.INVOICE)


def test_the_invoice_snapshots_seller_buyer_and_one_line_per_tariff(edition, tariffs, ccas_manager):
    edition.payment_terms_days = 45
    edition.organiser_name = "Fédération des CCAS"
    edition.save()
    invoice = _public_order(edition, tariffs, ccas_manager, delegate(2), delegate(1))
    organisation = ccas_manager.memberships.get().organisation
    year = timezone.localdate().year
    today = timezone.localdate()

    assert invoice.kind == InvoiceKind.INVOICE
    assert invoice.number == 1
    assert invoice.reference == f"F-{year}-00001"
    assert invoice.issued_on == today
    assert invoice.due_on == today + timedelta(days=45)
    assert invoice.total == Decimal("180.00")
    assert invoice.vat_mention == "TVA non applicable, art. 256 B du CGI"
    assert invoice.seller == {
        "name": "CCAS du Mans",
        "address": "Place Saint-Pierre\n72000 Le Mans",
        "siret": "21720181300011",
        "vat_number": "",
        "vat_regime": "public_body",
        "iban": "FR76 3000 1007 9412 3456 7890 185",
        "bic": "BDFEFRPPCCT",
        "email": "congres@example.org",
    }
    assert invoice.buyer == {
        "name": "CCAS de Coulaines",
        "address": "1 place de la Mairie",
        "postal_code": "72190",
        "commune": "Coulaines",
        "siret": organisation.siret,
        "country": "FR",
        "country_name": "France",
        "vat_number": "",
        "code_service": "SERV-12",
        "engagement_number": "EJ-2024-7",
        "email": organisation.contact_email,
    }
    assert invoice.lines == [
        {
            "label": f"{edition.name} – CCAS / collectivité",
            "quantity": 2,
            "unit_price": "90.00",
            "amount": "180.00",
            "people": ["Délégué·e 2", "Délégué·e 1"],
        }
    ]

    # The next invoice of the edition takes the next number.
    second = _public_order(edition, tariffs, ccas_manager, delegate(3))
    assert (second.number, second.reference) == (2, f"F-{year}-00002")


def test_the_credit_note_mirrors_the_invoice_in_negative_with_its_own_numbers(
    edition, tariffs, ccas_manager
):
    invoice = _public_order(edition, tariffs, ccas_manager, delegate(1))
    credit = services.credit_note_issue(invoice=invoice)
    year = timezone.localdate().year

    assert credit.kind == InvoiceKind.CREDIT_NOTE
    assert (credit.number, credit.reference) == (1, f"AV-{year}-00001")
    assert credit.issued_on == credit.due_on == timezone.localdate()
    assert credit.credited_invoice == invoice
    assert credit.order == invoice.order
    assert credit.congress == edition
    assert credit.total == Decimal("-90.00")
    assert credit.seller == invoice.seller
    assert credit.buyer == invoice.buyer
    assert credit.vat_mention == invoice.vat_mention
    assert credit.lines == [{**invoice.lines[0], "amount": "-90.00"}]

    other = services.credit_note_issue(
        invoice=_public_order(edition, tariffs, ccas_manager, delegate(2))
    )
    assert (other.number, other.reference) == (2, f"AV-{year}-00002")


def test_a_person_alone_is_the_buyer_and_the_seller_falls_back_to_the_settings(
    edition, tariffs, settings
):
    settings.BILLING_IBAN = "FR76 1111 2222 3333 4444 5555 666"
    settings.BILLING_BIC = "AGRIFRPP"
    edition.billing_name = ""
    edition.billing_iban = ""
    edition.billing_bic = ""
    edition.organiser_name = "Fédération des CCAS"
    edition.save()
    person = UserFactory(full_name="Camille Martin", email="camille@example.org")
    order = registrations_services.order_create(
        congress=edition,
        by=person,
        tariff=tariffs["speaker"],
        invitation_code="INTERVENANT-2024",
        delegates=[delegate(1)],
    )
    invoice = order.invoices.filter(kind=InvoiceKind.INVOICE).first() or services.invoice_issue(
        order=Order.objects.get(pk=order.pk)
    )

    assert invoice.seller["name"] == "Fédération des CCAS"
    assert invoice.seller["iban"] == "FR76 1111 2222 3333 4444 5555 666"
    assert invoice.seller["bic"] == "AGRIFRPP"
    assert invoice.buyer == {
        "name": "Camille Martin",
        "address": "",
        "postal_code": "",
        "commune": "",
        "siret": "",
        "country": "",
        "country_name": "",
        "vat_number": "",
        "code_service": "",
        "engagement_number": "",
        "email": "camille@example.org",
    }
    assert invoice.lines[0]["unit_price"] == "0.00"

    edition.organiser_name = ""
    edition.save()
    assert services._seller(edition)["name"] == edition.name
