"""An organiser imports the bank statement and confirms the transfer an association made."""

from decimal import Decimal

import pytest

from congress.registrations.models import Order, OrderState, PaymentMethod
from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db(transaction=True)


def transfer_order(congress, name: str, total: str) -> Order:
    organisation = OrganisationFactory(name=name)
    manager = MembershipFactory(organisation=organisation, role="manager").user
    order = OrderFactory(
        congress=congress,
        organisation=organisation,
        placed_by=manager,
        payment_method=PaymentMethod.TRANSFER,
        state=OrderState.AWAITING_TRANSFER,
        total=Decimal(total),
    )
    RegistrationFactory(order=order, price=Decimal(total))
    return order


def test_organiser_imports_a_statement_and_confirms_a_transfer(web):
    congress = CongressFactory(is_current=True)
    organiser = UserFactory()
    congress.organisers.add(organiser)
    paid_by_transfer = transfer_order(congress, "Épicerie solidaire du Maine", "120.00")
    short = transfer_order(congress, "Secours du Nord", "60.00")
    mangled = paid_by_transfer.reference.replace("-", " ")
    statement = (
        "\ufeffDate;Libellé;Montant\n"
        f"01/03/2027;VIR SEPA RECU /DE EPICERIE SOLIDAIRE /MOTIF {mangled};120,00\n"
        f"02/03/2027;VIR SECOURS DU NORD {short.reference};50,00\n"
        "03/03/2027;REMISE CHEQUE 1234567;35,00\n"
        "04/03/2027;PRLV FRAIS TENUE DE COMPTE;-8,00\n"
    ).encode()

    log_in(web, organiser.email, TEST_PASSWORD)
    web.go("/staff/")
    web.page.get_by_role("link", name="Rapprochement des virements", exact=True).click()
    web.page.wait_for_url(f"**/staff/{congress.slug}/payments/transfers/")
    web.axe(context="reconciliation page, empty")
    web.page.get_by_label("Relevé bancaire (CSV)").set_input_files(
        {"name": "releve-mars.csv", "mimeType": "text/csv", "buffer": statement}
    )
    web.page.get_by_role("button", name="Lire le relevé").click()
    web.page.wait_for_load_state()

    rows = web.page.locator("[data-testid=matches] tbody tr")
    assert rows.count() == 3  # the debit is not a payment to us
    assert web.page.get_by_text("3 crédits lus – 1 rapprochement proposé").is_visible()
    assert web.page.get_by_text("Montant différent : la commande attend 60,00").is_visible()
    assert web.page.get_by_text("Aucune commande reconnue").is_visible()
    checkbox = web.page.get_by_label(f"Confirmer le paiement de {paid_by_transfer.reference}")
    assert checkbox.is_checked()
    web.axe(context="reconciliation page, proposals")
    web.screenshot("transfer-reconciliation-1280")
    web.page.set_viewport_size({"width": 375, "height": 800})
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 375
    web.screenshot("transfer-reconciliation-375")
    web.page.set_viewport_size({"width": 320, "height": 800})
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 320
    web.page.set_viewport_size({"width": 1280, "height": 900})

    web.page.get_by_role("button", name="Confirmer les virements cochés").click()
    web.page.wait_for_load_state()

    assert plain(f"1 commande marquée payée : {paid_by_transfer.reference}.") in plain(
        web.page.content()
    )
    paid_by_transfer.refresh_from_db()
    assert (paid_by_transfer.state, str(paid_by_transfer.paid_at)) == (
        OrderState.PAID,
        "2027-03-01",
    )
    assert Order.objects.get(pk=short.pk).state == OrderState.AWAITING_TRANSFER
    web.axe(context="reconciliation page, after confirming")


def test_organiser_sets_the_seller_and_its_vat_situation(web):
    congress = CongressFactory(is_current=True)
    organiser = UserFactory()
    congress.organisers.add(organiser)

    log_in(web, organiser.email, TEST_PASSWORD)
    web.go(f"/staff/{congress.slug}/billing/")
    web.axe(context="billing settings")
    web.page.get_by_label("Émetteur des factures").fill("Ville du Mans")
    web.page.get_by_label("Situation au regard de la TVA").select_option("non_profit")
    web.page.get_by_role("button", name="Enregistrer").click()
    web.page.wait_for_load_state()

    assert "Réglages de facturation enregistrés." in web.page.content()
    congress.refresh_from_db()
    assert (congress.billing_name, congress.vat_mention) == (
        "Ville du Mans", "Exonération de TVA, art. 261, 7-1° du CGI",
    )  # fmt: skip
    web.screenshot("billing-settings-1280")
    web.page.set_viewport_size({"width": 375, "height": 800})
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 375
    web.screenshot("billing-settings-375")
    web.page.set_viewport_size({"width": 320, "height": 800})
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 320
    web.axe(context="billing settings, saved")
