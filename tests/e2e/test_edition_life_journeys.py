"""Journeys through the life of an edition on the demo (issue 12): the ended 2024 edition leads
to its results, workshop sign-up is refused after its deadline, the demo banner is shown."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from congress.accounts.demo import DEMO_PASSWORD
from congress.editions.models import Congress
from reports import services
from reports.models import Report, ReportScope, ReportStatus
from tests.e2e.conftest import log_in
from tracks.models import Session, WorkshopSignup

pytestmark = pytest.mark.django_db(transaction=True)

PAST = "congres-solidarites-2024"
BANNER = "Site de démonstration — données fictives"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def demo(settings, seeded_demo):
    settings.DEMO_SITE = True  # the banner (seeding does not read it)
    return Congress.objects.get(slug=PAST), Congress.objects.current()


def publish_report(congress):
    """A generated version of the final report, published by the organisers (the real PDF takes
    30 s to render: `seed_demo --with-report`; its rendering is tested in tests/reports)."""
    organiser = congress.organisers.get(email="organisateur@demo.congres-solidarites.fr")
    report = Report.objects.create(congress=congress, scope=ReportScope.FULL)
    report.file.save("rapport-2024.pdf", ContentFile(PDF), save=False)
    report.status, report.generated_at = ReportStatus.DONE, timezone.now()
    report.save()
    services.report_publish(report=report, label="Rapport complet", by=organiser)


def test_the_past_edition_leads_to_its_results(demo, web):
    past, upcoming = demo
    publish_report(past)
    page = web.page
    web.go("/")
    assert page.locator("#demo-banner").inner_text().startswith(BANNER)
    assert page.locator("h1").inner_text() == upcoming.name
    web.axe(context="home of the upcoming edition")
    web.screenshot("edition-upcoming-home-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    web.screenshot("edition-upcoming-home-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.set_viewport_size({"width": 1280, "height": 900})
    web.go("/congresses/")
    page.get_by_role("link", name=past.name).click()
    page.wait_for_url(f"**/congresses/{PAST}/")
    ended = page.locator("#edition-ended")
    assert ended.get_by_role("heading").inner_text() == "Cette édition est terminée"
    assert page.get_by_text("Publié", exact=True).count() == 0
    assert page.locator("#demo-banner").is_visible()
    web.axe(context="page of the ended edition")
    web.screenshot("edition-ended-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    web.screenshot("edition-ended-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_download() as download:
        ended.get_by_role("link", name="Télécharger le rapport final (PDF)").click()
    assert download.value.suggested_filename == f"rapport-{PAST}.pdf"
    assert open(download.value.path(), "rb").read() == PDF

    ended.get_by_role("link", name="48 propositions adressées aux décideurs").click()
    page.wait_for_url(f"**/congresses/{PAST}/policy-proposals/")
    web.axe(context="policy proposals of the ended edition")


def test_workshop_signup_is_refused_after_its_deadline(demo, web):
    _past, upcoming = demo
    workshop = Session.objects.filter(congress=upcoming, session_type__is_workshop=True).first()
    page = web.page
    log_in(web, "participant@demo.congres-solidarites.fr", DEMO_PASSWORD)
    web.go(workshop.get_absolute_url())
    assert page.get_by_text("Inscriptions ouvertes jusqu'au").is_visible()
    page.get_by_role("button", name="M'inscrire à cet atelier").click()
    page.get_by_text(f"Vous êtes inscrit·e à « {workshop.title} ».").wait_for()
    web.axe(context="signed up")

    upcoming.signup_closes_at = timezone.now() - timedelta(minutes=5)
    upcoming.save(update_fields=["signup_closes_at"])
    web.go(workshop.get_absolute_url())
    closed = page.locator("#signup-closed")
    assert closed.inner_text().startswith("Les inscriptions aux ateliers sont closes depuis le")
    assert page.get_by_role("button", name="Annuler mon inscription").count() == 0
    assert page.get_by_role("button", name="M'inscrire à cet atelier").count() == 0
    web.axe(context="sign-up closed")
    web.go(f"/congresses/{upcoming.slug}/programme/mine/")
    assert (
        page.locator("#signup-deadline")
        .inner_text()
        .startswith("Les inscriptions aux ateliers sont closes depuis le")
    )
    assert page.get_by_role("button", name=f"Annuler {workshop.title}").count() == 0
    web.axe(context="my programme, sign-up closed")
    assert WorkshopSignup.objects.filter(session=workshop).count() == 1
