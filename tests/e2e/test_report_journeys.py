"""Report journey: an organiser reads the dashboard, writes the foreword, generates the report
(immediate task backend) and downloads it; axe-core on every page."""

import io
import re

import pytest
from django.utils import timezone
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

    # One « Générer » action, the version chosen in the form, after the list of what is missing.
    precheck = web.page.get_by_test_id("report-precheck").inner_text()
    assert "L'avant-propos n'est pas écrit." not in precheck
    assert web.page.get_by_role("button", name=re.compile("^Générer")).count() == 1
    web.page.get_by_label("Version du rapport").select_option(label="Rapport complet")
    # The immediate task backend lays the PDF out before answering: give it time.
    with web.page.expect_navigation(timeout=120_000):
        web.page.get_by_role("button", name="Générer", exact=True).click(no_wait_after=True)
    row = web.page.locator("#report-full-all")
    assert row.get_by_text("Prêt").count() == 1
    web.axe(context="report page with a file")
    web.screenshot("report-page")
    with web.page.expect_download() as info:
        row.get_by_role("link", name=re.compile("^Télécharger le PDF")).click()
    download = info.value
    assert download.suggested_filename == f"rapport-{edition.congress.slug}.pdf"
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))
    # Cover, « L'essentiel » (two pages), contents, then the foreword.
    text = re.sub(r"\s+", " ", "".join(page.extract_text() for page in reader.pages[:6]))
    assert "Avant-propos" in text
    assert "Le Congrès a réuni associations et CCAS." in text
    assert len(reader.pages) == 16


def test_report_page_follows_a_background_generation(web, edition):
    """The worker runs elsewhere: the page polls the progress (static JS) and reloads when
    the file is ready."""
    from django.core.files.base import ContentFile

    from reports.models import Report, ReportStatus

    report = Report.objects.create(
        congress=edition.congress,
        status=ReportStatus.RUNNING,
        progress=40,
        stage="Mise en page : page 3",
        requested_at=timezone.now(),
    )
    log_in(web, edition.organiser.email, TEST_PASSWORD)
    web.go(f"/staff/{edition.congress.slug}/report/")
    row = web.page.locator("#report-full-all")
    assert row.locator("progress").get_attribute("value") == "40"
    # The version being generated cannot be asked for again.
    assert web.page.locator("#id_variant option[value='full:']").is_disabled()
    assert web.page.get_by_role("link", name="Actualiser l'avancement").count() == 1
    web.axe(context="report page while generating")
    Report.objects.filter(pk=report.pk).update(progress=85, stage="Écriture du PDF")
    web.page.wait_for_function(
        "() => document.querySelector('#report-full-all progress').value === 85"
    )
    assert row.get_by_text("Écriture du PDF").count() == 1
    report.file.save("rapport.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.DONE, progress=100, stage="Terminé", file=report.file.name,
        generated_at=timezone.now(), page_count=3,
    )  # fmt: skip
    web.page.get_by_role("link", name=re.compile("^Télécharger le PDF")).wait_for()
    assert web.page.locator("progress").count() == 0
    web.axe(context="report page after the generation")
