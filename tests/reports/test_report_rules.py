"""Rules of the report services stated exactly: who asks for a report (and the refusal's French
text), what a request resets and keeps, a request already running reused, the foreword's writer,
the audit of each write."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from reports import services
from reports.models import Report, ReportScope, ReportSettings, ReportStatus
from tests.factories import CongressFactory, TrackFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db

# A real queue: the task waits for a worker (nothing is generated during the test).
QUEUE = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def congress():
    return CongressFactory(slug="congres-2025")


@pytest.fixture
def organiser(congress):
    user = UserFactory(full_name="Claire Organisatrice")
    congress.organisers.add(user)
    return user


def entry(action):
    found = AuditEntry.objects.get(action=action)
    return found.actor, found.congress, found.target_type, found.target_id, found.details


def test_a_request_queues_the_report_from_scratch_and_is_audited(congress, organiser):
    before = timezone.now()
    report = Report.objects.create(congress=congress, scope=ReportScope.FULL,
                                   status=ReportStatus.FAILED, progress=40,
                                   stage="Mise en page", error="plus de place sur le disque")  # fmt: skip
    requested = services.report_request(congress=congress, by=organiser)
    assert requested.pk == report.pk
    report.refresh_from_db()
    assert (report.status, report.progress, plain(report.stage), report.error) == (
        ReportStatus.QUEUED, 0, "En attente d'un processus de génération", ""
    )  # fmt: skip
    assert report.requested_by == organiser
    assert before <= report.requested_at <= timezone.now()
    assert entry("report.requested") == (
        organiser, congress, "reports.Report", str(report.pk), {}
    )  # fmt: skip


def test_a_track_report_is_its_own_variant(congress, organiser):
    TrackFactory(congress=congress, slug="aide-alimentaire")
    report = services.report_request(congress=congress, by=organiser, scope=ReportScope.TRACK,
                                     scope_value="aide-alimentaire")  # fmt: skip
    assert Report.objects.get(pk=report.pk).scope_value == "aide-alimentaire"
    assert (
        services.report_get_or_create(
            congress=congress, scope=ReportScope.TRACK, scope_value="aide-alimentaire"
        )
        == report
    )
    assert Report.objects.count() == 1


def test_an_unknown_variant_is_refused_with_its_french_message(congress, organiser):
    TrackFactory(slug="aide-alimentaire")  # another edition's track
    for scope, value in ((ReportScope.TRACK, "aide-alimentaire"), (ReportScope.FULL, "x")):
        with pytest.raises(ValidationError) as error:
            services.report_request(congress=congress, by=organiser, scope=scope, scope_value=value)
        assert error.value.messages == ["Ce rapport n'existe pas pour cette édition."]
    assert not Report.objects.exists()


def test_someone_else_is_told_only_organisers_generate(congress):
    other = UserFactory()
    CongressFactory().organisers.add(other)
    with pytest.raises(PermissionDenied) as error:
        services.report_request(congress=congress, by=other)
    assert str(error.value) == "Seuls les organisateurs de l'édition génèrent le rapport."
    assert not Report.objects.exists()


def test_a_recent_running_request_is_reused_unchanged_and_not_audited_again(
    congress, organiser, django_capture_on_commit_callbacks
):
    colleague = UserFactory()
    congress.organisers.add(colleague)
    for status in (ReportStatus.QUEUED, ReportStatus.RUNNING):
        asked_at = timezone.now() - timedelta(minutes=29)
        Report.objects.update_or_create(
            congress=congress, scope=ReportScope.FULL,
            defaults={"status": status, "progress": 35, "stage": "Mise en page",
                      "requested_at": asked_at, "requested_by": organiser},
        )  # fmt: skip
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            again = services.report_request(congress=congress, by=colleague)
        assert callbacks == []
        again.refresh_from_db()
        assert (again.status, again.progress, again.stage) == (status, 35, "Mise en page")
        assert (again.requested_at, again.requested_by) == (asked_at, organiser)
    assert not AuditEntry.objects.exists()


def test_a_request_running_for_too_long_or_finished_is_queued_again(
    congress, organiser, django_capture_on_commit_callbacks
):
    for status, minutes in ((ReportStatus.RUNNING, 31), (ReportStatus.DONE, 1)):
        Report.objects.update_or_create(
            congress=congress, scope=ReportScope.FULL,
            defaults={"status": status, "progress": 100 if status == "done" else 35,
                      "requested_at": timezone.now() - timedelta(minutes=minutes)},
        )  # fmt: skip
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            report = services.report_request(congress=congress, by=organiser)
        assert len(callbacks) == 1
        report.refresh_from_db()
        assert (report.status, report.progress) == (ReportStatus.QUEUED, 0)
        assert timezone.now() - report.requested_at < timedelta(minutes=1)
    assert AuditEntry.objects.filter(action="report.requested").count() == 2


def test_the_queued_task_is_kept_on_the_report(
    congress, organiser, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = QUEUE
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(congress=congress, by=organiser)
    report.refresh_from_db()
    assert report.task_id != ""
    assert report.status == ReportStatus.QUEUED


def test_the_foreword_and_method_are_written_by_an_organiser_and_audited(congress, organiser):
    row = services.report_settings_update(congress=congress, by=organiser,
                                          foreword="  Merci à tous.\n", method="\n Enquête. ")  # fmt: skip
    row = ReportSettings.objects.get(pk=row.pk)
    assert (row.foreword, row.method, row.updated_by) == ("Merci à tous.", "Enquête.", organiser)
    assert entry("report.foreword_updated") == (
        organiser, congress, "reports.ReportSettings", str(row.pk), {}
    )  # fmt: skip
    with pytest.raises(PermissionDenied) as error:
        services.report_settings_update(congress=congress, by=UserFactory(), foreword="Autre")
    assert str(error.value) == "Seuls les organisateurs de l'édition rédigent le rapport."
    assert ReportSettings.objects.get().foreword == "Merci à tous."


def test_the_queued_task_is_this_reports_generation(
    congress, organiser, settings, django_capture_on_commit_callbacks
):
    from django.tasks import task_backends

    settings.TASKS = QUEUE
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(congress=congress, by=organiser)
    [queued] = task_backends["default"].results
    assert queued.kwargs == {"report_id": report.pk}
    assert Report.objects.get(pk=report.pk).task_id == queued.id


def test_a_request_exactly_thirty_minutes_old_may_be_queued_again(
    congress, organiser, monkeypatch, django_capture_on_commit_callbacks
):
    now = timezone.now()
    Report.objects.create(congress=congress, scope=ReportScope.FULL, status=ReportStatus.RUNNING,
                          requested_at=now - timedelta(minutes=30))  # fmt: skip
    monkeypatch.setattr(services.timezone, "now", lambda: now)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = services.report_request(congress=congress, by=organiser)
    assert len(callbacks) == 1
    assert Report.objects.get(pk=report.pk).requested_at == now


def test_the_method_note_is_empty_unless_given(congress, organiser):
    services.report_settings_update(congress=congress, by=organiser, foreword="Merci.")
    assert ReportSettings.objects.get(congress=congress).method == ""


def test_a_logo_that_is_not_an_image_is_refused_by_the_service_itself(congress, organiser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'/>", "image/svg+xml")
    with pytest.raises(ValidationError) as error:
        services.report_settings_update(congress=congress, by=organiser, foreword="Merci.",
                                        logo=svg)  # fmt: skip
    assert error.value.messages == ["Le logo doit être une image PNG ou JPEG."]
    congress.refresh_from_db()
    assert not congress.logo
    assert not ReportSettings.objects.exists()
    assert not AuditEntry.objects.exists()


PDF = b"%PDF-1.4\n% version 1\n%%EOF\n"


def generated(congress):
    from django.core.files.base import ContentFile

    report, _ = Report.objects.get_or_create(congress=congress, scope=ReportScope.FULL)
    report.file.save(f"{congress.slug}.pdf", ContentFile(PDF), save=False)
    report.status = ReportStatus.DONE
    report.save()
    return report


def test_a_first_publication_is_committed_cleanly_and_audited_on_its_report(
    congress, organiser, django_capture_on_commit_callbacks
):
    report = generated(congress)
    # Nothing was published before: the commit deletes nothing (and does not fail).
    with django_capture_on_commit_callbacks(execute=True):
        row = services.report_publish(report=report, label="Rapport complet", by=organiser)
    assert row.published_file.storage.exists(row.published_file.name)
    assert entry("report.published") == (
        organiser, congress, "reports.Report", str(report.pk), {"version": "Rapport complet"}
    )  # fmt: skip


def test_a_long_version_label_is_kept_to_two_hundred_characters(congress, organiser):
    row = services.report_publish(report=generated(congress), label="v" * 250, by=organiser)
    assert ReportSettings.objects.get(pk=row.pk).published_label == "v" * 200


def test_unpublishing_is_audited_with_the_version_withdrawn(congress, organiser):
    services.report_publish(report=generated(congress), label="Version finale", by=organiser)
    services.report_unpublish(congress=congress, by=organiser)
    row = ReportSettings.objects.get()
    assert entry("report.unpublished") == (
        organiser, congress, "reports.ReportSettings", str(row.pk), {"version": "Version finale"}
    )  # fmt: skip


def test_publishing_and_exporting_are_refused_to_others_with_the_french_reason(congress, organiser):
    report = generated(congress)
    other = UserFactory()
    CongressFactory().organisers.add(other)
    for action, kwargs, reason in (
        (services.report_publish, {"report": report, "label": "x"},
         "Seuls les organisateurs de l'édition publient le rapport."),
        (services.report_unpublish, {"congress": congress},
         "Seuls les organisateurs de l'édition publient le rapport."),
        (services.export_record, {"congress": congress, "table": "registrations",
                                  "file_format": "csv"},
         "Seuls les organisateurs de l'édition exportent les données."),
    ):  # fmt: skip
        with pytest.raises(PermissionDenied) as error:
            action(by=other, **kwargs)
        assert str(error.value) == reason
    assert not AuditEntry.objects.exists()


def test_the_full_report_is_found_without_a_scope_value(congress, organiser):
    report = services.report_request(congress=congress, by=organiser)
    assert services.report_get_or_create(congress=congress, scope=ReportScope.FULL) == report
    assert Report.objects.count() == 1
