"""Foundation journeys: sign up, confirm the email, create an organisation, invite a member."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from congress.accounts.models import User
from congress.organisations.models import Invitation, Membership, MembershipRole, Organisation
from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    RoomFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def link_in_last_mail(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.fixture
def edition():
    congress = CongressFactory(is_current=True, name="2e Congrès national des Solidarités")
    for order, name in enumerate(["L'aide alimentaire et la qualité", "Le handicap-inclusion"]):
        TrackFactory(congress=congress, name=name, order=order, colour="#1d6f42")
    RoomFactory(venue=VenueFactory(congress=congress), name="Auditorium", capacity=800)
    return congress


def test_public_pages_pass_axe(web, edition):
    web.go("/")
    assert (
        web.page.get_by_role("heading", level=1).inner_text()
        == "2e Congrès national des Solidarités"
    )
    web.axe()
    web.screenshot("home")
    web.page.get_by_role("link", name="Le handicap-inclusion").click()
    assert web.page.get_by_role("heading", level=1).inner_text().strip() == "Le handicap-inclusion"
    web.axe()
    for path in ["/organisations/", "/congresses/", "/legal/accessibilite/", "/legal/mentions-legales/",
                 "/legal/donnees-personnelles/", "/account/login/", "/account/password-reset/"]:  # fmt: skip
        web.go(path)
        web.axe()


def test_language_switch_to_english(web, edition):
    web.go("/")
    web.page.get_by_label("Langue").select_option("en")
    web.page.get_by_role("button", name="Changer").click()
    web.page.wait_for_load_state()
    assert web.page.locator("html").get_attribute("lang") == "en"
    assert web.page.get_by_role("link", name="Organisations").count() == 1
    assert web.page.get_by_role("link", name="Sign up").count() == 1
    web.axe()


def test_sign_up_confirm_create_organisation_and_invite(new_browser, edition, live_server):
    web = new_browser()
    # Sign up, keyboard only: Tab through the form and submit with Enter.
    web.go("/")
    web.page.get_by_role("link", name="Créer un compte").first.click()
    web.axe(context="sign-up form")
    web.page.get_by_label("Nom complet").fill("Louise Martin")
    web.page.keyboard.press("Tab")
    web.page.keyboard.type("louise@asso-exemple.fr")
    web.page.locator("#id_password1").fill(TEST_PASSWORD)
    web.page.get_by_label("Confirmez le mot de passe").fill(TEST_PASSWORD)
    web.page.get_by_label("Confirmez le mot de passe").press("Enter")
    # The same answer for any address (nobody learns who has an account), nobody logged in.
    web.page.get_by_role("heading", name="Vérifiez votre messagerie").wait_for()
    expect(web.page.locator("body")).to_contain_text("louise@asso-exemple.fr")
    web.axe(context="sign-up, check your mailbox")

    # Confirm the email with the link received: then log in, the address already filled in.
    web.go(link_in_last_mail("louise@asso-exemple.fr").replace("http://127.0.0.1:8000", ""))
    web.page.wait_for_url("**/account/login/**")
    expect(web.page.locator("body")).to_contain_text("est confirmée")
    assert User.objects.get(email="louise@asso-exemple.fr").email_confirmed
    assert web.page.get_by_label("Adresse e-mail").input_value() == "louise@asso-exemple.fr"
    web.page.locator("#id_password").fill(TEST_PASSWORD)
    web.page.locator("#id_password").press("Enter")
    web.page.wait_for_url("**/account/")

    # Create an organisation: an invalid SIRET is refused in French, nothing is created.
    web.page.get_by_role("link", name="Créer une organisation").click()
    web.axe(context="organisation form")
    page = web.page
    page.get_by_label("Type").select_option("association")
    page.locator("#id_name").fill("Épicerie solidaire du Maine")
    page.get_by_label("SIRET").fill("732 829 320 00075")
    page.get_by_label("numéro RNA").fill("W723001234")
    page.locator("#id_commune").fill("Le Mans")
    page.get_by_label("Département").select_option("72")
    page.get_by_label("E-mail de contact").fill("contact@epicerie-maine.fr")
    page.get_by_role("button", name="Créer l'organisation").click()
    web.screenshot("organisation-invalid-siret")
    expect(page.locator("body")).to_contain_text("la clé de contrôle ne correspond pas")
    assert Organisation.objects.count() == 0
    web.axe(context="organisation form with errors")
    web.screenshot("organisation-invalid-siret")

    page.get_by_label("SIRET").fill("732 829 320 00074")
    page.get_by_role("button", name="Créer l'organisation").click()
    page.wait_for_url("**/organisations/epicerie-solidaire-du-maine/")
    organisation = Organisation.objects.get()
    assert organisation.siret == "73282932000074"
    web.axe(context="organisation page")

    # Invite a member.
    page.get_by_label("Adresse e-mail de la personne à inviter").fill("karim@asso-exemple.fr")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.locator("body")).to_contain_text("Invitation envoyée à karim@asso-exemple.fr")
    web.axe(context="organisation page with invitation")
    web.screenshot("organisation-members")
    invitation = Invitation.objects.get()
    assert invitation.email == "karim@asso-exemple.fr"

    # The invited person, already registered, accepts.
    UserFactory(email="karim@asso-exemple.fr", full_name="Karim Diallo")
    other = new_browser()
    log_in(other, "karim@asso-exemple.fr", TEST_PASSWORD)
    other.go(link_in_last_mail("karim@asso-exemple.fr").replace("http://127.0.0.1:8000", ""))
    other.axe(context="invitation")
    other.page.get_by_role("button", name="Accepter l'invitation").click()
    other.page.wait_for_url(f"**/organisations/{organisation.slug}/")
    membership = Membership.objects.get(user__email="karim@asso-exemple.fr")
    assert (membership.organisation, membership.role) == (organisation, MembershipRole.MEMBER)
