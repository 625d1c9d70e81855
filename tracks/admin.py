from django.contrib import admin

from tracks.models import Session, SessionType, Track, TrackRole, WorkshopSignup


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


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "congress", "session_type", "track", "room", "starts_at", "capacity"]
    list_filter = ["congress", "session_type", "track"]
    list_select_related = ["congress", "session_type", "track", "room"]
    autocomplete_fields = ["moderators", "organisations"]
    search_fields = ["title"]


@admin.register(WorkshopSignup)
class WorkshopSignupAdmin(admin.ModelAdmin):
    list_display = ["session", "user", "created_at"]
    list_select_related = ["session", "user"]
    autocomplete_fields = ["user"]
