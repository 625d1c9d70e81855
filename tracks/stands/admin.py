from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from tracks.stands.models import Stand, StandApplication


@admin.register(Stand)
class StandAdmin(EditionScopedAdmin):
    list_display = ["number", "name", "holder_kind", "location", "congress"]
    list_filter = ["holder_kind"]
    search_fields = ["name", "themes"]


@admin.register(StandApplication)
class StandApplicationAdmin(EditionScopedAdmin):
    list_display = ["name", "holder_kind", "status", "stand", "congress"]
    list_filter = ["status", "holder_kind"]
    search_fields = ["name", "contact_email"]
