"""Private files never land under the public media root, and are served only by views that
check who asks, as attachments that no browser renders (nosniff, sandboxing CSP)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse

from congress.core.storage import PrivateFileHasNoURL, PrivateStorage, move_to_private
from proposals.outcomes.followup import services as outcome_services
from proposals.outcomes.models import FollowUp, PolicyStatus
from reports import services as report_services
from reports.models import Report, ReportStatus
from tests.congress.test_settings import run_manage
from tests.factories import PolicyProposalFactory, UserFactory
from tests.factories.documents import pdf_upload
from tests.reports.conftest import IMMEDIATE, make_edition

PROJECT_APPS = ("congress", "tracks", "proposals", "funding", "reports")


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TASKS = IMMEDIATE
    return Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def assert_served_as_attachment(response, filename: str):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_every_file_field_of_the_project_stores_outside_the_public_media_root(roots):
    media, private = roots
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]
    # Public on purpose: partners' logos are shown on the edition's public page, the edition's
    # logo on the final report's cover (PNG/JPEG only, checked by Pillow, 500 KB at most).
    public = ["congress.Partner.logo", "congress.Congress.logo"]
    assert fields == [
        *public,
        "congress.CertificateSettings.signature",  # embedded in certificates, never served
        "tracks.SpeakerProfile.photo",  # public only once consented and confirmed
        "tracks.StandHall.plan_image",  # served by a view, to organisers until published
        "proposals.FollowUp.document",
        "funding.FundedReport.file",
        "funding.FundedReportVersion.file",
        "funding.Attachment.file",
        "reports.ReportSettings.published_file",
        "reports.Report.file",
    ]
    for label in (f for f in fields if f not in public):
        model_label, name = label.rsplit(".", 1)
        field = apps.get_model(model_label)._meta.get_field(name)
        assert isinstance(field.storage, PrivateStorage), label
        location = Path(field.storage.location).resolve()
        assert location == private.resolve(), label
        assert not location.is_relative_to(media.resolve()), label
        with pytest.raises(PrivateFileHasNoURL):
            field.storage.url("anything.pdf")


@pytest.mark.django_db
def test_a_generated_report_is_private_and_served_to_organisers_only(
    client, roots, django_capture_on_commit_callbacks
):
    media, private = roots
    edition = make_edition(workshops=1)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.report_request(congress=edition.congress, by=edition.organiser)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert Path(report.file.path).resolve().is_relative_to(private.resolve())
    assert files_under(private) == [f"reports/{edition.congress.slug}-full.pdf"]
    assert files_under(media) == []
    url = reverse("report_download", args=[edition.congress.slug, report.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(edition.organiser)
    assert_served_as_attachment(client.get(url), f"rapport-{edition.congress.slug}.pdf")


@pytest.mark.django_db
def test_a_followup_document_is_stored_privately_and_served_by_the_view(client, roots):
    media, private = roots
    edition = make_edition(workshops=1)
    proposal = PolicyProposalFactory(
        congress=edition.congress, track=edition.tracks[0], status=PolicyStatus.VALIDATED
    )
    followup = outcome_services.followup_record(
        proposal=proposal, by=edition.organiser, status="sent", date="2024-03-01",
        institution="Sénat", document=pdf_upload("courrier.pdf"),
    )  # fmt: skip
    assert files_under(media) == []
    assert files_under(private) == [followup.document.name]
    url = reverse("followup_document", args=[edition.congress.slug, followup.pk])
    page = client.get(reverse("public_policy_detail", args=[edition.congress.slug, proposal.pk]))
    assert f'href="{url}"'.encode() in page.content
    assert b"/media/" not in page.content
    assert_served_as_attachment(client.get(url), f"suite-{followup.pk}.pdf")  # public document
    api = client.get(f"/api/v1/congresses/{edition.congress.slug}/follow-ups/")
    assert api.json()[0]["document"] == f"http://testserver{url}"
    # A proposal still in the works: its documents are not public.
    PolicyProposal = type(proposal)
    PolicyProposal.objects.filter(pk=proposal.pk).update(status=PolicyStatus.SUBMITTED)
    assert client.get(url).status_code == 404
    client.force_login(edition.organiser)
    assert client.get(url).status_code == 200
    other = make_edition(workshops=1).congress
    assert (
        client.get(reverse("followup_document", args=[other.slug, followup.pk])).status_code == 404
    )


@pytest.mark.django_db
def test_files_written_under_the_public_root_before_are_moved_out(roots):
    media, private = roots
    edition = make_edition(workshops=1)
    storages["default"].save("reports/old.pdf", ContentFile(b"%PDF-1.4 old"))
    Report.objects.create(congress=edition.congress, file="reports/old.pdf")
    assert move_to_private(Report, "file") == 1
    assert files_under(media) == []
    assert files_under(private) == ["reports/old.pdf"]
    assert FollowUp.objects.count() == 0


def test_settings_refuse_a_private_root_inside_the_public_one(tmp_path):
    result = run_manage(
        "check", MEDIA_ROOT=str(tmp_path), PRIVATE_MEDIA_ROOT=str(tmp_path / "private")
    )
    assert result.returncode == 1
    assert "PRIVATE_MEDIA_ROOT" in result.stderr
    assert "must not be inside a served folder" in result.stderr
    assert settings.PRIVATE_MEDIA_ROOT
