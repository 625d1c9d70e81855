"""Organisations (associations, CCAS, public bodies...), their members and invitations."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.collation import by_name
from congress.core.departements import DEPARTEMENT_CHOICES
from congress.core.validators import (
    EU_COUNTRIES,
    normalise_eu_vat,
    normalise_rna,
    normalise_siret,
    validate_departement,
    validate_eu_vat,
    validate_insee_code,
    validate_rna,
    validate_siret,
)

COUNTRY_CHOICES = sorted(EU_COUNTRIES.items(), key=lambda item: item[0] != "FR")


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
        return self.filter(public_listing=True, orphaned_at__isnull=True)

    def orphaned(self):
        return self.filter(orphaned_at__isnull=False)

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
        blank=True,
        help_text=_("Organisations établies en France seulement."),
    )
    country = models.CharField(_("pays"), max_length=2, choices=COUNTRY_CHOICES, default="FR")
    vat_number = models.CharField(
        _("numéro de TVA intracommunautaire"),
        max_length=16,
        blank=True,
        help_text=_("Obligatoire hors de France, avec le code du pays (ex. BE0123456749)."),
    )
    website = models.URLField(_("site web"), blank=True)
    contact_email = models.EmailField(_("e-mail de contact"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    public_listing = models.BooleanField(
        _("apparaître dans l'annuaire public"),
        default=False,
        help_text=_("Nom, type, commune, département et site web seulement."),
    )
    # Set when its last manager erased their account: hidden from the public and handed to the
    # organisers, who invite a new manager; cleared when someone manages it again.
    orphaned_at = models.DateTimeField(_("sans gestionnaire depuis"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = by_name("name")  # French collation: « Épicerie… » before « Tremplin »
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

        self.siret = normalise_siret(self.siret)
        self.rna = normalise_rna(self.rna)
        self.vat_number = normalise_eu_vat(self.vat_number)
        if self.vat_number and self.country in EU_COUNTRIES:
            try:
                validate_eu_vat(self.vat_number, self.country)
            except ValidationError as error:
                raise ValidationError({"vat_number": error}) from None
        if self.country != "FR":
            self._clean_abroad()
            return
        if not self.departement:
            raise ValidationError(
                {"departement": _("Indiquez le département.")}, code="departement_required"
            )
        if self.rna and self.kind != OrganisationKind.ASSOCIATION:
            raise ValidationError(
                {"rna": _("Seules les associations ont un numéro RNA.")}, code="rna_kind"
            )
        if self.kind in PUBLIC_BODY_KINDS and not self.siret:
            raise ValidationError(
                {"siret": _("Le SIRET est obligatoire pour un organisme public.")},
                code="siret_required",
            )

    def _clean_abroad(self) -> None:
        """Outside France: an EU VAT number and an address; no French identifiers."""
        errors = {}
        french = {
            "siret": self.siret,
            "rna": self.rna,
            "insee_code": self.insee_code,
            "departement": self.departement,
        }
        for field, value in french.items():
            if value:
                errors[field] = _("Seules les organisations établies en France ont ce champ.")
        if not self.vat_number:
            errors["vat_number"] = _(
                "Le numéro de TVA intracommunautaire est obligatoire hors de France."
            )
        if not self.address:
            errors["address"] = _("L'adresse est obligatoire hors de France.")
        if errors:
            raise ValidationError(errors, code="abroad")

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
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "congress.Organisation", on_delete=models.CASCADE, related_name="memberships"
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
        "congress.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(
        _("rôle"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
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
