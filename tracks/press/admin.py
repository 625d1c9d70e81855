"""Press accreditations in Django's admin: read-only (the organisers decide on their page,
which e-mails the journalist and records the decision in the audit log)."""

from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from tracks.press.models import PressAccreditation, PressCheckIn


class PressCheckInInline(admin.TabularInline):
    model = PressCheckIn
    extra = 0
    fields = readonly_fields = ["day", "checked_in_at", "by"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PressAccreditation)
class PressAccreditationAdmin(EditionScopedAdmin):
    list_display = ["full_name", "media", "status", "congress", "created_at"]
    list_filter = ["status", "congress"]
    list_select_related = ["congress"]
    search_fields = ["full_name", "media", "card_number"]
    readonly_fields = [
        "congress", "full_name", "media", "card_number", "email", "phone", "user", "status",
        "created_at", "decided_at",
    ]  # fmt: skip
    inlines = [PressCheckInInline]

    def has_add_permission(self, request):
        return False
