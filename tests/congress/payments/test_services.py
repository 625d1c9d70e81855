"""Guards of the money documents: an invoice is issued once, credited once, by a credit note."""

import pytest
from django.core.exceptions import ValidationError

from congress.payments import services
from congress.payments.models import Invoice, InvoiceKind
from congress.registrations import services as registrations_services
from tests.congress.registrations.conftest import delegate

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice(edition, tariffs, ccas_manager):
    order = registrations_services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(1)],
    )
    return order.invoices.get()


def numbers():
    return sorted(Invoice.objects.values_list("kind", "reference"))


def test_an_order_is_invoiced_once(invoice):
    before = numbers()
    with pytest.raises(ValidationError) as error:
        services.invoice_issue(order=invoice.order)
    assert error.value.messages == ["Cette commande a déjà une facture."]
    assert numbers() == before


def test_an_invoice_is_credited_once(invoice):
    services.credit_note_issue(invoice=invoice)
    before = numbers()
    with pytest.raises(ValidationError) as error:
        services.credit_note_issue(invoice=invoice)
    assert error.value.messages == ["Cette facture a déjà un avoir."]
    assert numbers() == before


def test_a_credit_note_is_not_credited(invoice):
    credit_note = services.credit_note_issue(invoice=invoice)
    assert credit_note.kind == InvoiceKind.CREDIT_NOTE
    before = numbers()
    with pytest.raises(ValidationError) as error:
        services.credit_note_issue(invoice=credit_note)
    assert error.value.messages == ["Seule une facture peut être annulée par un avoir."]
    assert numbers() == before
