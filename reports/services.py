"""Writes of the reports app: the foreword, report requests and the generation itself."""

import logging
import tempfile
import time
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.editions.models import Congress
from reports.content import build_report, scope_is_valid
from reports.models import Report, ReportScope, ReportSettings, ReportStatus
from reports.pdf import render_html, write_pdf
from reports.permissions import can_generate_report

logger = logging.getLogger(__name__)

# A request older than this that never finished (worker stopped...) may be queued again.
STALE_AFTER = timedelta(minutes=30)


@transaction.atomic
def report_settings_update(
    *, congress: Congress, by, foreword: str, method: str = ""
) -> ReportSettings:
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
    audit_record(
        actor=by, action="report.foreword_updated", congress=congress, target=report_settings
    )
    return report_settings


def report_get_or_create(*, congress: Congress, scope: str, scope_value: str = "") -> Report:
    if not scope_is_valid(congress, scope, scope_value):
        raise ValidationError(_("Ce rapport n'existe pas pour cette édition."))
    report, _created = Report.objects.get_or_create(
        congress=congress, scope=scope, scope_value=scope_value if scope != "full" else ""
    )
    return report


@transaction.atomic
def report_request(
    *, congress: Congress, by, scope: str = ReportScope.FULL, scope_value: str = ""
) -> Report:
    """Queue the generation of one variant of the report (once: a running request is reused).

    The task is enqueued when the transaction commits, so the worker sees the queued row.
    """
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


@transaction.atomic
def export_record(*, congress: Congress, by, table: str, file_format: str) -> None:
    """Exports hold personal data (contacts, reviewers): every download is in the audit log."""
    if not can_generate_report(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs de l'édition exportent les données."))
    audit_record(
        actor=by,
        action=f"export.{file_format}",
        congress=congress,
        details={"table": table},
    )


def _enqueue(report_id: int) -> None:
    from reports.tasks import generate_report

    result = generate_report.enqueue(report_id=report_id)
    # The immediate backend has already run the task: keep its final state.
    Report.objects.filter(pk=report_id).update(task_id=result.id)


def _progress(report: Report, percent: int, stage: str, status=ReportStatus.RUNNING) -> None:
    """Store the progress right away (outside any transaction) for the polling page."""
    report.progress, report.stage, report.status = percent, stage, status
    Report.objects.filter(pk=report.pk).update(progress=percent, stage=stage, status=status)


def report_generate(*, report: Report, force: bool = False) -> Report:
    """Render the report variant to PDF and keep the file, unless the data has not changed
    since the last file (same fingerprint): then the file is kept as it is.

    Not one transaction on purpose: progress updates must be visible while it runs.
    """
    started = time.perf_counter()
    try:
        _progress(report, 5, _("Collecte des données"))
        content = build_report(report.congress, scope=report.scope, scope_value=report.scope_value)
        html = render_html(content)
        if (
            not force
            and report.fingerprint == html.fingerprint
            and report.file
            and report.file.storage.exists(report.file.name)
        ):
            _progress(report, 100, _("À jour : les données n'ont pas changé, fichier conservé"),
                      ReportStatus.DONE)  # fmt: skip
            return report
        _progress(report, 20, _("Mise en page"))
        expected = report.page_count or 0
        last = [0.0]

        def on_page(page: int) -> None:
            now = time.monotonic()
            if now - last[0] < 1:
                return
            last[0] = now
            share = min(page / expected, 1) if expected else min(page / (page + 10), 0.9)
            _progress(report, 20 + int(60 * share), _("Mise en page : page %(n)s") % {"n": page})

        with tempfile.TemporaryFile(suffix=".pdf") as target:
            result = write_pdf(
                html.html,
                target,
                on_page=on_page,
                on_write=lambda: _progress(report, 85, _("Écriture du PDF")),
            )
            size = target.tell()
            target.seek(0)
            old_name = report.file.name if report.file else ""
            name = f"{report.congress.slug}-{report.scope}"
            if report.scope_value:
                name += f"-{report.scope_value}"
            report.file.save(f"{name}.pdf", File(target), save=False)
        if old_name and old_name != report.file.name:
            report.file.storage.delete(old_name)
        report.fingerprint = html.fingerprint
        report.generated_at = timezone.now()
        report.page_count = result.pages
        report.file_size = size
        report.render_seconds = round(time.perf_counter() - started, 2)
        report.status = ReportStatus.DONE
        report.progress = 100
        report.stage = _("Terminé")
        report.error = ""
        report.save()
        return report
    except Exception as error:
        logger.exception("Report %s failed", report.pk)
        Report.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, stage=_("Échec"), error=str(error)[:2000]
        )
        raise
