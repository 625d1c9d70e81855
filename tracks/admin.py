from django.contrib import admin

from tracks.models import SessionType, Track, TrackRole


class TrackRoleInline(admin.TabularInline):
    model = TrackRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "congress", "order", "colour"]
    list_filter = ["congress"]
    list_select_related = ["congress"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TrackRoleInline]


@admin.register(SessionType)
class SessionTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "congress", "is_workshop", "order"]
    list_filter = ["congress"]
    prepopulated_fields = {"slug": ["name"]}
