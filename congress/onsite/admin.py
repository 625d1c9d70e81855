"""Admin of the welcome-desk role, check-ins and certificate settings."""

from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from congress.onsite.models import CertificateSettings, CheckIn, DeskRole


@admin.register(DeskRole)
class DeskRoleAdmin(EditionScopedAdmin):
    list_display = ("user", "congress", "granted_by", "granted_at")
    list_filter = ("congress",)
    autocomplete_fields = ("user",)
    readonly_fields = ("granted_by", "granted_at")


@admin.register(CheckIn)
class CheckInAdmin(EditionScopedAdmin):
    edition_lookup = "registration__congress"
    list_display = ("registration", "day", "checked_in_at", "by")
    list_filter = ("registration__congress", "day")
    search_fields = ("registration__full_name",)
    raw_id_fields = ("registration",)
    readonly_fields = ("by",)


@admin.register(CertificateSettings)
class CertificateSettingsAdmin(EditionScopedAdmin):
    list_display = ("congress", "issuer", "signatory_name")
