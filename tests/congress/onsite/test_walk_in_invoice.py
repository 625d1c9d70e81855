"""A walk-in registered « à facturer » at the desk gets its invoice when organisers type who
pays (issue 13): numbered like every invoice, once, and only by organisers."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.audit.models import AuditEntry
from congress.onsite import selectors, services
from congress.onsite.models import DeskPayment
from congress.payments.models import Invoice
from congress.registrations.models import Order
from tests.spaces import plain

pytestmark = pytest.mark.django_db

PAYER = {
    "name": "CCAS de Sablé-sur-Sarthe",
    "address": "  2 rue  Saint-Denis ",
    "postal_code": "72300",
    "commune": "Sablé-sur-Sarthe",
    "siret": "732 829 320 00074",
}


@pytest.fixture(autouse=True)
def _on_site(edition):
    edition.accepts_on_site = True
    edition.save(update_fields=["accepts_on_site"])


def walk_in(edition, volunteer, tariff, today, name="Jean-Marc Tessier", **extra):
    values = {
        "congress": edition, "by": volunteer, "tariff": tariff, "full_name": name,
        "day": today, "payment": DeskPayment.TO_INVOICE,
        "organisation_name": "CCAS de Sablé-sur-Sarthe",
    }  # fmt: skip
    return services.walk_in_register(**{**values, **extra}).registration.order


def state():
    return (
        Invoice.objects.count(),
        AuditEntry.objects.filter(action="order.walk_in_invoiced").count(),
        sorted(Order.objects.values_list("pk", "code_service", "engagement_number")),
    )


def test_organisers_invoice_a_walk_in_to_the_payer_they_type(
    edition, volunteer, organiser, tariff, today
):
    first = walk_in(edition, volunteer, tariff, today)
    second = walk_in(edition, volunteer, tariff, today, name="Thierry Gourdon")
    invoice = services.walk_in_invoice_issue(
        order=first, by=organiser, payer=PAYER, code_service=" SOLIDARITES ",
        engagement_number="EJ-77",
    )  # fmt: skip
    year = today.year
    assert invoice.reference == f"{edition.invoice_prefix}-{year}-00001"
    assert invoice.buyer == {
        "name": "CCAS de Sablé-sur-Sarthe", "address": "2 rue Saint-Denis",
        "postal_code": "72300", "commune": "Sablé-sur-Sarthe", "siret": "73282932000074",
        "country": "FR", "country_name": "France", "vat_number": "", "code_service": "SOLIDARITES",
        "engagement_number": "EJ-77", "email": "",
    }  # fmt: skip
    assert invoice.total == Decimal("60.00")
    assert [(line["quantity"], line["people"]) for line in invoice.lines] == [
        (1, ["Jean-Marc Tessier"])
    ]
    entry = AuditEntry.objects.get(action="order.walk_in_invoiced")
    assert (entry.actor, entry.target_id, entry.details["reference"]) == (
        organiser, str(first.pk), invoice.reference,
    )  # fmt: skip
    # The next one follows in the same series, without a gap.
    payer = {**PAYER, "name": "Mairie de La Flèche", "siret": ""}
    again = services.walk_in_invoice_issue(order=second, by=organiser, payer=payer)
    assert again.reference == f"{edition.invoice_prefix}-{year}-00002"
    # Once per order.
    before = state()
    with pytest.raises(ValidationError) as error:
        services.walk_in_invoice_issue(order=first, by=organiser, payer=PAYER)
    assert error.value.messages == ["Cette commande a déjà une facture."]
    assert state() == before


def test_only_organisers_invoice_and_a_payer_needs_a_name_and_an_address(
    edition, volunteer, organiser, tariff, today
):
    order = walk_in(edition, volunteer, tariff, today)
    before = state()
    with pytest.raises(PermissionDenied):
        services.walk_in_invoice_issue(order=order, by=volunteer, payer=PAYER)
    blank = {**PAYER, "name": "  ", "address": "", "postal_code": "", "commune": ""}
    with pytest.raises(ValidationError) as error:
        services.walk_in_invoice_issue(order=order, by=organiser, payer=blank)
    assert set(error.value.message_dict) == {"name", "address", "postal_code", "commune"}
    with pytest.raises(ValidationError) as error:
        services.walk_in_invoice_issue(
            order=order, by=organiser, payer={**PAYER, "siret": "73282932000075"}
        )
    assert plain(error.value.message_dict["siret"]) == [
        "Ce numéro SIRET n'est pas valide : la clé de contrôle ne correspond pas."
    ]
    assert state() == before


def test_only_a_walk_in_awaiting_its_invoice_is_invoiced(
    edition, volunteer, organiser, tariff, today
):
    paid = walk_in(edition, volunteer, tariff, today, payment=DeskPayment.CASH)
    cancelled = walk_in(edition, volunteer, tariff, today, name="Annulée Avant")
    Order.objects.filter(pk=cancelled.pk).update(state="cancelled")
    not_walk_in = walk_in(edition, volunteer, tariff, today, name="Hors Accueil")
    Order.objects.filter(pk=not_walk_in.pk).update(walk_in=False)
    before = state()
    for order, message in (
        (paid, "Cette commande n'est pas une inscription sur place à facturer."),
        (not_walk_in, "Cette commande n'est pas une inscription sur place à facturer."),
        (cancelled, "Cette commande n'attend plus de facture."),
    ):
        with pytest.raises(ValidationError) as error:
            services.walk_in_invoice_issue(order=order, by=organiser, payer=PAYER)
        assert error.value.messages == [message]
    assert state() == before
    assert selectors.walk_ins_to_invoice(edition) == []


def board(client, edition):
    return client.get(f"/staff/{edition.slug}/onsite/")


def test_the_board_lists_walk_ins_to_invoice_and_issues_in_one_action(
    client, edition, volunteer, organiser, tariff, today
):
    order = walk_in(edition, volunteer, tariff, today)
    client.force_login(organiser)
    page = board(client, edition)
    assert page.status_code == 200
    form = page.context["to_invoice"][0].form
    assert form.initial == {"name": "CCAS de Sablé-sur-Sarthe"}
    assert "Jean-Marc Tessier (CCAS de Sablé-sur-Sarthe)" in plain(page.content.decode())
    url = f"/staff/{edition.slug}/onsite/walk-ins/{order.pk}/invoice/"
    refused = client.post(url, {f"o{order.pk}-name": "CCAS", f"o{order.pk}-address": ""})
    assert refused.status_code == 400
    assert refused.context["to_invoice"][0].form.errors["address"] == ["Ce champ est obligatoire."]
    assert Invoice.objects.count() == 0
    posted = {f"o{order.pk}-{key}": value for key, value in PAYER.items()}
    response = client.post(url, posted, follow=True)
    invoice = Invoice.objects.get(order=order)
    text = plain(response.content.decode())
    assert text.count(f"Facture {invoice.reference} émise à CCAS de Sablé-sur-Sarthe.") == 2
    assert f"/orders/{order.pk}/invoices/{invoice.pk}.pdf" in text
    pdf = client.get(f"/congresses/{edition.slug}/orders/{order.pk}/invoices/{invoice.pk}.pdf")
    assert (pdf.status_code, pdf.content[:5]) == (200, b"%PDF-")


def test_the_desk_cannot_issue_an_invoice(client, edition, volunteer, tariff, today):
    order = walk_in(edition, volunteer, tariff, today)
    client.force_login(volunteer)
    posted = {f"o{order.pk}-{key}": value for key, value in PAYER.items()}
    url = f"/staff/{edition.slug}/onsite/walk-ins/{order.pk}/invoice/"
    assert client.post(url, posted).status_code == 403
    assert Invoice.objects.count() == 0


def test_the_boards_queries_do_not_grow_with_the_walk_ins_to_invoice(
    client, edition, volunteer, organiser, tariff, today
):
    client.force_login(organiser)
    walk_in(edition, volunteer, tariff, today, name="Personne Une")
    board(client, edition)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        page = board(client, edition)
    assert plain(page.content.decode()).count("Émettre la facture") == 1
    done = walk_in(edition, volunteer, tariff, today, name="Personne Deux")
    services.walk_in_invoice_issue(order=done, by=organiser, payer=PAYER)
    walk_in(edition, volunteer, tariff, today, name="Personne Trois")
    with CaptureQueriesContext(connection) as three:
        page = board(client, edition)
    text = plain(page.content.decode())
    assert [name in text for name in ("Personne Une", "Personne Deux", "Personne Trois")] == [
        True, True, True,
    ]  # fmt: skip
    assert text.count("Émettre la facture") == 2
    assert len(three) == len(one)
