"""Personal data of the reports app (GDPR export and erasure): who wrote the foreword and who
asked for report files. The reports themselves hold no personal data beyond that."""

from reports.models import Report, ReportSettings


def export(user) -> dict:
    return {
        "report_forewords_edited": [
            {"congress": s.congress.name, "updated_at": s.updated_at.isoformat()}
            for s in ReportSettings.objects.filter(updated_by=user).select_related("congress")
        ],
        "reports_requested": [
            {
                "congress": r.congress.name,
                "report": str(r),
                "requested_at": r.requested_at.isoformat() if r.requested_at else None,
            }
            for r in Report.objects.filter(requested_by=user).select_related("congress")
        ],
    }


def erase(user) -> None:
    ReportSettings.objects.filter(updated_by=user).update(updated_by=None)
    Report.objects.filter(requested_by=user).update(requested_by=None)
