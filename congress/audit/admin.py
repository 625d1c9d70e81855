"""Read-only admin of the audit log."""

from django.contrib import admin

from congress.audit.models import AuditEntry
from congress.core.admin_scoping import EditionScopedAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(EditionScopedAdmin):
    """The audit log is append-only."""

    list_display = ["at", "actor", "action", "target_repr", "congress"]
    list_filter = ["action", "congress"]
    list_select_related = ["actor", "congress"]
    search_fields = ["target_repr", "actor__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
