"""Admin of editions, venues and rooms."""

from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from congress.editions.models import Congress, Room, Venue


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Venue)
class VenueAdmin(EditionScopedAdmin):
    list_display = ["name", "city", "congress"]
    list_select_related = ["congress"]
    inlines = [RoomInline]


@admin.register(Congress)
class CongressAdmin(EditionScopedAdmin):
    edition_lookup = ""
    list_display = ["name", "start_date", "end_date", "city", "status", "is_current"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisers"]
