"""Issue 15: speakers and press at the evening.

A speaker's profile: the organiser creates the profiles from the sessions' speaker lines, gives
one its speaker's address and confirms it; the speaker, logged in, completes it with a photo and
their consent; the public speakers page and the session page show it with the photo.

Press: a journalist asks for an accreditation without an account, the organiser accepts it, the
journalist's page says so and the organiser opens the press badges."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD, CongressFactory, SessionFactory, UserFactory
from tracks.speakers.models import SpeakerProfile

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def evening():
    return CongressFactory(
        slug="soiree-de-l-engagement", name="Soirée de l'engagement", kind="evening",
        city="Paris", capacity=500,
    )  # fmt: skip


def test_journalist_asks_without_account_organiser_accepts_and_prints_the_badge(
    web, new_browser, evening
):
    organiser = UserFactory(email="orga@example.org")
    evening.organisers.add(organiser)

    page = web.page
    web.go(f"/congresses/{evening.slug}/press/")
    web.axe(context="press request form")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator(".alert-danger").first).to_be_visible()
    # The refused form answers 400, as it should: that one error is expected.
    assert [e.split(" for ")[0] for e in web.http_errors] == ["HTTP 400"]
    web.http_errors.clear()
    refused = "Failed to load resource: the server responded with a status of 400"
    assert [e.startswith(refused) for e in web.console_errors] == [True]
    web.console_errors.clear()
    web.axe(context="press request form with errors")
    page.get_by_label("Nom et prénom").fill("Julie Fontaine")
    page.get_by_label("Média").fill("Radio Quartiers")
    page.get_by_label("Numéro de carte de presse").fill("12 345")
    page.get_by_label("Adresse e-mail").fill("julie@example.org")
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator("#press-status")).to_have_text("En attente")
    request_url = page.url
    web.axe(context="press request sent")

    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"/congresses/{evening.slug}/staff/press/")
    staff.axe(context="press requests")
    staff.page.get_by_role("button", name=re.compile("^Accepter.*Julie Fontaine")).click()
    expect(staff.page.locator("#press-requests")).to_contain_text("Acceptée")
    staff.page.get_by_role("link", name="Badges presse").click()
    staff.page.wait_for_load_state()
    staff.axe(context="press badges")

    web.go(request_url.removeprefix(web.base_url))
    expect(page.locator("#press-status")).to_have_text("Acceptée")


def test_speaker_profile_imported_confirmed_completed_and_shown(
    web, new_browser, evening, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    session = SessionFactory(
        congress=evening, title="Les Volontaires de Paris et la résilience",
        speakers="Claire Vasseur, Coordinatrice, Volontaires de Paris",
    )  # fmt: skip
    organiser = UserFactory(email="orga@example.org")
    evening.organisers.add(organiser)
    speaker = UserFactory(email="claire@example.org")
    photo = tmp_path / "claire.png"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "teal").save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())

    staff = new_browser()
    log_in(staff, organiser.email, TEST_PASSWORD)
    staff.go(f"/congresses/{evening.slug}/staff/speakers/")
    staff.axe(context="organisers' speakers")
    staff.page.get_by_role(
        "button", name="Créer les profils depuis les intervenant·es des sessions"
    ).click()
    expect(staff.page.locator("#staff-speakers")).to_contain_text("Claire Vasseur")
    staff.page.get_by_label("Adresse e-mail de Claire Vasseur").fill(speaker.email)
    staff.page.get_by_label("Adresse e-mail de Claire Vasseur").press("Enter")
    expect(staff.page.locator(".alert-success")).to_contain_text("peut modifier son profil")
    staff.page.get_by_role("button", name="Confirmer Claire Vasseur").click()
    expect(staff.page.locator("#staff-speakers")).to_contain_text("Confirmé·e")
    staff.axe(context="speaker confirmed")

    page = web.page
    log_in(web, speaker.email, TEST_PASSWORD)
    web.go(f"/congresses/{evening.slug}/speakers/")
    expect(page.locator("#speakers")).to_contain_text("Coordinatrice, Volontaires de Paris")
    expect(page.locator("#speakers img")).to_have_count(0)
    # The speaker reaches their form through the link e-mailed on confirmation.
    profile = SpeakerProfile.objects.get(name="Claire Vasseur")
    web.go(f"/congresses/{evening.slug}/speakers/{profile.pk}/edit/")
    web.axe(context="speaker's own form")
    page.get_by_label("Courte présentation").fill("Coordonne les volontaires lors des crises.")
    page.get_by_label("Photo", exact=True).set_input_files(str(photo))
    page.get_by_label("J'accepte que ma photo soit publiée sur le site de l'édition.").check()
    page.get_by_role("button", name="Enregistrer mon profil").click()
    expect(page.locator("#speaker-photo-state")).to_contain_text("Votre photo est publiée.")
    web.axe(context="speaker's profile saved")

    web.go(f"/congresses/{evening.slug}/speakers/")
    expect(page.locator("#speakers img")).to_have_count(1)
    expect(page.locator("#speakers")).to_contain_text("Coordonne les volontaires lors des crises.")
    web.axe(context="public speakers page")
    page.get_by_role("link", name=session.title).click()
    expect(page.locator("#speaker-profiles")).to_contain_text("Claire Vasseur")
    web.axe(context="session page with its speaker")
