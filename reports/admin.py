from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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
        "download", "fingerprint", "generated_at", "page_count", "file_size", "render_seconds",
    ]  # fmt: skip
    exclude = ["file"]  # private: no URL; served by the report page's download view

    @admin.display(description=_("fichier PDF"))
    def download(self, report):
        if not report.file:
            return "–"
        url = reverse("report_download", args=[report.congress.slug, report.pk])
        return format_html('<a href="{}">{}</a>', url, _("Télécharger"))
