"""The published final report linked from the edition's cached page (congress/core/pagecache.py):
a report published, replaced or withdrawn makes its edition's pages fresh."""

from congress.core import pagecache
from reports.models import ReportSettings


def watch_models() -> None:
    pagecache.watch(ReportSettings, lambda report: [report.congress_id])
