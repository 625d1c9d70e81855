"""Tariffs, orders, registrations (delegates) and the waiting list."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TariffAudience(models.TextChoices):
    ASSOCIATION = "association", _("Association ou structure de l'ESS")
    PUBLIC_BODY = "public_body", _("CCAS, collectivité ou institution publique")
    INDIVIDUAL = "individual", _("Inscription individuelle")
    INVITED = "invited", _("Intervenant·e ou invité·e (code d'invitation)")


class Tariff(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="tariffs"
    )
    name = models.CharField(_("nom"), max_length=120)
    price = models.DecimalField(_("prix (€ TTC)"), max_digits=8, decimal_places=2)
    audience = models.CharField(_("pour qui"), max_length=20, choices=TariffAudience.choices)
    invitation_code = models.CharField(
        _("code d'invitation"),
        max_length=40,
        blank=True,
        help_text=_("Obligatoire pour les tarifs sur invitation."),
    )
    sale_starts_at = models.DateTimeField(_("début des ventes"), null=True, blank=True)
    sale_ends_at = models.DateTimeField(_("fin des ventes"), null=True, blank=True)
    quota = models.PositiveIntegerField(
        _("quota"), null=True, blank=True, help_text=_("Vide = seulement la jauge de l'édition.")
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    payment_methods = models.JSONField(
        _("modes de paiement"),
        default=list,
        blank=True,
        help_text=_("Vide = tous les modes proposés par l'édition."),
    )

    class Meta:
        verbose_name = _("tarif")
        verbose_name_plural = _("tarifs")
        ordering = ["congress", "order", "price"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="tariff_unique_name"),
            models.CheckConstraint(condition=Q(price__gte=0), name="tariff_price_not_negative"),
            models.CheckConstraint(
                condition=~Q(audience="invited") | ~Q(invitation_code=""),
                name="tariff_invited_needs_code",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.price} €)"

    def clean(self):

        if self.audience == TariffAudience.INVITED and not self.invitation_code:
            raise ValidationError(
                {"invitation_code": _("Un tarif sur invitation demande un code.")}
            )
        if self.sale_starts_at and self.sale_ends_at and self.sale_ends_at < self.sale_starts_at:
            raise ValidationError({"sale_ends_at": _("La fin des ventes précède leur début.")})
        if not isinstance(self.payment_methods, list) or not set(self.payment_methods) <= set(
            PaymentMethod.values
        ):
            raise ValidationError({"payment_methods": _("Mode de paiement inconnu.")})

    def on_sale(self, now=None) -> bool:
        now = now or timezone.now()
        if self.sale_starts_at and now < self.sale_starts_at:
            return False
        return not (self.sale_ends_at and now > self.sale_ends_at)


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Carte bancaire")
    INVOICE = "invoice", _("Facture (mandat administratif)")
    TRANSFER = "transfer", _("Virement bancaire")
    ON_SITE = "on_site", _("Paiement sur place")
    FREE = "free", _("Gratuit")


class OrderState(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("En attente de paiement")
    PAID = "paid", _("Payée")
    AWAITING_MANDATE = "awaiting_mandate", _("En attente de mandat administratif")
    AWAITING_TRANSFER = "awaiting_transfer", _("En attente de virement")
    AWAITING_ON_SITE = "awaiting_on_site", _("À régler sur place")
    FREE = "free", _("Confirmée (gratuite)")
    CANCELLED = "cancelled", _("Annulée")
    EXPIRED = "expired", _("Expirée")


# Orders whose registrations are confirmed participants.
CONFIRMED_ORDER_STATES = (
    OrderState.PAID,
    OrderState.AWAITING_MANDATE,
    OrderState.AWAITING_TRANSFER,
    OrderState.AWAITING_ON_SITE,
    OrderState.FREE,
)


# Orders holding places (confirmed, or waiting for a card payment).
SEAT_HOLDING_ORDER_STATES = (*CONFIRMED_ORDER_STATES, OrderState.PENDING_PAYMENT)


class Order(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.PROTECT, related_name="orders"
    )
    organisation = models.ForeignKey(
        "congress.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    payment_method = models.CharField(
        _("mode de paiement"), max_length=10, choices=PaymentMethod.choices
    )
    state = models.CharField(_("état"), max_length=20, choices=OrderState.choices)
    total = models.DecimalField(_("total (€)"), max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    # Card payments (Stripe); unique so that one payment confirms one order, once.
    stripe_checkout_session_id = models.CharField(max_length=255, null=True, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=255, null=True, blank=True)
    stripe_refund_id = models.CharField(max_length=255, null=True, blank=True)
    refunded_at = models.DateTimeField(_("remboursée le"), null=True, blank=True)
    # Invoices for public bodies (Chorus Pro).
    code_service = models.CharField(_("code service"), max_length=100, blank=True)
    engagement_number = models.CharField(
        _("numéro d'engagement / bon de commande"), max_length=100, blank=True
    )
    paid_at = models.DateField(_("payée le"), null=True, blank=True)
    payment_reference = models.CharField(_("référence du paiement"), max_length=120, blank=True)
    # Registered at the welcome desk on the day (a walk-in), not beforehand.
    walk_in = models.BooleanField(_("inscription sur place"), default=False)

    class Meta:
        verbose_name = _("commande")
        verbose_name_plural = _("commandes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["stripe_checkout_session_id"], name="order_unique_checkout_session"
            ),
            models.UniqueConstraint(
                fields=["stripe_payment_intent_id"], name="order_unique_payment_intent"
            ),
            models.UniqueConstraint(fields=["stripe_refund_id"], name="order_unique_refund"),
            models.CheckConstraint(condition=Q(total__gte=0), name="order_total_not_negative"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("order_detail", kwargs={"slug": self.congress.slug, "pk": self.pk})

    @property
    def reference(self) -> str:
        return f"CMD-{self.congress_id}-{self.pk:05d}" if self.pk else "CMD-?"

    @property
    def is_confirmed(self) -> bool:
        return self.state in CONFIRMED_ORDER_STATES

    @property
    def transfer_due_on(self):
        """The day a transfer is due: the edition's payment delay, at the latest its first day."""
        due = timezone.localdate(self.created_at) + timedelta(days=self.congress.payment_terms_days)
        return min(due, self.congress.start_date)


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("En attente de paiement")
    CONFIRMED = "confirmed", _("Confirmée")
    CANCELLED = "cancelled", _("Annulée")
    EXPIRED = "expired", _("Expirée")


ACTIVE_REGISTRATION_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)


class Registration(models.Model):
    """One delegate at one edition: a seat."""

    order = models.ForeignKey(
        "congress.Order", on_delete=models.CASCADE, related_name="registrations"
    )
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.PROTECT, related_name="registrations"
    )
    tariff = models.ForeignKey(Tariff, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    full_name = models.CharField(_("nom complet"), max_length=200)
    # What the registrations board sorts by: the order's organisation, or the person who placed
    # an order without one (congress/registrations/sorting.py keeps it true).
    sort_name = models.CharField(
        _("nom de tri"), max_length=200, blank=True, default="", editable=False
    )
    # Blank only for a person registered at the welcome desk without an address (issue 13).
    email = models.EmailField(_("adresse e-mail"), blank=True)
    # The organisation a person registered at the desk names (no account, no order's organisation).
    declared_organisation = models.CharField(_("organisation déclarée"), max_length=200, blank=True)
    function = models.CharField(_("fonction"), max_length=120, blank=True)
    days = models.JSONField(_("jours de présence"), default=list)
    price = models.DecimalField(_("prix (€)"), max_digits=8, decimal_places=2)
    status = models.CharField(
        _("statut"), max_length=10, choices=RegistrationStatus.choices, default="pending"
    )
    needs_lsf = models.BooleanField(_("interprétation en LSF"), default=False)
    needs_hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    needs_step_free = models.BooleanField(_("accès de plain-pied"), default=False)
    needs_easy_read = models.BooleanField(_("documents en FALC (facile à lire)"), default=False)
    dietary_needs = models.CharField(_("régime alimentaire"), max_length=200, blank=True)
    other_needs = models.TextField(_("autres besoins"), blank=True)
    needs_shared = models.BooleanField(
        _(
            "J'accepte que ces besoins soient communiqués aux animateurs et à l'équipe d'accueil "
            "pour m'accueillir"
        ),
        default=False,
    )
    photo_consent = models.BooleanField(_("accepte d'être photographié·e"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["congress", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "email"],
                condition=Q(status__in=["pending", "confirmed"]) & ~Q(email=""),
                name="registration_one_active_per_email",
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="registration_price_positive"),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.congress}"

    @property
    def organisation_label(self) -> str:
        """The registering organisation's name, or the one named at the welcome desk."""
        organisation = self.order.organisation
        return organisation.name if organisation is not None else self.declared_organisation

    @property
    def accessibility_needs(self) -> list[str]:
        labels = [
            str(Registration._meta.get_field(name).verbose_name)
            for name in ("needs_lsf", "needs_hearing_loop", "needs_step_free", "needs_easy_read")
            if getattr(self, name)
        ]
        if self.dietary_needs:
            labels.append(self.dietary_needs)
        if self.other_needs:
            labels.append(self.other_needs)
        return labels


class WaitlistState(models.TextChoices):
    WAITING = "waiting", _("En attente")
    OFFERED = "offered", _("Place proposée")
    ACCEPTED = "accepted", _("Place acceptée")
    LAPSED = "lapsed", _("Offre expirée")
    CANCELLED = "cancelled", _("Retirée")


class WaitlistEntry(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="waitlist"
    )
    tariff = models.ForeignKey(
        Tariff, on_delete=models.CASCADE, null=True, blank=True, related_name="waitlist"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    organisation = models.ForeignKey(
        "congress.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(
        _("état"), max_length=10, choices=WaitlistState.choices, default="waiting"
    )
    created_at = models.DateTimeField(default=timezone.now)
    offered_at = models.DateTimeField(null=True, blank=True)
    offered_until = models.DateTimeField(_("place réservée jusqu'au"), null=True, blank=True)

    class Meta:
        verbose_name = _("liste d'attente")
        verbose_name_plural = _("listes d'attente")
        ordering = ["congress", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "user"],
                condition=Q(state__in=["waiting", "offered"]),
                name="waitlist_one_open_entry_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.congress} ({self.get_state_display()})"
