"""Demo data of the reports app: the 2024 final report, rendered and published by its
organisers two months after the congress (only with ``seed_demo --with-report``: rendering
takes from 30 seconds to a minute)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from congress.audit.models import AuditEntry
from congress.core import pagecache
from congress.core.seeding import DemoContext
from reports import services
from reports.generation import report_generate
from reports.models import Report, ReportScope, ReportSettings

# Days after the congress's last day: the report is written, then published.
RENDERED_AFTER_DAYS = 55
PUBLISHED_AFTER_DAYS = 60


def _after(congress, days: int) -> datetime:
    day = congress.end_date + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def seed(ctx: DemoContext) -> None:
    congress = ctx.congress
    if not ctx.with_report:
        ctx.log.append("Final report: not rendered (seed_demo --with-report renders it).")
        return
    if ReportSettings.objects.filter(congress=congress).exclude(published_file="").exists():
        return
    organiser = ctx.accounts["organiser"]
    report, _created = Report.objects.get_or_create(congress=congress, scope=ReportScope.FULL)
    report = report_generate(report=report)
    Report.objects.filter(pk=report.pk).update(
        generated_at=_after(congress, RENDERED_AFTER_DAYS),
        requested_at=_after(congress, RENDERED_AFTER_DAYS),
        requested_by=organiser,
    )
    services.report_publish(report=report, label="Rapport complet", by=organiser)
    published = _after(congress, PUBLISHED_AFTER_DAYS)
    ReportSettings.objects.filter(congress=congress).update(
        published_at=published, updated_at=published
    )
    pagecache.bump(congress.pk)  # update() sends no signal: the edition's page shows the date
    AuditEntry.objects.filter(congress=congress, action="report.published").update(at=published)
    ctx.log.append(f"Final report: {report.page_count} pages, published on the 2024 page.")
