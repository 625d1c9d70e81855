"""Writes of the reports app: the foreword, report requests (queued for the background task,
which runs reports/generation.py) and the audit of exports."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.editions.models import Congress
from congress.editions.partners import validate_logo
from reports.content import scope_is_valid
from reports.models import Report, ReportScope, ReportSettings, ReportStatus
from reports.permissions import can_generate_report
from reports.tasks import generate_report

# A request older than this that never finished (worker stopped...) may be queued again.
STALE_AFTER = timedelta(minutes=30)


def report_settings_update(
    *, congress: Congress, by, foreword: str, method: str = "", logo=None
) -> ReportSettings:
    """The foreword and method note; `logo`: a new edition logo (an uploaded file), False to
    remove it, None to keep it."""
    with transaction.atomic():
        if not can_generate_report(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition rédigent le rapport."))
        report_settings, _created = ReportSettings.objects.select_for_update().get_or_create(
            congress=congress
        )
        report_settings.foreword = foreword.strip()
        report_settings.method = method.strip()
        report_settings.updated_by = by
        report_settings.full_clean()
        report_settings.save()
        if logo is not None:
            _edition_logo_replace(congress, logo)
        audit_record(
            actor=by, action="report.foreword_updated", congress=congress, target=report_settings
        )
        return report_settings


def _edition_logo_replace(congress: Congress, logo) -> None:
    old = congress.logo.name if congress.logo else ""
    if logo:
        validate_logo(logo)
        congress.logo.save(logo.name, logo, save=False)
    else:
        congress.logo = ""
    congress.save(update_fields=["logo"])
    if old and old != congress.logo.name:
        congress.logo.storage.delete(old)


def report_get_or_create(*, congress: Congress, scope: str, scope_value: str = "") -> Report:
    if not scope_is_valid(congress, scope, scope_value):
        raise ValidationError(_("Ce rapport n'existe pas pour cette édition."))
    report, _created = Report.objects.get_or_create(
        congress=congress, scope=scope, scope_value=scope_value if scope != "full" else ""
    )
    return report


def report_request(
    *, congress: Congress, by, scope: str = ReportScope.FULL, scope_value: str = ""
) -> Report:
    """Queue the generation of one variant of the report (once: a running request is reused).

    The task is enqueued when the transaction commits, so the worker sees the queued row.
    """
    with transaction.atomic():
        if not can_generate_report(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition génèrent le rapport."))
        report = report_get_or_create(congress=congress, scope=scope, scope_value=scope_value)
        report = Report.objects.select_for_update().get(pk=report.pk)
        now = timezone.now()
        if report.is_busy and report.requested_at and now - report.requested_at < STALE_AFTER:
            return report
        report.status = ReportStatus.QUEUED
        report.progress = 0
        report.stage = _("En attente d'un processus de génération")
        report.error = ""
        report.requested_at = now
        report.requested_by = by
        report.full_clean()
        report.save()
        audit_record(actor=by, action="report.requested", congress=congress, target=report)
        transaction.on_commit(lambda: _enqueue(report.pk))
        return report


def report_publish(*, report: Report, label: str, by) -> ReportSettings:
    """Publish a copy of the report's current file: the public downloads that copy until an
    organiser publishes another version or unpublishes it."""
    with transaction.atomic():
        congress = report.congress
        if not can_generate_report(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition publient le rapport."))
        if not report.file or not report.file.storage.exists(report.file.name):
            raise ValidationError(_("Générez ce rapport avant de le publier."))
        report_settings, _created = ReportSettings.objects.select_for_update().get_or_create(
            congress=congress
        )
        previous = report_settings.published_file.name
        with report.file.open("rb") as source:
            content = source.read()
        report_settings.published_file.save(f"rapport-{congress.slug}.pdf", ContentFile(content))
        report_settings.published_label = label[:200]
        report_settings.published_at = timezone.now()
        report_settings.published_by = by
        report_settings.full_clean()
        report_settings.save()
        if previous and previous != report_settings.published_file.name:
            transaction.on_commit(lambda: report_settings.published_file.storage.delete(previous))
        audit_record(
            actor=by,
            action="report.published",
            congress=congress,
            target=report,
            details={"version": report_settings.published_label},
        )
        return report_settings


def report_unpublish(*, congress: Congress, by) -> None:
    with transaction.atomic():
        if not can_generate_report(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition publient le rapport."))
        report_settings = (
            ReportSettings.objects.select_for_update().filter(congress=congress).first()
        )
        if report_settings is None or not report_settings.published_file:
            raise ValidationError(_("Aucun rapport n'est publié pour cette édition."))
        name = report_settings.published_file.name
        label = report_settings.published_label
        report_settings.published_file = ""
        report_settings.published_label = ""
        report_settings.published_at = None
        report_settings.published_by = None
        report_settings.save()
        storage = report_settings.published_file.storage
        transaction.on_commit(lambda: storage.delete(name))
        audit_record(
            actor=by,
            action="report.unpublished",
            congress=congress,
            target=report_settings,
            details={"version": label},
        )


def export_record(*, congress: Congress, by, table: str, file_format: str) -> None:
    """Exports hold personal data (contacts, reviewers): every download is in the audit log."""
    with transaction.atomic():
        if not can_generate_report(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs de l'édition exportent les données."))
        audit_record(
            actor=by,
            action=f"export.{file_format}",
            congress=congress,
            details={"table": table},
        )


def _enqueue(report_id: int) -> None:
    result = generate_report.enqueue(report_id=report_id)
    # The immediate backend has already run the task: keep its final state.
    Report.objects.filter(pk=report_id).update(task_id=result.id)
