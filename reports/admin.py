from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from reports.models import Report, ReportSettings


@admin.register(ReportSettings)
class ReportSettingsAdmin(EditionScopedAdmin):
    list_display = ["congress", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(Report)
class ReportAdmin(EditionScopedAdmin):
    """Generated files are made by the report page (or `manage.py export_report`)."""

    list_display = ["congress", "scope", "scope_value", "status", "progress", "generated_at",
                    "page_count"]  # fmt: skip
    list_filter = ["status", "scope"]
    readonly_fields = [
        "status", "progress", "stage", "error", "task_id", "requested_at", "requested_by",
        "file", "fingerprint", "generated_at", "page_count", "file_size", "render_seconds",
    ]  # fmt: skip
