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
