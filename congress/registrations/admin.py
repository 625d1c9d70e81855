"""Admin of tariffs, orders and registrations, the waiting list."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from congress.core.admin_scoping import EditionScopedAdmin
from congress.registrations.models import (
    Order,
    PaymentMethod,
    Registration,
    Tariff,
    WaitlistEntry,
)


class TariffAdminForm(forms.ModelForm):
    payment_methods = forms.TypedMultipleChoiceField(
        label=_("modes de paiement"),
        choices=[(m.value, m.label) for m in PaymentMethod if m != PaymentMethod.FREE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Aucun coché = tous les modes proposés par l'édition. Un tarif gratuit n'a pas "
            "d'étape de paiement."
        ),
    )

    class Meta:
        model = Tariff
        fields = [
            "congress", "name", "price", "audience", "invitation_code", "sale_starts_at",
            "sale_ends_at", "quota", "order", "payment_methods",
        ]  # fmt: skip


@admin.register(Tariff)
class TariffAdmin(EditionScopedAdmin):
    form = TariffAdminForm
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


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(EditionScopedAdmin):
    list_display = ["user", "congress", "state", "created_at", "offered_until"]
    list_filter = ["congress", "state"]
