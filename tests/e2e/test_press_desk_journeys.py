"""Issue 15: a journalist arrives at the evening with her press badge; the desk volunteer finds
her on a phone (« Presse ») and records her arrival. An organiser edits a speaker's profile and
sessions on their own page. Both pages at 320 px, axe-clean."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress.onsite.models import DeskRole
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD, CongressFactory, SessionFactory, UserFactory
from tests.spaces import plain
from tracks.press.models import PressAccreditation, PressCheckIn, PressStatus
from tracks.speakers.models import SpeakerProfile

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_desk_checks_an_accredited_journalist_in(web):
    today = timezone.localdate()
    evening = CongressFactory(
        kind="evening", start_date=today, end_date=today + datetime.timedelta(days=0)
    )
    volunteer = UserFactory(full_name="Victor Bénévole")
    DeskRole.objects.create(congress=evening, user=volunteer)
    PressAccreditation.objects.create(
        congress=evening, full_name="Julie Fontaine", media="Radio Quartiers", card_number="C1",
        email="julie@example.org", phone="0600000000", status=PressStatus.ACCEPTED,
    )  # fmt: skip
    web.page.set_viewport_size({"width": 320, "height": 700})
    log_in(web, volunteer.email, TEST_PASSWORD)
    web.go(f"/staff/{evening.slug}/check-in/?q=fontaine")
    guest = web.page.get_by_test_id("desk-guest")
    expect(guest).to_have_count(1)
    expect(guest.get_by_test_id("guest-mark")).to_have_text("Presse")
    web.axe(context="desk with a journalist")
    guest.get_by_role("button", name="Enregistrer l'arrivée de Julie Fontaine").click()
    web.page.wait_for_load_state()
    assert plain("Julie Fontaine (Presse) : arrivée enregistrée à") in plain(
        web.page.locator(".messages").inner_text()
    )
    expect(web.page.get_by_test_id("desk-guest").get_by_test_id("arrived")).to_have_count(1)
    assert PressCheckIn.objects.filter(by=volunteer).count() == 1
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 320


def test_an_organiser_edits_a_speakers_profile(web):
    evening = CongressFactory(kind="evening")
    organiser = UserFactory()
    evening.organisers.add(organiser)
    SessionFactory(congress=evening, title="Conférence sur la résilience")
    profile = SpeakerProfile.objects.create(congress=evening, name="Inès Martin")
    web.page.set_viewport_size({"width": 320, "height": 700})
    log_in(web, organiser.email, TEST_PASSWORD)
    web.go(f"/congresses/{evening.slug}/staff/speakers/")
    web.page.get_by_role("link", name="Modifier le profil de Inès Martin").click()
    web.page.wait_for_load_state()
    web.axe(context="speaker edit page")
    web.page.locator("#id_name").fill("")
    web.page.get_by_role("button", name="Enregistrer le profil").click()
    web.page.wait_for_load_state()
    expect(web.page.locator(".alert-danger").first).to_be_visible()  # the error summary
    # The refused form answers 400, as it should: that one error is expected.
    assert [e.split(" for ")[0] for e in web.http_errors] == ["HTTP 400"]
    web.http_errors.clear()
    refused = "Failed to load resource: the server responded with a status of 400"
    web.console_errors[:] = [e for e in web.console_errors if not e.startswith(refused)]
    web.axe(context="speaker edit page with errors")
    web.page.locator("#id_name").fill("Inès Martin-Roux")
    web.page.locator("#id_function").fill("Présidente")
    web.page.get_by_label("Conférence sur la résilience").check()
    web.page.get_by_role("button", name="Enregistrer le profil").click()
    web.page.wait_for_url(f"**/congresses/{evening.slug}/staff/speakers/")
    profile.refresh_from_db()
    assert (profile.name, profile.function, profile.sessions.count()) == (
        "Inès Martin-Roux", "Présidente", 1,
    )  # fmt: skip
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 320
