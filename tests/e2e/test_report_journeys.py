"""Report journey: an organiser reads the dashboard, writes the foreword, generates the report
(immediate task backend) and downloads it; axe-core on every page."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.reports.conftest import IMMEDIATE, make_edition

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def edition(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_edition(workshops=2)


def test_organiser_dashboard_foreword_generate_and_download(web, edition):
    log_in(web, edition.organiser.email, TEST_PASSWORD)
    web.go("/staff/")
    web.axe()
    web.page.get_by_role("link", name=re.compile("^Tableau de bord")).first.click()
    assert web.page.get_by_role("heading", level=1).inner_text().startswith("Tableau de bord")
    assert web.page.locator("svg.chart[role=img]").count() == 14
    assert web.page.get_by_role("table", name=re.compile("Relectures par thème")).count() == 1
    web.axe(context="dashboard")
    web.screenshot("report-dashboard")

    web.page.get_by_role("link", name="Exports de données").click()
    web.axe(context="exports")
    web.page.get_by_role("link", name="Rapport final").click()
    web.axe(context="report page")
    web.page.get_by_role("textbox", name="Avant-propos").fill(
        "Le Congrès a réuni associations et CCAS.\n\nVoici leurs propositions."
    )
    web.page.get_by_role("button", name="Enregistrer l'avant-propos").click()
    assert "L'avant-propos est enregistré." in web.page.inner_text("main")
    web.axe(context="report page after saving the foreword")

    web.page.get_by_role("button", name="Générer – Rapport complet").click()
    row = web.page.locator("#report-full-all")
    assert row.get_by_text("Prêt").count() == 1
    web.axe(context="report page with a file")
    web.screenshot("report-page")
    with web.page.expect_download() as info:
        row.get_by_role("link", name=re.compile("^Télécharger le PDF")).click()
    download = info.value
    assert download.suggested_filename == f"rapport-{edition.congress.slug}.pdf"
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    text = re.sub(r"\s+", " ", "".join(page.extract_text() for page in reader.pages[:3]))
    assert "Avant-propos" in text
    assert "Le Congrès a réuni associations et CCAS." in text
    assert len(reader.pages) == 14
