"""On the morning of the congress: a desk volunteer checks delegates in on a phone, by name and
by a scanned ticket (the decoded token fed to the field the camera fills), and sees « déjà
enregistré·e » on the second scan; a delegate downloads their ticket and certificate."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress.onsite.models import CheckIn, DeskPayment, DeskRole
from congress.onsite.services import walk_in_register
from congress.payments.models import Invoice
from congress.registrations.models import OrderState, PaymentMethod
from congress.registrations.tickets import ticket_token
from tests.e2e.conftest import log_in
from tests.e2e.test_keyboard_journeys import Keyboard
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    TariffFactory,
    UserFactory,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db(transaction=True)


def make_delegate(congress, tariff, name, *, organisation=None, user=None, order=None, **needs):
    order = OrderFactory(
        congress=congress, organisation=organisation, total=tariff.price, **(order or {})
    )
    return RegistrationFactory(
        order=order, congress=congress, tariff=tariff, price=tariff.price, full_name=name,
        days=[d.isoformat() for d in congress.days], **({"user": user} if user else {}), **needs,
    )  # fmt: skip


def test_desk_volunteer_checks_in_by_name_and_by_ticket(web):
    today = timezone.localdate()
    congress = CongressFactory(
        is_current=True, start_date=today, end_date=today + datetime.timedelta(days=1)
    )
    tariff = TariffFactory(congress=congress, name="Association", price=Decimal("60.00"))
    volunteer = UserFactory(full_name="Victor Bénévole")
    DeskRole.objects.create(congress=congress, user=volunteer)
    epicerie = OrganisationFactory(name="Épicerie solidaire du Maine")
    helene = make_delegate(
        congress, tariff, "Hélène Durand", organisation=epicerie,
        order={"state": OrderState.AWAITING_ON_SITE, "payment_method": PaymentMethod.ON_SITE},
    )  # fmt: skip
    make_delegate(congress, tariff, "Zoé Martin", needs_lsf=True, needs_shared=True)

    web.page.set_viewport_size({"width": 320, "height": 700})
    log_in(web, volunteer.email, TEST_PASSWORD)
    web.go(f"/staff/{congress.slug}/check-in/")
    web.axe(context="desk page")
    # By name, without accents, as the volunteer types (no page load).
    web.page.get_by_label("Nom ou organisation").press_sequentially("helene", delay=50)
    entry = web.page.get_by_test_id("desk-entry")
    expect(entry).to_have_count(1)
    assert web.page.url.endswith("/check-in/")
    # The button (what works without JavaScript) finds the same person.
    web.page.get_by_role("button", name="Chercher").click()
    web.page.wait_for_url("**/check-in/?q=helene")
    expect(entry).to_have_count(1)
    assert plain("Non réglé : 60,00 € dus – paiement sur place") in plain(
        entry.inner_text().replace("\xa0", " ")
    )
    web.axe(context="desk search results")
    entry.get_by_role("button", name="Enregistrer l'arrivée").click()
    web.page.wait_for_load_state()
    assert plain("Hélène Durand : arrivée enregistrée à") in plain(
        web.page.locator(".messages").inner_text()
    )
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 320
    # The same ticket scanned afterwards: already there, nothing recorded twice.
    web.page.get_by_label("Code du billet").fill(ticket_token(helene))
    web.page.get_by_role("button", name="Valider le billet").click()
    web.page.wait_for_load_state()
    message = web.page.locator(".messages").inner_text()
    assert plain("Hélène Durand : déjà enregistré·e à") in plain(message) and plain(
        "par Victor Bénévole"
    ) in plain(message)
    # Another delegate by ticket.
    zoe = congress.registrations.get(full_name="Zoé Martin")
    web.page.get_by_label("Code du billet").fill(ticket_token(zoe))
    web.page.get_by_role("button", name="Valider le billet").click()
    web.page.wait_for_load_state()
    assert plain("Zoé Martin : arrivée enregistrée à") in plain(
        web.page.locator(".messages").inner_text()
    )
    assert "interprétation en LSF" in web.page.get_by_test_id("desk-entry").inner_text()
    web.axe(context="desk after a scan")
    # A forged code: one neutral message.
    web.page.get_by_label("Code du billet").fill("MQ:not-a-signature")
    web.page.get_by_role("button", name="Valider le billet").click()
    web.page.wait_for_load_state()
    assert "Billet non reconnu pour ce congrès" in web.page.locator(".messages").inner_text()
    assert CheckIn.objects.count() == 2
    web.assert_clean("desk journey")


def test_delegate_downloads_ticket_and_certificate(web):
    today = timezone.localdate()
    congress = CongressFactory(
        is_current=True,
        start_date=today - datetime.timedelta(days=2),
        end_date=today - datetime.timedelta(days=1),
    )
    tariff = TariffFactory(congress=congress, price=Decimal("0.00"))
    person = UserFactory(full_name="Hélène Durand")
    registration = make_delegate(congress, tariff, "Hélène Durand", user=person)
    CheckIn.objects.create(registration=registration, day=congress.start_date)

    log_in(web, person.email, TEST_PASSWORD)
    web.go("/account/")
    web.page.get_by_role("link", name="Billets et attestations").first.click()
    web.page.wait_for_url(f"**/congresses/{congress.slug}/tickets/")
    web.axe(context="tickets page")
    with web.page.expect_download() as ticket:
        web.page.get_by_role("link", name="Billet (écran de téléphone)").click()
    assert ticket.value.suggested_filename == f"billet-{congress.slug}-{registration.pk}.pdf"
    with web.page.expect_download() as certificate:
        web.page.get_by_role("link", name="Attestation de présence").click()
    assert (
        certificate.value.suggested_filename
        == f"attestation-ATT-{congress.start_date.year}-{registration.pk:05d}.pdf"
    )
    with open(certificate.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    web.assert_clean("tickets journey")


def test_organiser_adds_a_volunteer_and_sees_the_figures(web):
    today = timezone.localdate()
    congress = CongressFactory(
        is_current=True, start_date=today, end_date=today + datetime.timedelta(days=1)
    )
    tariff = TariffFactory(congress=congress, name="Association", price=Decimal("60.00"))
    organiser = UserFactory()
    congress.organisers.add(organiser)
    UserFactory(email="victor@example.org", full_name="Victor Bénévole")
    came = make_delegate(congress, tariff, "Hélène Durand")
    make_delegate(congress, tariff, "Zoé Martin")
    CheckIn.objects.create(registration=came, day=today)

    log_in(web, organiser.email, TEST_PASSWORD)
    web.go(f"/staff/{congress.slug}/registrations/")
    web.page.get_by_role("link", name="Accueil et présences").click()
    web.page.wait_for_url(f"**/staff/{congress.slug}/onsite/")
    assert plain(web.page.get_by_test_id("day-total").first.inner_text()) == plain(
        "Arrivées\xa0: 1 / 2 attendues"
    )
    web.axe(context="attendance figures")
    web.page.get_by_role("link", name="Équipe d'accueil").click()
    web.page.get_by_label("Adresse e-mail du compte").fill("nobody@example.org")
    web.page.get_by_role("button", name="Ajouter à l'accueil").click()
    web.axe(context="desk team, error")
    web.page.get_by_label("Adresse e-mail du compte").fill("victor@example.org")
    web.page.get_by_role("button", name="Ajouter à l'accueil").click()
    expect(web.page.get_by_test_id("desk-roles")).to_contain_text("Victor Bénévole")
    web.axe(context="desk team")
    web.go(f"/staff/{congress.slug}/onsite/certificates/")
    web.axe(context="certificate settings")
    assert DeskRole.objects.filter(user__email="victor@example.org").count() == 1
    web.assert_clean("organiser on-site journey")


def test_desk_registers_a_walk_in_with_the_keyboard_on_a_phone(web):
    """A person arrives without a registration: the volunteer registers them, notes the cash
    paid and the arrival is recorded at once, with only the keyboard on a 375 px screen."""
    today = timezone.localdate()
    congress = CongressFactory(
        is_current=True, accepts_on_site=True, start_date=today,
        end_date=today + datetime.timedelta(days=1),
    )  # fmt: skip
    TariffFactory(congress=congress, name="Association", price=Decimal("60.00"), order=1)
    TariffFactory(congress=congress, name="Individuel", price=Decimal("30.00"), order=2)
    volunteer = UserFactory(full_name="Victor Bénévole")
    DeskRole.objects.create(congress=congress, user=volunteer)

    web.page.set_viewport_size({"width": 375, "height": 760})
    log_in(web, volunteer.email, TEST_PASSWORD)
    web.go(f"/staff/{congress.slug}/check-in/")
    person = Keyboard(web)
    person.arrive("desk page")
    person.follow("[data-testid=walk-in-link]", "walk-in form")
    # Sent empty: the summary names what is missing, nothing is written.
    person.tab_to("[data-testid=walk-in-form] button[type=submit]")
    with web.page.expect_navigation():
        person.keys.press("Enter")
    person.arrive("walk-in form with errors")
    expect(web.page.locator(".alert-danger").first).to_contain_text("Nom et prénom")
    person.type_into("#id_full_name", "Zoé Martin")
    person.type_into("#id_organisation_name", "Secours populaire")
    person.choose("#id_tariff", "Individuel")
    person.tab_to("#id_payment_0")
    person.keys.press("Space")
    person.tab_to("[data-testid=walk-in-form] button[type=submit]")
    with web.page.expect_navigation():
        person.keys.press("Enter")
    person.arrive("desk after the walk-in")
    expect(web.page.locator(".messages")).to_contain_text("Zoé Martin")
    assert plain("Zoé Martin : inscription enregistrée, arrivée à") in plain(
        web.page.locator(".messages").inner_text()
    )
    entry = web.page.get_by_test_id("desk-entry")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Secours populaire – Individuel")
    expect(entry.get_by_test_id("arrived")).to_contain_text("par Victor Bénévole")
    expect(entry.get_by_role("link", name="Billet de Zoé Martin (PDF)")).to_have_count(1)
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 375
    registration = congress.registrations.get()
    assert (registration.tariff.name, registration.order.state) == ("Individuel", OrderState.PAID)
    assert CheckIn.objects.filter(registration=registration, day=today).count() == 1
    web.assert_clean("walk-in journey")


def test_organiser_invoices_a_walk_in_to_the_payer_on_a_small_phone(web):
    """A person registered « à facturer » at the desk: the organiser types who pays on the
    attendance page (320 px), a missing address is refused with a summary, then the invoice is
    issued and offered for download."""
    today = timezone.localdate()
    congress = CongressFactory(
        is_current=True, accepts_on_site=True, start_date=today,
        end_date=today + datetime.timedelta(days=1),
    )  # fmt: skip
    tariff = TariffFactory(congress=congress, name="CCAS", price=Decimal("90.00"))
    organiser = UserFactory()
    congress.organisers.add(organiser)
    order = walk_in_register(
        congress=congress, by=organiser, tariff=tariff, full_name="Jean-Marc Tessier",
        day=today, payment=DeskPayment.TO_INVOICE, organisation_name="CCAS de Sablé-sur-Sarthe",
    ).registration.order  # fmt: skip

    web.page.set_viewport_size({"width": 320, "height": 760})
    log_in(web, organiser.email, TEST_PASSWORD)
    web.go(f"/staff/{congress.slug}/onsite/")
    card = web.page.get_by_test_id("walk-in-to-invoice")
    expect(card).to_contain_text("Jean-Marc Tessier (CCAS de Sablé-sur-Sarthe)")
    expect(card.get_by_label("Payeur (organisme ou personne)")).to_have_value(
        "CCAS de Sablé-sur-Sarthe"
    )
    card.get_by_role("button", name=f"Émettre la facture de {order.reference}").click()
    web.page.wait_for_load_state()
    expect(web.page.locator(".alert-danger").first).to_contain_text("Adresse")
    # The refused form answers 400, as it should: that one error is expected.
    assert [e.split(" for ")[0] for e in web.http_errors] == ["HTTP 400"]
    web.http_errors.clear()
    refused = "Failed to load resource: the server responded with a status of 400"
    assert [e.startswith(refused) for e in web.console_errors] == [True]
    web.console_errors.clear()
    web.axe(context="walk-in invoice, errors")
    card = web.page.get_by_test_id("walk-in-to-invoice")
    card.get_by_label("Adresse").fill("2 rue Saint-Denis")
    card.get_by_label("Code postal").fill("72300")
    card.get_by_label("Commune").fill("Sablé-sur-Sarthe")
    card.get_by_role("button", name=f"Émettre la facture de {order.reference}").click()
    invoice_link = web.page.get_by_role("link", name="Télécharger la facture")
    expect(invoice_link).to_have_count(1)
    invoice = Invoice.objects.get(order=order)
    expect(web.page.get_by_test_id("walk-in-invoiced")).to_contain_text(
        f"Facture {invoice.reference} émise à CCAS de Sablé-sur-Sarthe."
    )
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 320
    web.axe(context="walk-in invoiced")
    web.assert_clean("walk-in invoice journey")
