"""Export tables of the registrations: participants, orders and payments."""

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from congress.core.expressions import count_of
from congress.editions.models import Congress
from congress.payments.models import Invoice
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
)
from reports.exports.base import BOOL, DATETIME, DECIMAL, INT, Column, Table, joined


def _registrations(congress: Congress) -> QuerySet:
    return (
        Registration.objects.filter(congress=congress)
        .annotate(
            # A person registered at the welcome desk names an organisation without an order's.
            organisation_name=Coalesce(
                F("order__organisation__name"), NullIf(F("declared_organisation"), Value(""))
            ),
            tariff_name=F("tariff__name"),
            payment_method=F("order__payment_method"),
            order_state=F("order__state"),
        )
        .order_by("created_at", "pk")
    )


REGISTRATIONS = Table(
    name="registrations",
    title=str(_("Inscriptions")),
    description=_("Les participants inscrits, leur tarif, leur paiement et leurs besoins."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("full_name", _("Nom"), width=26),
        Column("email", _("E-mail"), width=30),
        Column("function", _("Fonction"), width=22),
        Column("organisation_name", _("Organisation"), width=30),
        Column("tariff_name", _("Tarif"), width=24),
        Column("price", _("Prix (€)"), DECIMAL, width=10),
        Column("status", _("Statut"), choices=dict(RegistrationStatus.choices), width=14),
        Column("payment_method", _("Paiement"), choices=dict(PaymentMethod.choices), width=20),
        Column("order_state", _("État de la commande"), choices=dict(OrderState.choices), width=22),
        Column("created_at", _("Inscrit le"), DATETIME, width=17),
        Column("needs_lsf", _("LSF"), BOOL, width=7),
        Column("needs_hearing_loop", _("Boucle magnétique"), BOOL, width=9),
        Column("needs_step_free", _("Plain-pied"), BOOL, width=9),
        Column("needs_easy_read", _("FALC"), BOOL, width=7),
        Column("dietary_needs", _("Régime alimentaire"), width=20),
        Column("photo_consent", _("Accord photo"), BOOL, width=9),
    ],
    query=_registrations,
)


def _orders(congress: Congress) -> QuerySet:
    invoices = Invoice.objects.all()
    return (
        Order.objects.filter(congress=congress)
        .annotate(
            organisation_name=F("organisation__name"),
            placed_by_name=F("placed_by__full_name"),
            registration_count=count_of(Registration.objects.all(), "order"),
            invoice_references=joined(invoices, "order", "reference"),
        )
        .order_by("created_at", "pk")
    )


PAYMENTS = Table(
    name="payments",
    title=str(_("Commandes et paiements")),
    description=_("Les commandes, leur mode et leur état de paiement, leurs factures."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("organisation_name", _("Organisation"), width=30),
        Column("placed_by_name", _("Passée par"), width=24),
        Column("registration_count", _("Inscriptions"), INT, width=10),
        Column("total", _("Total (€)"), DECIMAL, width=11),
        Column("payment_method", _("Paiement"), choices=dict(PaymentMethod.choices), width=20),
        Column("state", _("État"), choices=dict(OrderState.choices), width=22),
        Column("created_at", _("Créée le"), DATETIME, width=17),
        Column("confirmed_at", _("Confirmée le"), DATETIME, width=17),
        Column("cancelled_at", _("Annulée le"), DATETIME, width=17),
        Column("code_service", _("Code service"), width=14),
        Column("engagement_number", _("Numéro d'engagement"), width=16),
        Column("payment_reference", _("Référence du paiement"), width=20),
        Column("invoice_references", _("Factures et avoirs"), width=24),
    ],
    query=_orders,
)
