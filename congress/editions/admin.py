"""Admin of editions, venues and rooms."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from congress.core.admin_scoping import EditionScopedAdmin
from congress.editions.models import Congress, Room, Venue
from congress.editions.partners import Partner

REGISTRATION_WINDOW_FIELDS = [
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
    "refund_terms",
]
PAYMENT_METHOD_FIELDS = ["accepts_card", "accepts_transfer", "accepts_invoice", "accepts_on_site"]


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

    def get_fieldsets(self, request, obj=None):
        """The registration window and the ways to pay in their own groups (issue 12); every
        other field, present or future, in the first one."""
        grouped = [*REGISTRATION_WINDOW_FIELDS, *PAYMENT_METHOD_FIELDS]
        others = [f for f in self.get_fields(request, obj) if f not in grouped]
        return [
            (None, {"fields": others}),
            (_("Inscriptions : calendrier et annulation"), {"fields": REGISTRATION_WINDOW_FIELDS}),
            (_("Modes de paiement"), {"fields": PAYMENT_METHOD_FIELDS}),
        ]


@admin.register(Partner)
class PartnerAdmin(EditionScopedAdmin):
    list_display = ["name", "level", "url", "congress"]
    list_filter = ["level"]
    search_fields = ["name"]
