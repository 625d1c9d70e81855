"""Printed matter journeys: an organiser filters the badges and downloads a sheet; a visitor
opens the share page from the programme and copies its link. axe-core on every page."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.reports.printed.conftest import make_printed

pytestmark = pytest.mark.django_db(transaction=True)


def test_organiser_filters_badges_and_downloads_a_sheet(web):
    printed = make_printed(delegates=2)
    log_in(web, printed.organiser.email, TEST_PASSWORD)
    web.go("/staff/")
    web.page.get_by_role("link", name="Badges, signalétique et lettre d'invitation").click()
    assert web.page.get_by_role("heading", level=1).inner_text().startswith("Badges")
    assert web.page.locator("#badge-count").inner_text() == "6 badges sur 6"
    web.axe(context="badge list")

    web.page.get_by_label("Rôle").select_option(label="Animateur·rice")
    web.page.get_by_role("button", name="Filtrer").click()
    assert web.page.locator("#badge-count").inner_text() == "2 badges sur 6"
    web.axe(context="badge list filtered")
    web.screenshot("printed-badges")
    with web.page.expect_download() as info:
        web.page.get_by_role("button", name="Imprimer ces 2 badges (PDF)").click()
    download = info.value
    assert download.suggested_filename == f"badges-{printed.congress.slug}-a4-8.pdf"
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Amina Animatrice" in text and "Bruno Anime" in text
    assert "Déléguée 1" not in text

    web.go(f"/staff/{printed.congress.slug}/printed/badges/?not_printed=on")
    assert web.page.locator("#badge-count").inner_text() == "4 badges sur 6"
    assert web.page.get_by_text("Amina Animatrice").count() == 0

    web.page.get_by_role("link", name="Signalétique des salles").click()
    expect(web.page.get_by_role("link", name=re.compile("^PDF"))).to_have_count(2)
    web.axe(context="door signs")
    web.page.get_by_role("link", name="Lettre d'invitation").click()
    web.axe(context="invitation letter")


def test_visitor_opens_the_share_page_and_copies_the_link(new_browser):
    printed = make_printed()
    web = new_browser()
    web.context.grant_permissions(["clipboard-read", "clipboard-write"])
    web.go(f"/congresses/{printed.congress.slug}/programme/")
    assert web.page.get_by_role("link", name="livret A4 (PDF)").count() == 1
    web.page.get_by_role("link", name="passer l'invitation").click()
    assert web.page.get_by_role("heading", level=1).inner_text().startswith("Passer l'invitation")
    assert web.page.get_by_role("heading", name="Où ?").count() == 1
    web.axe(context="share page")
    copy = web.page.get_by_role("button", name="Copier le lien")
    # The clipboard only answers the focused page (other journeys' pages share the browser),
    # and it answers asynchronously: wait for the message rather than read it at once.
    web.page.bring_to_front()
    copy.click()
    expect(web.page.locator("[data-copy-status]")).to_have_text("Lien copié")
    assert web.page.evaluate("navigator.clipboard.readText()").endswith(
        f"/congresses/{printed.congress.slug}/invitation/"
    )
    web.screenshot("printed-share")
    web.page.set_viewport_size({"width": 320, "height": 640})
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 320
    response = web.page.request.get(
        web.base_url + f"/congresses/{printed.congress.slug}/invitation.pdf"
    )
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
