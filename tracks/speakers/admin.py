"""Speakers' profiles in Django's admin: read-mostly (the organisers' pages edit them, with
the version check and the audit log)."""

from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from tracks.speakers.models import SpeakerProfile


@admin.register(SpeakerProfile)
class SpeakerProfileAdmin(EditionScopedAdmin):
    list_display = ["name", "function", "organisation_name", "congress", "confirmed_at"]
    list_filter = ["congress"]
    list_select_related = ["congress"]
    search_fields = ["name", "organisation_name"]
    readonly_fields = [
        "congress", "name", "function", "organisation_name", "email", "bio", "photo",
        "photo_consent_at", "user", "confirmed_at", "version", "sessions",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False
