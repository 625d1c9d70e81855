"""Registration journeys: card payment through the fake Stripe, invoice for a CCAS, waitlist."""

import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from congress.organisations.models import MembershipRole
from congress.registrations import seats, services
from congress.registrations.models import Order, OrderState, TariffAudience
from tests.conftest import STRIPE_TEST_WEBHOOK_SECRET
from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    MembershipFactory,
    OrganisationFactory,
    TariffFactory,
    UserFactory,
    VenueFactory,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def edition():
    congress = CongressFactory(
        is_current=True,
        name="2e Congrès national des Solidarités",
        capacity=20,
        billing_name="Ville du Mans",
        billing_address="Place Saint-Pierre\n72000 Le Mans",
        billing_siret="21720181500019",
        billing_iban="FR76 1007 1720 0000 0020 0000 123",
        billing_bic="TRPUFRP1",
    )
    VenueFactory(congress=congress)
    TariffFactory(congress=congress, name="Association", price=Decimal("60.00"), order=1)
    TariffFactory(
        congress=congress,
        name="CCAS / collectivité",
        price=Decimal("90.00"),
        audience=TariffAudience.PUBLIC_BODY,
        order=2,
    )
    return congress


def manager_of(**org):
    return MembershipFactory(organisation=OrganisationFactory(**org), role=MembershipRole.MANAGER)


def fill_delegates(page, people):
    for i, (name, email) in enumerate(people):
        page.locator(f"#id_d{i}-full_name").fill(name)
        page.locator(f"#id_d{i}-email").fill(email)
        page.locator(f"#id_d{i}-function").fill("Chargé·e de mission")


def start_order(web, edition, organisation, count):
    web.go(f"/congresses/{edition.slug}/register/")
    web.axe(context="registration start")
    web.page.get_by_label("Pour qui ?").select_option(organisation.slug)
    web.page.get_by_label("Nombre de personnes à inscrire").fill(str(count))
    web.page.get_by_role("button", name="Continuer").click()
    web.page.wait_for_load_state()
    web.axe(context="order form")


def test_association_registers_two_delegates_and_pays_by_card(
    web, edition, live_server, stripe_settings
):
    stripe_settings.webhook_url = live_server.url + "/payments/stripe/webhook/"
    stripe_settings.webhook_secret = STRIPE_TEST_WEBHOOK_SECRET
    membership = manager_of(name="Épicerie solidaire du Maine")
    log_in(web, membership.user.email, TEST_PASSWORD)
    start_order(web, edition, membership.organisation, 2)
    web.page.get_by_label("Tarif").select_option(label="Association – 60,00\u00a0€")
    fill_delegates(
        web.page, [("Louise Martin", "louise@epicerie.fr"), ("Karim Diallo", "karim@epicerie.fr")]
    )
    web.page.locator("#id_d1-needs_lsf").check()
    web.screenshot("registration-order-form")
    web.page.get_by_label("Carte bancaire").check()
    web.page.get_by_role("button", name="Vérifier la commande").click()
    web.page.wait_for_load_state()
    web.axe(context="card order review")
    web.page.get_by_role("button", name="Confirmer").click()
    web.page.wait_for_url(f"{stripe_settings.url}/pay/*")
    assert web.page.get_by_role("heading", level=1).inner_text() == "Pay €120.00"
    web.page.get_by_role("button", name="Pay").click()
    web.page.wait_for_url(f"{live_server.url}/congresses/{edition.slug}/orders/**")
    assert web.page.get_by_test_id("order-state").inner_text() == "Payée"
    web.axe(context="order paid")
    web.screenshot("registration-order-paid")
    order = Order.objects.get()
    assert order.state == OrderState.PAID
    assert [status for _id, status in stripe_settings.deliveries] == [200]
    assert sorted(m.to[0] for m in mail.outbox) == ["karim@epicerie.fr", "louise@epicerie.fr"]


def test_ccas_registers_three_delegates_and_downloads_invoice(web, edition):
    membership = manager_of(
        ccas=True,
        name="CCAS de Coulaines",
        address="1 place de la Mairie",
        postal_code="72190",
        commune="Coulaines",
    )
    log_in(web, membership.user.email, TEST_PASSWORD)
    start_order(web, edition, membership.organisation, 3)
    web.page.get_by_label("Code service (Chorus Pro)").fill("SOLIDARITES-72")
    web.page.get_by_label("Numéro d'engagement / bon de commande").fill("EJ-2024-0099")
    fill_delegates(
        web.page,
        [
            ("Agent Un", "un@coulaines.fr"),
            ("Agent Deux", "deux@coulaines.fr"),
            ("Agent Trois", "trois@coulaines.fr"),
        ],
    )
    web.page.get_by_role("button", name="Vérifier la commande").click()
    web.page.wait_for_load_state()
    web.axe(context="ccas order review")
    assert web.page.get_by_test_id("review-method").inner_text() == "Facture (mandat administratif)"
    web.page.get_by_role("button", name="Confirmer").click()
    web.page.wait_for_url("**/orders/*/")
    assert (
        web.page.get_by_test_id("order-state").inner_text() == "En attente de mandat administratif"
    )
    web.axe(context="order awaiting mandate")
    web.screenshot("registration-ccas-order")
    with web.page.expect_download() as download:
        web.page.get_by_role("link", name=re.compile(r"Facture F-\d{4}-0*1 ")).click()
    content = open(download.value.path(), "rb").read()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    text = text.replace("\xa0", " ").replace("\u202f", " ")
    for expected in [membership.organisation.siret, "SOLIDARITES-72", "EJ-2024-0099", "270,00 €"]:
        assert expected in text, expected
    # The account and the organisation page link to the order.
    web.go("/account/")
    web.axe(context="account with registrations")
    assert web.page.get_by_role("link", name=re.compile("CMD-")).count() == 1
    web.go(membership.organisation.get_absolute_url())
    web.axe(context="organisation with orders")
    assert web.page.get_by_role("link", name=re.compile("CMD-")).count() == 1


def test_person_joins_waitlist_and_gets_offer_when_place_frees(new_browser, edition):
    edition.capacity = 1
    edition.save()
    ccas = manager_of(ccas=True, name="CCAS d'Allonnes")
    order = services.order_create(
        congress=edition,
        by=ccas.user,
        organisation=ccas.organisation,
        tariff=edition.tariffs.get(name="CCAS / collectivité"),
        delegates=[{"full_name": "Agent Un", "email": "un@allonnes.fr"}],
    )
    person = UserFactory(full_name="Inès Roux")
    web = new_browser()
    log_in(web, person.email, TEST_PASSWORD)
    web.go(f"/congresses/{edition.slug}/register/")
    web.axe(context="full edition")
    web.page.get_by_role("button", name="Rejoindre la liste d'attente").click()
    web.page.wait_for_load_state()
    assert "Vous êtes sur la liste d'attente" in web.page.content()
    web.axe(context="on the waitlist")

    organiser = UserFactory()
    edition.organisers.add(organiser)
    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go("/staff/")
    staff.axe(context="staff home")
    staff.page.get_by_role("link", name=re.compile("Inscriptions")).click()
    staff.page.wait_for_load_state()
    staff.axe(context="registrations board")
    staff.screenshot("registration-board")
    # An order awaiting its mandate: nothing to refund, the button says so.
    assert staff.page.get_by_role("button", name=re.compile("Annuler et rembourser")).count() == 0
    staff.page.get_by_role("button", name=f"Annuler la commande {order.reference}").click()
    staff.page.wait_for_load_state()
    assert plain(staff.dialogs) == plain(
        [
            "Annuler cette commande ? Les places seront libérées ; une facture émise est annulée "
            "par un avoir (aucun remboursement par carte)."
        ]
    )
    staff.axe(context="board after cancel")
    order.refresh_from_db()
    assert (order.state, list(order.registrations.values_list("status", flat=True))) == (
        "cancelled",
        ["cancelled"],
    )
    entry = person.waitlist_entries.get()
    assert entry.state == "offered"
    assert entry.offered_until > timezone.now()
    # The freed place is held for Inès: no one else may take it, she may.
    assert (seats.places_left(edition), seats.places_left(edition, exclude_offer=entry)) == (0, 1)

    offer = [m for m in mail.outbox if person.email in m.to]
    assert [m.subject for m in offer] == [f"Une place se libère au {edition.name}"]
    link = re.search(r"https?://\S+/register/", offer[0].body).group(0)
    web.go(link[link.index("/congresses/") :])
    assert "Une place vous est réservée jusqu'au" in web.page.content()
    web.axe(context="offer")
    web.screenshot("registration-waitlist-offer")


def test_association_registers_two_delegates_and_pays_by_transfer(web, edition):
    """Issue 12: without Stripe, transfer is offered; the review step, « Modifier » keeping what
    was typed, then the order page with the reference and the IBAN to put on the transfer."""
    membership = manager_of(name="Secours solidaire de la Sarthe")
    log_in(web, membership.user.email, TEST_PASSWORD)
    start_order(web, edition, membership.organisation, 2)
    assert "paiement en ligne non configuré" not in web.page.content()
    web.page.get_by_label("Tarif").select_option(label="Association – 60,00\u00a0€")
    assert web.page.get_by_label("Virement bancaire").is_checked()
    fill_delegates(
        web.page, [("Léa Bernard", "lea@secours72.fr"), ("Omar Haddad", "omar@secours72.fr")]
    )
    web.page.get_by_role("button", name="Vérifier la commande").click()
    web.page.wait_for_load_state()
    web.axe(context="transfer order review")
    lines = web.page.get_by_test_id("review-lines").inner_text()
    assert "Léa Bernard" in lines and "Omar Haddad" in lines
    assert plain(web.page.get_by_test_id("review-total").inner_text()) == plain("120,00\u00a0€")
    assert web.page.get_by_test_id("review-method").inner_text() == "Virement bancaire"
    assert "remboursement intégral jusqu" in web.page.get_by_test_id("refund-terms").inner_text()
    assert not Order.objects.exists()
    web.screenshot("registration-review-1280")
    web.page.set_viewport_size({"width": 375, "height": 800})
    web.screenshot("registration-review-375")
    web.page.set_viewport_size({"width": 1280, "height": 900})
    # « Modifier » brings the form back with everything typed.
    web.page.get_by_role("button", name="Modifier").click()
    web.page.wait_for_load_state()
    assert web.page.locator("#id_d1-full_name").input_value() == "Omar Haddad"
    web.page.locator("#id_d1-function").fill("Trésorier")
    web.page.get_by_role("button", name="Vérifier la commande").click()
    web.page.wait_for_load_state()
    web.page.get_by_role("button", name="Confirmer").click()
    web.page.wait_for_url("**/orders/*/")
    order = Order.objects.get()
    assert order.state == OrderState.AWAITING_TRANSFER
    assert order.registrations.get(email="omar@secours72.fr").function == "Trésorier"
    assert web.page.get_by_test_id("order-state").inner_text() == "En attente de virement"
    assert web.page.get_by_test_id("transfer-reference").inner_text() == order.reference
    assert web.page.get_by_test_id("transfer-iban").inner_text() == edition.billing_iban
    web.axe(context="order awaiting transfer")
    web.screenshot("registration-transfer-order-1280")
    web.page.set_viewport_size({"width": 375, "height": 800})
    web.screenshot("registration-transfer-order-375")
    width = web.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scroll at 375 px: {width}"
    instructions = [m for m in mail.outbox if m.to == [membership.user.email]]
    assert order.reference in instructions[0].body and edition.billing_iban in instructions[0].body


def test_registration_and_cancellation_refused_after_their_deadlines(web, edition):
    membership = manager_of(name="Restos solidaires du Maine")
    order = services.order_create(
        congress=edition,
        by=membership.user,
        organisation=membership.organisation,
        tariff=edition.tariffs.get(name="Association"),
        delegates=[{"full_name": "Paul Petit", "email": "paul@restos.fr"}],
    )
    edition.registration_closes_at = timezone.now() - timezone.timedelta(hours=1)
    edition.cancellation_deadline = timezone.now() - timezone.timedelta(hours=2)
    edition.save()
    web.go("/")
    cta = web.page.get_by_test_id("registration-cta").inner_text()
    assert cta.startswith("Les inscriptions sont closes depuis le")
    assert web.page.get_by_role("link", name="S'inscrire au congrès").count() == 0
    web.axe(context="home, registration closed")
    log_in(web, membership.user.email, TEST_PASSWORD)
    web.go(
        f"/congresses/{edition.slug}/register/?organisation={membership.organisation.slug}&count=1"
    )
    assert (
        web.page.get_by_test_id("window-refusal")
        .inner_text()
        .startswith("Les inscriptions sont closes depuis le")
    )
    assert web.page.locator("#id_tariff").count() == 0
    web.axe(context="registration closed")
    web.go(order.get_absolute_url())
    assert web.page.get_by_role("button", name=re.compile("Annuler")).count() == 0
    web.axe(context="order after the cancellation deadline")
    order.refresh_from_db()
    assert order.state == OrderState.AWAITING_TRANSFER
