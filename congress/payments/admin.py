"""Read-only admin of issued invoices."""

from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from congress.payments.models import Invoice


@admin.register(Invoice)
class InvoiceAdmin(EditionScopedAdmin):
    """An issued invoice is never edited nor deleted: cancel it with a credit note."""

    list_display = ["reference", "kind", "congress", "issued_on", "total"]
    list_filter = ["congress", "kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
