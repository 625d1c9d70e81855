"""An invoice is a French legal document: issued while a page is in English (an English-speaking
buyer, an organiser's English session), its VAT mention and the buyer's country are frozen in
French (mutation testing, issue 19)."""

import pytest
from django.utils import translation

from congress.payments.models import Invoice, InvoiceKind
from congress.registrations import services as registrations_services
from tests.congress.registrations.conftest import delegate

pytestmark = pytest.mark.django_db


def test_an_invoice_issued_in_english_names_the_buyers_country_in_french(
    edition, tariffs, ccas_manager
):
    organisation = ccas_manager.memberships.get().organisation
    organisation.country, organisation.vat_number = "DE", "DE129273398"
    organisation.siret = organisation.departement = organisation.insee_code = ""
    organisation.save()

    with translation.override("en"):
        order = registrations_services.order_create(
            congress=edition,
            by=ccas_manager,
            organisation=organisation,
            tariff=tariffs["public"],
            delegates=[delegate(1)],
        )
        assert str(organisation.get_country_display()) == "Germany"

    invoice = Invoice.objects.get(order=order, kind=InvoiceKind.INVOICE)
    assert (invoice.buyer["country"], invoice.buyer["country_name"]) == ("DE", "Allemagne")
    assert invoice.vat_mention == "TVA non applicable, art. 256 B du CGI"
