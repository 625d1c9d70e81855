"""The generation of one report variant's PDF, run by the background task (reports/tasks.py):
progress stored on the Report row as it goes, the file kept when the data has not changed.

services.report_request queues it: services -> tasks -> generation, one way."""

import logging
import tempfile
import time

from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.content import build_report
from reports.models import Report, ReportStatus
from reports.pdf import render_html, write_pdf

logger = logging.getLogger(__name__)


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
