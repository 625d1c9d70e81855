from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from tracks.activities import admin as _activities_admin  # noqa: F401
from tracks.models import Session, SessionType, Track, TrackRole, WorkshopSignup
from tracks.press import admin as _press_admin  # noqa: F401
from tracks.speakers import admin as _speakers_admin  # noqa: F401
from tracks.stands import admin as _stands_admin  # noqa: F401


class TrackRoleInline(admin.TabularInline):
    model = TrackRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Track)
class TrackAdmin(EditionScopedAdmin):
    list_display = ["name", "congress", "order", "colour"]
    list_filter = ["congress"]
    list_select_related = ["congress"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TrackRoleInline]


@admin.register(SessionType)
class SessionTypeAdmin(EditionScopedAdmin):
    list_display = ["name", "congress", "is_workshop", "order"]
    list_filter = ["congress"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Session)
class SessionAdmin(EditionScopedAdmin):
    list_display = ["title", "congress", "session_type", "track", "room", "starts_at", "capacity"]
    list_filter = ["congress", "session_type", "track"]
    list_select_related = ["congress", "session_type", "track", "room"]
    autocomplete_fields = ["moderators", "organisations"]
    search_fields = ["title"]


@admin.register(WorkshopSignup)
class WorkshopSignupAdmin(EditionScopedAdmin):
    edition_lookup = "session__congress"
    list_display = ["session", "user", "created_at"]
    list_select_related = ["session", "user"]
    autocomplete_fields = ["user"]
