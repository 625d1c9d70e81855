from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from tracks.activities.models import ActivityRegistration


@admin.register(ActivityRegistration)
class ActivityRegistrationAdmin(EditionScopedAdmin):
    list_display = ["full_name", "email", "session", "status", "created_at", "congress"]
    list_filter = ["status"]
    list_select_related = ["session", "congress"]
    search_fields = ["full_name", "email"]
