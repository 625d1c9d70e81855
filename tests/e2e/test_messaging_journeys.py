"""Messages journey: an organiser writes to the people signed up for one workshop, previews it
for a real recipient, sends a test, confirms the sending (immediate task backend) and follows the
status of each recipient; axe-core on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from messaging.delivery import unsubscribe_token
from messaging.models import MessageRecipient, OptOut
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.messaging.conftest import IMMEDIATE, make_world
from tests.spaces import plain

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings):
    settings.TASKS = IMMEDIATE
    return make_world()


def test_organiser_messages_the_delegates_of_one_workshop(web, world):
    log_in(web, world.organiser.email, TEST_PASSWORD)
    web.go("/staff/")
    web.page.get_by_role("link", name="Messages aux participants").click()
    assert "Aucun message pour l'instant." in web.page.inner_text("main")
    web.axe(context="message list, empty")
    web.page.get_by_role("link", name="Écrire un message").first.click()
    web.axe(context="message form")
    web.page.get_by_label("Envoyer à").select_option(f"workshop:{world.workshop.pk}")
    web.page.get_by_label("Pratique ou essentiel (envoyé à tous)").check()
    web.page.get_by_role("textbox", name="Objet (français)").fill("Votre atelier, {prenom}")
    web.page.get_by_role("textbox", name="Texte (français)").fill(
        "Bonjour {prenom}, rendez-vous en {sale}."
    )
    web.page.get_by_role("button", name="Enregistrer et voir l'aperçu").click()
    # The unknown placeholder is caught before anything is saved.
    assert plain("Champ inconnu : {sale}.") in plain(web.page.inner_text("main"))
    web.axe(context="message form with an error")
    web.page.get_by_role("textbox", name="Texte (français)").fill(
        "Bonjour {prenom}, rendez-vous à l'atelier. Votre commande : {reference_commande}."
    )
    web.page.get_by_role("button", name="Enregistrer et voir l'aperçu").click()

    main = web.page.inner_text("main")
    assert "2 personnes" in main
    assert "Aperçu pour Élodie Lefèvre" in main
    assert plain(
        f"Bonjour Élodie, rendez-vous à l'atelier. Votre commande : {world.delegates[0].order.reference}."
    ) in plain(main)
    web.axe(context="preview")
    web.screenshot("message-preview")
    web.page.get_by_role("button", name="M'envoyer un test").click()
    assert "Un message de test vous a été envoyé à claire@example.org." in web.page.inner_text(
        "main"
    )
    assert [m.subject for m in mail.outbox] == ["[Test] Votre atelier, Élodie"]

    web.page.get_by_role("link", name="Envoyer…").click()
    assert "à 2 personnes" in web.page.inner_text("main")
    web.axe(context="confirmation")
    web.page.get_by_role("button", name="Confirmer l'envoi").click()
    main = web.page.inner_text("main")
    assert "Envoi lancé" in main
    rows = web.page.locator("tr[data-recipient]")
    assert rows.count() == 2
    for email in ("elodie@example.org", "jane@example.org"):
        row = web.page.locator(f'tr[data-recipient="{email}"]')
        assert row.locator('[data-recipient-status="sent"]').count() == 1
    assert web.page.locator("[data-progress]").inner_text() == "100 %"
    web.axe(context="message sent, per-recipient status")
    web.screenshot("message-sent")
    web.page.set_viewport_size({"width": 320, "height": 640})
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 320
    web.screenshot("message-sent-320")
    web.page.set_viewport_size({"width": 1280, "height": 900})
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["elodie@example.org", "jane@example.org"]
    assert MessageRecipient.objects.filter(status="sent").count() == 2

    web.page.get_by_role("link", name="Messages envoyés et brouillons").click()
    expect(web.page.get_by_role("link", name=re.compile("^Votre atelier"))).to_have_count(1)
    web.axe(context="message list")
    web.page.get_by_role("link", name="Rappels automatiques").click()
    web.axe(context="reminder texts")
    web.page.get_by_role("textbox", name="Texte (français)").nth(1).fill(
        "À demain au Mans, {prenom}."
    )
    web.page.get_by_role("button", name="Enregistrer ce texte").nth(1).click()
    assert "Texte du rappel enregistré." in web.page.inner_text("main")


def test_participant_refuses_information_messages_then_unsubscribe_link(web, world):
    user = world.delegates[0].user
    log_in(web, user.email, TEST_PASSWORD)
    web.go("/account/")
    web.page.get_by_role("link", name="Messages des organisateurs : mes choix").click()
    web.axe(context="messaging preferences")
    checkbox = web.page.get_by_label("Recevoir les messages d'information des organisateurs")
    assert checkbox.is_checked()
    checkbox.uncheck()
    web.page.get_by_role("button", name="Enregistrer").click()
    assert "Votre choix est enregistré." in web.page.inner_text("main")
    assert not web.page.get_by_label(
        "Recevoir les messages d'information des organisateurs"
    ).is_checked()
    assert OptOut.objects.filter(email=user.email).exists()

    web.go(f"/unsubscribe/{unsubscribe_token('jane@example.org')}/")
    web.axe(context="unsubscribe link")
    web.page.get_by_role("button", name="Me désinscrire").click()
    assert "C'est fait" in web.page.inner_text("main")
    assert OptOut.objects.filter(email="jane@example.org").exists()
