"""Publishing one generated version of the final report (issue 12): organisers publish and
unpublish, audited; the public downloads only the published copy; the ended edition's page
leads to its results."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.editions.models import CongressStatus
from reports import selectors, services
from reports.models import Report, ReportScope, ReportSettings, ReportStatus
from tests.factories import (
    CongressFactory,
    PolicyProposalFactory,
    SessionFactory,
    TrackFactory,
    UserFactory,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db

PDF_V1 = b"%PDF-1.4\n% version 1\n%%EOF\n"
PDF_V2 = b"%PDF-1.4\n% version 2\n%%EOF\n"


@pytest.fixture
def congress():
    return CongressFactory(
        slug="congres-2024", start_date=date(2024, 2, 2), end_date=date(2024, 2, 3)
    )


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


def generated(congress, content=PDF_V1, scope=ReportScope.FULL, value=""):
    report, _ = Report.objects.get_or_create(congress=congress, scope=scope, scope_value=value)
    report.file.save(f"{congress.slug}-{value or 'all'}.pdf", ContentFile(content), save=False)
    report.status = ReportStatus.DONE
    report.generated_at = timezone.now()
    report.save()
    return report


def public_pdf(client, congress) -> bytes:
    response = client.get(reverse("report_public_download", args=[congress.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


# --- services --------------------------------------------------------------------------------


def test_publish_copies_the_version_and_is_audited(congress, organiser):
    report = generated(congress)
    published = services.report_publish(report=report, label="Rapport complet", by=organiser)
    assert (published.published_label, published.published_by) == ("Rapport complet", organiser)
    assert published.published_file.read() == PDF_V1
    entry = AuditEntry.objects.get(action="report.published")
    assert (entry.actor, entry.details) == (organiser, {"version": "Rapport complet"})


def test_regenerating_does_not_change_the_published_copy(client, congress, organiser):
    report = generated(congress)
    services.report_publish(report=report, label="Rapport complet", by=organiser)
    generated(congress, PDF_V2)
    assert public_pdf(client, congress) == PDF_V1


def test_publishing_again_replaces_the_public_copy(
    client, congress, organiser, django_capture_on_commit_callbacks
):
    services.report_publish(report=generated(congress), label="v1", by=organiser)
    first = ReportSettings.objects.get().published_file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.report_publish(report=generated(congress, PDF_V2), label="v2", by=organiser)
    assert public_pdf(client, congress) == PDF_V2
    settings_row = ReportSettings.objects.get()
    assert settings_row.published_file.name != first
    assert settings_row.published_file.storage.exists(first) is False


def test_publish_refused_to_others_and_without_a_file(congress, organiser):
    report = generated(congress)
    with pytest.raises(PermissionDenied):
        services.report_publish(report=report, label="x", by=UserFactory())
    empty = Report.objects.create(congress=congress, scope=ReportScope.TRACK, scope_value="t")
    with pytest.raises(ValidationError) as error:
        services.report_publish(report=empty, label="x", by=organiser)
    assert error.value.messages == ["Générez ce rapport avant de le publier."]
    assert not ReportSettings.objects.exclude(published_file="").exists()


def test_unpublish_removes_the_public_copy_and_is_audited(
    client, congress, organiser, django_capture_on_commit_callbacks
):
    services.report_publish(report=generated(congress), label="v1", by=organiser)
    name = ReportSettings.objects.get().published_file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.report_unpublish(congress=congress, by=organiser)
    row = ReportSettings.objects.get()
    assert (row.published_file.name, row.published_label, row.published_at) == ("", "", None)
    assert row.published_file.storage.exists(name) is False
    assert AuditEntry.objects.filter(action="report.unpublished").count() == 1
    response = client.get(reverse("report_public_download", args=[congress.slug]))
    assert response.status_code == 404


def test_unpublish_refused_to_others_and_when_nothing_is_published(congress, organiser):
    services.report_publish(report=generated(congress), label="v1", by=organiser)
    with pytest.raises(PermissionDenied):
        services.report_unpublish(congress=congress, by=UserFactory())
    assert ReportSettings.objects.exclude(published_file="").count() == 1
    other = CongressFactory()
    other_organiser = UserFactory()
    other.organisers.add(other_organiser)
    with pytest.raises(ValidationError) as error:
        services.report_unpublish(congress=other, by=other_organiser)
    assert error.value.messages == ["Aucun rapport n'est publié pour cette édition."]


# --- public download and staff pages -----------------------------------------------------------


def test_public_download_is_404_without_a_published_version(client, congress):
    generated(congress)  # generated but not published: never public
    response = client.get(reverse("report_public_download", args=[congress.slug]))
    assert response.status_code == 404


def test_public_download_of_a_draft_edition_is_404(client, organiser):
    draft = CongressFactory(status=CongressStatus.DRAFT)
    draft.organisers.add(organiser)
    services.report_publish(report=generated(draft), label="v1", by=organiser)
    response = client.get(reverse("report_public_download", args=[draft.slug]))
    assert response.status_code == 404


def test_public_download_when_the_file_is_missing_is_404(client, congress, organiser):
    services.report_publish(report=generated(congress), label="v1", by=organiser)
    row = ReportSettings.objects.get()
    row.published_file.storage.delete(row.published_file.name)
    response = client.get(reverse("report_public_download", args=[congress.slug]))
    assert response.status_code == 404


def test_staff_page_publishes_and_unpublishes(client, congress, organiser):
    report = generated(congress)
    client.force_login(organiser)
    page = client.get(reverse("report_page", args=[congress.slug])).content.decode()
    assert "Aucune version n&#x27;est publiée" in page or "Aucune version n'est publiée" in page
    response = client.post(reverse("report_publish", args=[congress.slug, report.pk]), follow=True)
    body = response.content.decode()
    assert plain("« Rapport complet » est publié sur la page de l&#x27;édition.") in plain(body)
    assert reverse("report_public_download", args=[congress.slug]) in body
    response = client.post(reverse("report_unpublish", args=[congress.slug]), follow=True)
    assert "Le rapport n&#x27;est plus publié." in response.content.decode()
    response = client.post(reverse("report_unpublish", args=[congress.slug]), follow=True)
    assert "Aucun rapport n&#x27;est publié pour cette édition." in response.content.decode()


def test_staff_publish_of_a_version_never_generated_says_so(client, congress, organiser):
    empty = Report.objects.create(congress=congress, scope=ReportScope.FULL)
    client.force_login(organiser)
    response = client.post(reverse("report_publish", args=[congress.slug, empty.pk]), follow=True)
    assert "Générez ce rapport avant de le publier." in response.content.decode()
    assert not ReportSettings.objects.exclude(published_file="").exists()


# --- the ended edition's page ------------------------------------------------------------------


def test_edition_results_counts_validated_and_followed_up(congress, organiser):
    PolicyProposalFactory(congress=congress, followup_status="sent")
    PolicyProposalFactory(congress=congress)
    PolicyProposalFactory(congress=congress, status="submitted")
    results = selectors.edition_results(congress)
    assert (results.policy_proposals, results.followed_up) == (2, 1)
    assert (results.has_programme, results.report_published_at) == (False, None)
    assert results.any is True
    assert selectors.edition_results(CongressFactory()).any is False


def test_edition_results_tell_when_the_report_was_published(congress, organiser):
    services.report_publish(report=generated(congress), label="v1", by=organiser)
    published = ReportSettings.objects.get().published_at
    results = selectors.edition_results(congress)
    assert (results.report_published_at, results.any) == (published, True)
    services.report_unpublish(congress=congress, by=organiser)
    assert selectors.edition_results(congress).report_published_at is None


def test_edition_results_see_the_programme(congress):
    SessionFactory(congress=congress)
    results = selectors.edition_results(congress)
    assert (results.has_programme, results.any) == (True, True)


def test_ended_edition_page_leads_to_its_results(client, congress, organiser):
    PolicyProposalFactory(congress=congress, followup_status="sent")
    PolicyProposalFactory(congress=congress)
    SessionFactory(congress=congress)
    services.report_publish(report=generated(congress), label="v1", by=organiser)
    body = client.get(congress.get_absolute_url()).content.decode()
    assert "Cette édition est terminée" in body
    assert "2 propositions adressées aux décideurs" in body
    assert "dont 1 avec des suites connues" in body
    assert reverse("public_policy_list", args=[congress.slug]) in body
    assert reverse("report_public_download", args=[congress.slug]) in body
    assert reverse("programme", args=[congress.slug]) in body
    assert "terminée</span>" in body
    assert "Publié" not in body


def test_archived_edition_without_results_says_so_and_announces_nothing(client):
    archived = CongressFactory(
        start_date=date(2019, 2, 1), end_date=date(2019, 2, 2), status=CongressStatus.ARCHIVED
    )
    body = client.get(archived.get_absolute_url()).content.decode()
    assert "Ses résultats ne sont pas publiés sur ce site." in body
    assert "bientôt annoncé" not in body
    assert "Les thèmes de cette édition ne sont pas renseignés sur ce site." in body
    assert "Archivé" not in body


def test_upcoming_edition_page_has_no_ended_section(client):
    start = timezone.localdate() + timedelta(days=90)
    upcoming = CongressFactory(start_date=start, end_date=start + timedelta(days=1))
    TrackFactory(congress=upcoming)
    body = client.get(upcoming.get_absolute_url()).content.decode()
    assert "Cette édition est terminée" not in body
    assert "à venir</span>" in body


@pytest.mark.parametrize("n", [1, 3])
def test_ended_edition_page_query_count(client, congress, n, django_assert_num_queries):
    proposals = [PolicyProposalFactory(congress=congress) for _ in range(n)]
    # an ended edition's page: its results in one query, and no tariff lookup (no registration)
    with django_assert_num_queries(8):  # + the calls for projects and the partners (issues 15-16)
        response = client.get(congress.get_absolute_url())
    assert f"{len(proposals)} proposition" in response.content.decode()
