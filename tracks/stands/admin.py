from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from tracks.stands.models import Stand


@admin.register(Stand)
class StandAdmin(EditionScopedAdmin):
    list_display = ["number", "name", "holder_kind", "location", "congress"]
    list_filter = ["holder_kind"]
    search_fields = ["name", "themes"]
