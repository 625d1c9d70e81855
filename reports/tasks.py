"""Background tasks of the reports app (Django's tasks framework).

In production the database backend (django-tasks-db) queues them and `python manage.py
db_worker` runs them; tests use the immediate backend.
"""

from django.tasks import task

from reports.generation import report_generate
from reports.models import Report


@task
def generate_report(report_id: int) -> dict:
    """Render one variant of the report to PDF, with progress stored on the Report row."""
    report = report_generate(report=Report.objects.get(pk=report_id))
    return {"pages": report.page_count, "fingerprint": report.fingerprint}
