"""Reads of the follow-up: each funded project's reports, due, received or late."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from funding.models import (
    Application,
    ApplicationState,
    FundedReport,
    FundedReportVersion,
    FundingCall,
    ReportKind,
)


@dataclass(frozen=True)
class ReportStatus:
    kind: str
    label: str
    due: date
    report: FundedReport | None
    late: bool


def due_dates(call: FundingCall) -> list[tuple[str, str, date]]:
    """(kind, label, due date) of the reports the call asks for, in order."""
    pairs = [
        (ReportKind.INTERIM, call.interim_report_due),
        (ReportKind.FINAL, call.final_report_due),
    ]
    return [(kind.value, kind.label, due) for kind, due in pairs if due is not None]


def report_versions(application: Application) -> list[FundedReportVersion]:
    """The earlier files of the project's reports, by report then oldest first."""
    return list(
        FundedReportVersion.objects.filter(report__application=application)
        .select_related("report", "uploaded_by")
        .order_by("report__kind", "received_at", "pk")
    )


def report_statuses(application: Application, today: date) -> list[ReportStatus]:
    received = {r.kind: r for r in application.reports.all()}
    return [
        ReportStatus(kind, label, due, received.get(kind), kind not in received and due < today)
        for kind, label, due in due_dates(application.call)
    ]


def followup_rows(call: FundingCall, today: date, *, late_only: bool = False) -> list[tuple]:
    """(application, its report statuses) for each funded project of the call."""
    applications = (
        Application.objects.filter(call=call, state=ApplicationState.GRANTED)
        .select_related("organisation", "decision", "call__congress")
        .prefetch_related(Prefetch("reports", queryset=FundedReport.objects.order_by("kind")))
        .order_by("organisation__name", "title", "pk")
    )
    rows = [(a, report_statuses(a, today)) for a in applications]
    if late_only:
        rows = [(a, statuses) for a, statuses in rows if any(s.late for s in statuses)]
    return rows
