"""The edition itself: people, organisations, congress editions, venues and rooms."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.departements import DEPARTEMENT_CHOICES
from congress.validators import (
    normalise_rna,
    normalise_siret,
    validate_departement,
    validate_insee_code,
    validate_rna,
    validate_siret,
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_confirmed_at", timezone.now())
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with their email address."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=200)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("langue préférée"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmé le"), null=True, blank=True)
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(_("accès à l'administration"), default=False)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    CCAS = "ccas", _("CCAS / CIAS")
    COLLECTIVITE = "collectivite", _("Collectivité territoriale")
    INSTITUTION = "institution", _("Institution publique")
    ESS = "ess", _("Entreprise de l'ESS / ESUS")
    OTHER = "other", _("Autre")


# Public bodies pay by administrative mandate after an invoice, never by card.
PUBLIC_BODY_KINDS = frozenset(
    {OrganisationKind.CCAS, OrganisationKind.COLLECTIVITE, OrganisationKind.INSTITUTION}
)


class OrganisationQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(public_listing=True)

    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=220, unique=True)
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres ; obligatoire pour les organismes publics (facturation)."),
    )
    rna = models.CharField(
        _("numéro RNA"),
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text=_("Associations loi 1901 : W suivi de 9 chiffres."),
    )
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    commune = models.CharField(_("commune"), max_length=120)
    insee_code = models.CharField(
        _("code commune INSEE"), max_length=5, blank=True, validators=[validate_insee_code]
    )
    departement = models.CharField(
        _("département"),
        max_length=3,
        choices=DEPARTEMENT_CHOICES,
        validators=[validate_departement],
    )
    country = models.CharField(_("pays"), max_length=2, default="FR")
    website = models.URLField(_("site web"), blank=True)
    contact_email = models.EmailField(_("e-mail de contact"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    public_listing = models.BooleanField(
        _("apparaître dans l'annuaire public"),
        default=False,
        help_text=_("Nom, type, commune, département et site web seulement."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=~Q(siret=""),
                name="organisation_unique_siret",
                violation_error_code="duplicate_siret",
                violation_error_message=_("Une organisation avec ce SIRET existe déjà."),
            ),
            models.UniqueConstraint(
                fields=["rna"],
                condition=~Q(rna=""),
                name="organisation_unique_rna",
                violation_error_code="duplicate_rna",
                violation_error_message=_("Une organisation avec ce numéro RNA existe déjà."),
            ),
            models.CheckConstraint(
                condition=Q(rna="") | Q(kind="association"),
                name="organisation_rna_only_for_associations",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation_detail", kwargs={"slug": self.slug})

    def validate_constraints(self, exclude=None):
        """Show duplicate SIRET / RNA errors on their field rather than at the top of the form."""
        from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            fields = {"duplicate_siret": "siret", "duplicate_rna": "rna"}
            remapped: dict[str, list] = {}
            for field, errors in error.error_dict.items():
                for item in errors:
                    target = fields.get(item.code, field) if field == NON_FIELD_ERRORS else field
                    remapped.setdefault(target, []).append(item)
            raise ValidationError(remapped) from None

    def clean(self):
        from django.core.exceptions import ValidationError

        self.siret = normalise_siret(self.siret)
        self.rna = normalise_rna(self.rna)
        if self.rna and self.kind != OrganisationKind.ASSOCIATION:
            raise ValidationError(
                {"rna": _("Seules les associations ont un numéro RNA.")}, code="rna_kind"
            )
        if self.kind in PUBLIC_BODY_KINDS and not self.siret:
            raise ValidationError(
                {"siret": _("Le SIRET est obligatoire pour un organisme public.")},
                code="siret_required",
            )

    @property
    def is_public_body(self) -> bool:
        return self.kind in PUBLIC_BODY_KINDS

    @property
    def siren(self) -> str:
        return self.siret[:9]


class MembershipRole(models.TextChoices):
    MANAGER = "manager", _("Gestionnaire")
    MEMBER = "member", _("Membre")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("rôle"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    function = models.CharField(_("fonction"), max_length=120, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        ordering = ["organisation", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(
        _("rôle"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def is_expired(self, now=None) -> bool:
        now = now or timezone.now()
        age = now - self.created_at
        return age.days >= settings.INVITATION_MAX_AGE_DAYS


class CongressStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    CLOSED = "closed", _("Clos")
    ARCHIVED = "archived", _("Archivé")


# Editions the public can see: everything but drafts.
VISIBLE_STATUSES = (CongressStatus.PUBLISHED, CongressStatus.CLOSED, CongressStatus.ARCHIVED)


class CongressQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status__in=VISIBLE_STATUSES)

    def current(self):
        return self.visible().filter(is_current=True).first()


class Congress(models.Model):
    """One edition of the congress (2019, 2024, ...)."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), unique=True)
    edition_number = models.PositiveSmallIntegerField(_("numéro d'édition"), default=1)
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    city = models.CharField(_("ville"), max_length=120)
    description = models.TextField(_("présentation"), blank=True)
    fil_rouge = models.CharField(
        _("fil rouge"),
        max_length=255,
        blank=True,
        help_text=_("La question transversale posée à tous les thèmes."),
    )
    motto = models.CharField(_("devise"), max_length=255, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=CongressStatus.choices, default=CongressStatus.DRAFT
    )
    is_current = models.BooleanField(
        _("édition en cours"), default=False, help_text=_("Affichée sur la page d'accueil.")
    )
    contact_email = models.EmailField(_("e-mail de contact"))
    organiser_name = models.CharField(_("organisateur"), max_length=200, blank=True)
    organisers = models.ManyToManyField(
        User,
        blank=True,
        related_name="organised_congresses",
        verbose_name=_("organisateurs"),
        help_text=_("Membres du comité d'organisation de cette édition."),
    )
    # --- registration and billing (registration branch) ---
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_("Places vendues au plus pour l'édition ; vide = pas de limite."),
    )
    billing_name = models.CharField(_("émetteur des factures"), max_length=200, blank=True)
    billing_address = models.TextField(_("adresse de facturation"), blank=True)
    billing_siret = models.CharField(
        _("SIRET de l'émetteur"), max_length=14, blank=True, validators=[validate_siret]
    )
    billing_iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    billing_bic = models.CharField(_("BIC"), max_length=11, blank=True)
    billing_vat_mention = models.CharField(
        _("mention TVA"), max_length=200, default="TVA non applicable, art. 293 B du CGI"
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        _("délai de paiement (jours)"), default=30
    )
    # --- end registration and billing ---
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CongressQuerySet.as_manager()

    class Meta:
        verbose_name = _("édition du congrès")
        verbose_name_plural = _("éditions du congrès")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="congress_dates_in_order",
            ),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="congress_one_current"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("congress_detail", kwargs={"slug": self.slug})

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Le dernier jour ne peut pas précéder le premier.")}
            )

    @property
    def days(self) -> list:
        from datetime import timedelta

        span = (self.end_date - self.start_date).days
        return [self.start_date + timedelta(days=n) for n in range(span + 1)]


class Venue(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("nom"), max_length=200)
    address = models.CharField(_("adresse"), max_length=255)
    city = models.CharField(_("ville"), max_length=120)
    accessibility_notes = models.TextField(_("accessibilité"), blank=True)
    transport_notes = models.TextField(_("accès et transports"), blank=True)

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("nom"), max_length=120)
    capacity = models.PositiveIntegerField(_("capacité"))
    floor = models.CharField(_("niveau"), max_length=40, blank=True)
    step_free = models.BooleanField(_("accès de plain-pied"), default=True)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    accessibility_notes = models.TextField(_("notes d'accessibilité"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("salle")
        verbose_name_plural = _("salles")
        ordering = ["venue", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_unique_name_per_venue"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="room_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.venue.name})"


class AuditEntry(models.Model):
    """What an organiser did: decisions, payments recorded, merges, exports. Never edited."""

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="audit_entries"
    )
    action = models.CharField(_("action"), max_length=60)
    target_type = models.CharField(_("type d'objet"), max_length=60, blank=True)
    target_id = models.CharField(_("identifiant de l'objet"), max_length=40, blank=True)
    target_repr = models.CharField(_("objet"), max_length=255, blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)
    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal des actions")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["congress", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_repr}"


# === BEGIN registration, payment and invoicing (registration branch) ==========================


class TariffAudience(models.TextChoices):
    ASSOCIATION = "association", _("Association ou structure de l'ESS")
    PUBLIC_BODY = "public_body", _("CCAS, collectivité ou institution publique")
    INDIVIDUAL = "individual", _("Inscription individuelle")
    INVITED = "invited", _("Intervenant·e ou invité·e (code d'invitation)")


class Tariff(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="tariffs")
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
        from django.core.exceptions import ValidationError

        if self.audience == TariffAudience.INVITED and not self.invitation_code:
            raise ValidationError(
                {"invitation_code": _("Un tarif sur invitation demande un code.")}
            )
        if self.sale_starts_at and self.sale_ends_at and self.sale_ends_at < self.sale_starts_at:
            raise ValidationError({"sale_ends_at": _("La fin des ventes précède leur début.")})

    def on_sale(self, now=None) -> bool:
        now = now or timezone.now()
        if self.sale_starts_at and now < self.sale_starts_at:
            return False
        return not (self.sale_ends_at and now > self.sale_ends_at)


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Carte bancaire")
    INVOICE = "invoice", _("Facture (mandat administratif)")
    FREE = "free", _("Gratuit")


class OrderState(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("En attente de paiement")
    PAID = "paid", _("Payée")
    AWAITING_MANDATE = "awaiting_mandate", _("En attente de mandat administratif")
    FREE = "free", _("Confirmée (gratuite)")
    CANCELLED = "cancelled", _("Annulée")
    EXPIRED = "expired", _("Expirée")


# Orders whose registrations are confirmed participants.
CONFIRMED_ORDER_STATES = (OrderState.PAID, OrderState.AWAITING_MANDATE, OrderState.FREE)
# Orders holding places (confirmed, or waiting for a card payment).
SEAT_HOLDING_ORDER_STATES = (*CONFIRMED_ORDER_STATES, OrderState.PENDING_PAYMENT)


class Order(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="orders")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    placed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="orders")
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


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("En attente de paiement")
    CONFIRMED = "confirmed", _("Confirmée")
    CANCELLED = "cancelled", _("Annulée")
    EXPIRED = "expired", _("Expirée")


ACTIVE_REGISTRATION_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)


class Registration(models.Model):
    """One delegate at one edition: a seat."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="registrations")
    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="registrations")
    tariff = models.ForeignKey(Tariff, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    full_name = models.CharField(_("nom complet"), max_length=200)
    email = models.EmailField(_("adresse e-mail"))
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
    photo_consent = models.BooleanField(_("accepte d'être photographié·e"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["congress", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "email"],
                condition=Q(status__in=["pending", "confirmed"]),
                name="registration_one_active_per_email",
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="registration_price_positive"),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.congress}"

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
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="waitlist")
    tariff = models.ForeignKey(
        Tariff, on_delete=models.CASCADE, null=True, blank=True, related_name="waitlist"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="waitlist_entries")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
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


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Facture")
    CREDIT_NOTE = "credit_note", _("Avoir")


class InvoiceCounter(models.Model):
    """The last number issued, per edition and kind: locked while a number is taken."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["congress", "kind"], name="invoice_counter_unique")
        ]

    def __str__(self):
        return f"{self.congress_id} {self.kind}: {self.last_number}"


class Invoice(models.Model):
    """An issued invoice or credit note: a frozen snapshot, never edited nor deleted."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="invoices")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(_("type"), max_length=12, choices=InvoiceKind.choices)
    number = models.PositiveIntegerField(_("numéro"))
    reference = models.CharField(_("référence"), max_length=40)
    issued_on = models.DateField(_("date d'émission"))
    due_on = models.DateField(_("échéance"))
    credited_invoice = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_note"
    )
    seller = models.JSONField(_("émetteur"))
    buyer = models.JSONField(_("destinataire"))
    lines = models.JSONField(_("lignes"))
    total = models.DecimalField(_("total (€)"), max_digits=10, decimal_places=2)
    vat_mention = models.CharField(_("mention TVA"), max_length=200)

    class Meta:
        verbose_name = _("facture")
        verbose_name_plural = _("factures")
        ordering = ["congress", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "kind", "number"], name="invoice_unique_number"
            ),
            models.UniqueConstraint(
                fields=["order"], condition=Q(kind="invoice"), name="invoice_one_per_order"
            ),
        ]

    def __str__(self):
        return self.reference


class StripeEvent(models.Model):
    """Webhook events already processed: a replay changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("événement Stripe")
        verbose_name_plural = _("événements Stripe")

    def __str__(self):
        return f"{self.event_id} ({self.type})"


# === END registration, payment and invoicing ==================================================


class IdempotencyRecord(models.Model):
    """A successful API creation, remembered by the client's Idempotency-Key.

    The row is inserted in the same transaction as the object it created: a retry with the same
    key (even a concurrent one, which waits on the unique index) gets the stored response.
    Failed requests leave no record, so they can simply be retried.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique_key_per_user")
        ]

    def __str__(self):
        return f"{self.method} {self.path} [{self.key}]"


class ConsentKind(models.TextChoices):
    PHOTO = "photo", _("Prise de vue (photos, vidéos)")
    PUBLICATION = "publication", _("Publication d'une proposition d'atelier")
    ACCESSIBILITY_DATA = "accessibility_data", _("Besoins d'accessibilité et régime alimentaire")


class Consent(models.Model):
    """A consent given or refused, with the wording shown: the GDPR's record of consents."""

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="consents"
    )
    email = models.EmailField(_("adresse e-mail"))
    kind = models.CharField(_("objet"), max_length=30, choices=ConsentKind.choices)
    given = models.BooleanField(_("accordé"))
    wording = models.CharField(_("formulation présentée"), max_length=500)
    source = models.CharField(_("recueilli par"), max_length=120)
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("registre des consentements")
        ordering = ["-at"]
        indexes = [models.Index(fields=["email", "kind"])]

    def __str__(self):
        return f"{self.email} {self.kind} {'oui' if self.given else 'non'} {self.at:%Y-%m-%d}"
