"""Invoice numbers: per series (prefix) and year of issue, gap-free, credit notes apart."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from congress.payments import services
from congress.payments.models import Invoice, InvoiceCounter, InvoiceKind
from congress.registrations import services as registrations_services
from tests.congress.registrations.conftest import delegate
from tests.factories import CongressFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_day(monkeypatch):
    """Issue the next documents on a given day."""

    def set_day(day: date):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: day)

    return set_day


def public_order(edition, tariffs, ccas_manager, n=1):
    order = registrations_services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=[delegate(n)],
    )
    return order.invoices.get(kind=InvoiceKind.INVOICE)


def test_numbers_follow_the_year_of_issue_not_the_editions_year(
    edition, tariffs, ccas_manager, on_day
):
    # An edition two years ahead (still open for registration): its year is not the issue year.
    year = date.today().year + 2
    edition.start_date, edition.end_date = date(year, 2, 1), date(year, 2, 2)
    edition.save()
    on_day(date(2026, 12, 30))
    first = public_order(edition, tariffs, ccas_manager, 1)
    second = public_order(edition, tariffs, ccas_manager, 2)
    on_day(date(2027, 1, 1))
    third = public_order(edition, tariffs, ccas_manager, 3)

    assert [(i.reference, i.year, i.number) for i in (first, second, third)] == [
        ("F-2026-00001", 2026, 1),
        ("F-2026-00002", 2026, 2),
        ("F-2027-00001", 2027, 1),
    ]
    assert first.issued_on == date(2026, 12, 30)


def test_credit_notes_have_their_own_series_restarting_each_year(
    edition, tariffs, ccas_manager, on_day
):
    on_day(date(2026, 12, 31))
    invoice_a = public_order(edition, tariffs, ccas_manager, 1)
    invoice_b = public_order(edition, tariffs, ccas_manager, 2)
    credit_a = services.credit_note_issue(invoice=invoice_a)
    on_day(date(2027, 1, 2))
    credit_b = services.credit_note_issue(invoice=invoice_b)

    assert (credit_a.reference, credit_b.reference) == ("AV-2026-00001", "AV-2027-00001")
    assert credit_b.credited_invoice == invoice_b
    assert (credit_b.kind, credit_b.series, credit_b.year) == (InvoiceKind.CREDIT_NOTE, "AV", 2027)


def test_an_editions_prefix_gives_its_own_series(edition, tariffs, ccas_manager, on_day):
    on_day(date(2026, 6, 1))
    default_series = public_order(edition, tariffs, ccas_manager, 1)
    edition.invoice_prefix, edition.credit_note_prefix = "CNS", "CNSAV"
    edition.save()

    own = public_order(edition, tariffs, ccas_manager, 2)
    credit = services.credit_note_issue(invoice=own)

    assert default_series.reference == "F-2026-00001"
    assert (own.reference, credit.reference) == ("CNS-2026-00001", "CNSAV-2026-00001")


def test_editions_with_the_same_prefix_share_one_gap_free_series(
    edition, tariffs, ccas_manager, on_day
):
    on_day(date(2026, 6, 1))
    other = CongressFactory()
    first = public_order(edition, tariffs, ccas_manager, 1)
    counter = InvoiceCounter.objects.get(kind=InvoiceKind.INVOICE, series="F", year=2026)
    next_number = services._numbered(InvoiceKind.INVOICE, other.invoice_prefix, date(2026, 6, 2))

    assert first.number == 1
    assert next_number["reference"] == "F-2026-00002"
    counter.refresh_from_db()
    assert counter.last_number == 2


def test_existing_numbers_stay_as_they_were_issued(edition, tariffs, ccas_manager, on_day):
    """The data migration gave old invoices the year of their reference: the numbering goes on
    in that year without reusing their numbers."""
    on_day(date(2026, 3, 1))
    invoice = public_order(edition, tariffs, ccas_manager, 1)
    Invoice.objects.filter(pk=invoice.pk).update(reference="F-2026-0001")

    second = public_order(edition, tariffs, ccas_manager, 2)

    assert Invoice.objects.get(pk=invoice.pk).reference == "F-2026-0001"
    assert second.reference == "F-2026-00002"


def test_the_same_prefix_for_invoices_and_credit_notes_is_refused():
    edition = CongressFactory()
    edition.invoice_prefix = edition.credit_note_prefix = "FA"

    with pytest.raises(ValidationError) as error:
        edition.full_clean()

    assert error.value.message_dict == {
        "credit_note_prefix": ["Les avoirs ont un préfixe distinct des factures."]
    }
