"""The seller's identity and VAT situation, set by organisers, frozen on each invoice."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from congress.audit.models import AuditEntry
from congress.editions.models import Congress, VatRegime
from congress.payments import services
from congress.payments.models import InvoiceKind
from congress.registrations import services as registrations_services
from congress.templatetags.dates import long_date
from tests.congress.registrations.conftest import delegate
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


def public_invoice(edition, tariffs, ccas_manager, *people):
    order = registrations_services.order_create(
        congress=edition,
        by=ccas_manager,
        organisation=ccas_manager.memberships.get().organisation,
        tariff=tariffs["public"],
        delegates=list(people) or [delegate(1)],
    )
    return order.invoices.get(kind=InvoiceKind.INVOICE)


@pytest.mark.parametrize(
    ("regime", "mention"),
    [
        (VatRegime.PUBLIC_BODY, "TVA non applicable, art. 256 B du CGI"),
        (VatRegime.NON_PROFIT, "Exonération de TVA, art. 261, 7-1° du CGI"),
        (VatRegime.FRANCHISE, "TVA non applicable, art. 293 B du CGI"),
    ],
)
def test_a_vat_free_seller_prints_the_legal_mention_of_its_situation(
    edition, tariffs, ccas_manager, regime, mention
):
    edition.billing_vat_regime = regime
    edition.save()

    with translation.override("en"):  # frozen in French whatever the buyer's language
        invoice = public_invoice(edition, tariffs, ccas_manager)

    assert invoice.vat_mention == mention
    assert (invoice.vat_rate, invoice.total_excl_vat, invoice.vat_amount) == (None, None, None)
    assert invoice.seller["vat_regime"] == regime


def test_an_organisers_own_mention_wins(edition, tariffs, ccas_manager):
    edition.billing_vat_mention = "TVA non applicable – activité non lucrative"
    edition.save()

    assert public_invoice(edition, tariffs, ccas_manager).vat_mention == (
        "TVA non applicable – activité non lucrative"
    )


def test_a_seller_charging_vat_splits_the_total_and_the_credit_note_mirrors_it(
    edition, tariffs, ccas_manager
):
    edition.billing_vat_regime = VatRegime.VAT
    edition.billing_vat_rate = Decimal("20.00")
    edition.billing_vat_number = "FR40303265045"
    edition.save()

    invoice = public_invoice(edition, tariffs, ccas_manager, delegate(1), delegate(2))
    credit = services.credit_note_issue(invoice=invoice)

    assert (invoice.total, invoice.vat_rate) == (Decimal("180.00"), Decimal("20.00"))
    assert (invoice.total_excl_vat, invoice.vat_amount) == (Decimal("150.00"), Decimal("30.00"))
    assert invoice.vat_mention == ""
    assert invoice.seller["vat_number"] == "FR40303265045"
    assert (credit.total_excl_vat, credit.vat_amount, credit.vat_rate) == (
        Decimal("-150.00"), Decimal("-30.00"), Decimal("20.00"),
    )  # fmt: skip


def test_rounding_keeps_ht_plus_vat_equal_to_the_total(edition, tariffs, ccas_manager):
    edition.billing_vat_regime = VatRegime.VAT
    edition.billing_vat_rate = Decimal("5.50")
    edition.save()

    invoice = public_invoice(edition, tariffs, ccas_manager)

    assert (invoice.total_excl_vat, invoice.vat_amount) == (Decimal("85.31"), Decimal("4.69"))
    assert invoice.total_excl_vat + invoice.vat_amount == invoice.total


def test_vat_without_a_rate_is_refused():
    edition = CongressFactory(billing_vat_regime=VatRegime.VAT)

    with pytest.raises(Exception) as error:
        edition.full_clean()

    assert error.value.message_dict == {"billing_vat_rate": ["Indiquez le taux de TVA appliqué."]}


def test_an_invoice_of_a_european_buyer_shows_its_country_and_vat_number(
    edition, tariffs, ccas_manager
):
    organisation = ccas_manager.memberships.get().organisation
    organisation.country, organisation.vat_number = "BE", "BE0776091951"
    organisation.siret = organisation.departement = organisation.insee_code = ""
    organisation.save()

    invoice = public_invoice(edition, tariffs, ccas_manager)

    assert (invoice.buyer["country"], invoice.buyer["country_name"]) == ("BE", "Belgique")
    assert invoice.buyer["vat_number"] == "BE0776091951"


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (date(2027, 3, 1), "fr", "1er mars 2027"),
        (date(2027, 3, 2), "fr", "2 mars 2027"),
        (date(2027, 3, 1), "en", "1 March 2027"),
        (None, "fr", ""),
    ],
)
def test_long_dates_write_the_first_of_the_month_as_in_french(day, language, expected):
    with translation.override(language):
        assert long_date(day) == expected


def test_the_pdf_writes_french_dates_vat_lines_and_the_buyers_vat_number(
    edition, tariffs, ccas_manager, monkeypatch
):
    from pypdf import PdfReader  # noqa: PLC0415 - only this test reads PDFs

    from congress.payments.pdf import invoice_pdf

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2027, 3, 1))
    edition.billing_vat_regime = VatRegime.VAT
    edition.billing_vat_rate = Decimal("20.00")
    edition.save()
    organisation = ccas_manager.memberships.get().organisation
    organisation.country, organisation.vat_number = "BE", "BE0776091951"
    organisation.siret = organisation.departement = organisation.insee_code = ""
    organisation.save()
    invoice = public_invoice(edition, tariffs, ccas_manager)

    import io

    text = " ".join(PdfReader(io.BytesIO(invoice_pdf(invoice))).pages[0].extract_text().split())

    assert "Date d'émission 1er mars 2027" in text
    assert "Total HT 75,00 €" in text
    assert "TVA à 20 % 15,00 €" in text
    assert "Total TTC net à payer 90,00 €" in text
    assert "Belgique" in text
    assert "BE0776091951" in text


def test_organisers_set_the_billing_identity_in_their_page(client, edition):
    organiser = UserFactory()
    edition.organisers.add(organiser)
    client.force_login(organiser)
    url = reverse("billing_settings", kwargs={"slug": edition.slug})
    body = {
        "billing_name": "Ville du Mans", "billing_address": "Place Saint-Pierre",
        "billing_siret": "732 829 320 00074", "billing_vat_number": "",
        "billing_vat_regime": "vat", "billing_vat_rate": "20", "billing_vat_mention": "",
        "billing_iban": "FR76", "billing_bic": "BDFEFRPP", "payment_terms_days": "45",
        "invoice_prefix": "CNS", "credit_note_prefix": "CNSAV",
    }  # fmt: skip

    page = client.get(url)
    assert page.status_code == 200
    assert "TVA non applicable, art. 256 B du CGI" in page.content.decode()
    response = client.post(url, body)

    assert response.status_code == 302
    edition = Congress.objects.get(pk=edition.pk)
    assert (edition.billing_siret, edition.billing_vat_rate, edition.invoice_prefix) == (
        "73282932000074", Decimal("20.00"), "CNS",
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="billing.updated")
    assert "billing_vat_regime" in entry.details["fields"]
    assert "aucune (total HT, TVA et total TTC détaillés)" in client.get(url).content.decode()


def test_a_bad_billing_form_shows_a_summary_and_changes_nothing(client, edition):
    organiser = UserFactory()
    edition.organisers.add(organiser)
    client.force_login(organiser)
    url = reverse("billing_settings", kwargs={"slug": edition.slug})

    response = client.post(
        url, {"billing_vat_regime": "vat", "invoice_prefix": "f 1", "credit_note_prefix": "AV",
              "payment_terms_days": "30"},
    )  # fmt: skip

    assert response.status_code == 400
    html = response.content.decode()
    assert "data-error-summary" in html
    assert "De 1 à 10 lettres majuscules ou chiffres" in html
    assert Congress.objects.get(pk=edition.pk).invoice_prefix == "F"
    assert not AuditEntry.objects.exists()


def test_billing_settings_are_for_the_editions_organisers_only(edition):
    with pytest.raises(PermissionDenied):
        services.billing_settings_update(congress=edition, by=UserFactory(), billing_name="X")
    with pytest.raises(TypeError):
        services.billing_settings_update(
            congress=edition, by=UserFactory(is_superuser=True), capacity=3
        )
