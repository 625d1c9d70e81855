from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from congress.admin_scoping import EditionScopedAdmin
from congress.models import (
    AuditEntry,
    Congress,
    Consent,
    Invitation,
    Membership,
    Organisation,
    Room,
    User,
    Venue,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "email_confirmed_at", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Identité"),
            {"fields": ["full_name", "phone", "preferred_language", "email_confirmed_at"]},
        ),
        (
            _("Droits"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "siret", "rna", "commune", "departement", "public_listing"]
    list_filter = ["kind", "departement", "public_listing"]
    search_fields = ["name", "siret", "rna", "commune"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at", "revoked_at"]
    list_select_related = ["organisation"]
    search_fields = ["email", "organisation__name"]


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


# === BEGIN registration (registration branch) =================================================
from congress.models import Invoice, Order, Registration, Tariff, WaitlistEntry  # noqa: E402


@admin.register(Tariff)
class TariffAdmin(EditionScopedAdmin):
    list_display = ["name", "congress", "audience", "price", "quota", "sale_ends_at"]
    list_filter = ["congress", "audience"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["full_name", "email", "tariff", "price", "status"]
    readonly_fields = fields
    can_delete = False


@admin.register(Order)
class OrderAdmin(EditionScopedAdmin):
    """Orders change through the services (registrations board); read-only here."""

    list_display = ["__str__", "congress", "organisation", "state", "payment_method", "total"]
    list_filter = ["congress", "state", "payment_method"]
    inlines = [RegistrationInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Invoice)
class InvoiceAdmin(EditionScopedAdmin):
    """An issued invoice is never edited nor deleted: cancel it with a credit note."""

    list_display = ["reference", "kind", "congress", "issued_on", "total"]
    list_filter = ["congress", "kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(EditionScopedAdmin):
    list_display = ["user", "congress", "state", "created_at", "offered_until"]
    list_filter = ["congress", "state"]


# === END registration =========================================================================


@admin.register(AuditEntry)
class AuditEntryAdmin(EditionScopedAdmin):
    """The audit log is append-only."""

    list_display = ["at", "actor", "action", "target_repr", "congress"]
    list_filter = ["action", "congress"]
    list_select_related = ["actor", "congress"]
    search_fields = ["target_repr", "actor__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(EditionScopedAdmin):
    """The record of consents: read-only."""

    list_display = ["at", "email", "kind", "given", "congress", "source"]
    list_filter = ["kind", "given", "congress"]
    search_fields = ["email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
