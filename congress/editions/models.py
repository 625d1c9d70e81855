"""Editions of the congress (dates, status, billing identity), venues and rooms."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.validators import validate_siret
from congress.editions.kinds import FEATURES, EditionKind
from congress.editions.partners import validate_logo


class CongressStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    CLOSED = "closed", _("Clos")
    ARCHIVED = "archived", _("Archivé")


# Editions the public can see: everything but drafts.
VISIBLE_STATUSES = (CongressStatus.PUBLISHED, CongressStatus.CLOSED, CongressStatus.ARCHIVED)


class VatRegime(models.TextChoices):
    """The seller's VAT situation: it decides the legal mention and the lines of an invoice."""

    PUBLIC_BODY = "public_body", _("Personne morale de droit public non assujettie (art. 256 B)")
    NON_PROFIT = "non_profit", _("Organisme sans but lucratif exonéré (art. 261, 7-1°)")
    FRANCHISE = "franchise", _("Franchise en base de TVA (art. 293 B)")
    VAT = "vat", _("Assujetti : TVA appliquée au taux indiqué")


# The legal mention printed on invoices for each VAT situation (the VAT case prints its rate).
VAT_MENTIONS = {
    VatRegime.PUBLIC_BODY: _("TVA non applicable, art. 256 B du CGI"),
    VatRegime.NON_PROFIT: _("Exonération de TVA, art. 261, 7-1° du CGI"),
    VatRegime.FRANCHISE: _("TVA non applicable, art. 293 B du CGI"),
    VatRegime.VAT: "",
}

SERIES_PREFIX = RegexValidator(
    r"^[A-Z0-9]{1,10}$",
    _("De 1 à 10 lettres majuscules ou chiffres, sans espace ni tiret."),
)
# Default closing time of workshop sign-up, on the eve of the first day.
SIGNUP_CLOSING_TIME = time(18, 0)


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
    # Public on purpose, like partners' logos: printed on the final report's cover.
    logo = models.FileField(
        _("logo de l'édition"),
        upload_to="editions/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG ou JPEG, 500 Ko au plus. Imprimé sur la couverture du rapport final."),
    )
    kind = models.CharField(
        _("genre d'édition"),
        max_length=10,
        choices=EditionKind.choices,
        default=EditionKind.CONGRESS,
    )
    # The organisers' choices of feature switches, {code: bool}; a missing code takes the default
    # of the kind (congress.editions.kinds).
    features = models.JSONField(_("fonctionnalités"), default=dict, blank=True)
    programme_published = models.BooleanField(
        _("programme publié"),
        default=True,
        help_text=_("Décoché : l'édition est annoncée, son programme est « à venir »."),
    )
    press_contact = models.CharField(
        _("contact presse"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : Service de presse – 01 42 76 49 61 – presse@paris.fr"),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=CongressStatus.choices, default=CongressStatus.DRAFT
    )
    is_current = models.BooleanField(
        _("édition en cours"), default=False, help_text=_("Affichée sur la page d'accueil.")
    )
    contact_email = models.EmailField(_("e-mail de contact"))
    organiser_name = models.CharField(_("organisateur"), max_length=200, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_congresses",
        verbose_name=_("organisateurs"),
        help_text=_("Membres du comité d'organisation de cette édition."),
    )
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
    billing_vat_number = models.CharField(
        _("numéro de TVA intracommunautaire"), max_length=20, blank=True
    )
    billing_vat_regime = models.CharField(
        _("situation au regard de la TVA"),
        max_length=12,
        choices=VatRegime.choices,
        default=VatRegime.PUBLIC_BODY,
    )
    billing_vat_rate = models.DecimalField(
        _("taux de TVA (%)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("50"))],
    )
    billing_vat_mention = models.CharField(
        _("mention TVA"),
        max_length=200,
        blank=True,
        help_text=_("Laisser vide pour imprimer la mention légale de la situation choisie."),
    )
    invoice_prefix = models.CharField(
        _("préfixe des factures"), max_length=10, default="F", validators=[SERIES_PREFIX]
    )
    credit_note_prefix = models.CharField(
        _("préfixe des avoirs"), max_length=10, default="AV", validators=[SERIES_PREFIX]
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        _("délai de paiement (jours)"), default=30
    )
    registration_opens_at = models.DateTimeField(
        _("ouverture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Vide = dès la publication de l'édition."),
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Vide = la veille du premier jour à 23 h 59."),
    )
    cancellation_deadline = models.DateTimeField(
        _("date limite d'annulation avec remboursement"),
        null=True,
        blank=True,
        help_text=_("Vide = quatorze jours avant le premier jour, à 23 h 59."),
    )
    refund_terms = models.TextField(
        _("conditions d'annulation et de remboursement"),
        blank=True,
        help_text=_("Montrées avant le paiement et sur la commande ; vide = texte par défaut."),
    )
    accepts_card = models.BooleanField(
        _("paiement par carte"), default=True, help_text=_("Si Stripe est configuré.")
    )
    accepts_transfer = models.BooleanField(
        _("paiement par virement"), default=True, help_text=_("Si l'IBAN est renseigné.")
    )
    accepts_invoice = models.BooleanField(
        _("facture sur mandat administratif"),
        default=True,
        help_text=_("Pour les organismes publics."),
    )
    accepts_on_site = models.BooleanField(_("paiement sur place"), default=False)
    signup_closes_at = models.DateTimeField(
        _("clôture des inscriptions aux ateliers"),
        null=True,
        blank=True,
        help_text=_(
            "Après cette date, seuls les organisateurs inscrivent ou désinscrivent aux ateliers. "
            "Vide : la veille du premier jour à 18 h."
        ),
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

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Le dernier jour ne peut pas précéder le premier.")}
            )
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            raise ValidationError(
                {
                    "registration_closes_at": _(
                        "La clôture des inscriptions doit suivre leur ouverture."
                    )
                }
            )
        if self.billing_vat_regime == VatRegime.VAT and self.billing_vat_rate is None:
            raise ValidationError(
                {"billing_vat_rate": _("Indiquez le taux de TVA appliqué.")}, code="vat_rate"
            )
        if self.invoice_prefix and self.invoice_prefix == self.credit_note_prefix:
            raise ValidationError(
                {"credit_note_prefix": _("Les avoirs ont un préfixe distinct des factures.")},
                code="same_prefix",
            )

    def feature_on(self, code: str) -> bool:
        if code in self.features:
            return bool(self.features[code])
        return self.kind in FEATURES[code].on_for

    @property
    def features_on(self) -> dict[str, bool]:
        """Every feature switch of the edition, for templates: ``congress.features_on.stands``."""
        return {code: self.feature_on(code) for code in FEATURES}

    @property
    def vat_mention(self) -> str:
        """The mention printed on invoices: the organisers' own text, or the legal one."""
        return self.billing_vat_mention or str(VAT_MENTIONS[self.billing_vat_regime])

    @property
    def signup_deadline(self) -> datetime:
        """When workshop sign-up closes: the date set by organisers, else the eve of the first
        day at 18:00 (local time), so moderators and room staff work from a settled list."""
        if self.signup_closes_at is not None:
            return self.signup_closes_at
        eve = self.start_date - timedelta(days=1)
        return timezone.make_aware(datetime.combine(eve, SIGNUP_CLOSING_TIME))

    @property
    def signup_is_open(self) -> bool:
        return timezone.now() < self.signup_deadline

    @property
    def starts_at(self) -> datetime:
        """Midnight (local time) of the first day: the edition is no longer upcoming."""
        return timezone.make_aware(datetime.combine(self.start_date, time.min))

    @property
    def ended_at(self) -> datetime:
        """The moment the edition has ended: midnight (local time) after its last day."""
        return timezone.make_aware(datetime.combine(self.end_date + timedelta(days=1), time.min))

    @property
    def has_ended(self) -> bool:
        """True from the day after the last day (local date)."""
        return timezone.localdate() > self.end_date

    @property
    def is_upcoming(self) -> bool:
        return timezone.localdate() < self.start_date

    @property
    def days(self) -> list:

        span = (self.end_date - self.start_date).days
        return [self.start_date + timedelta(days=n) for n in range(span + 1)]


class Venue(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="venues"
    )
    name = models.CharField(_("nom"), max_length=200)
    address = models.CharField(_("adresse"), max_length=255)
    city = models.CharField(_("ville"), max_length=120)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    arrondissement = models.CharField(
        _("arrondissement ou quartier"), max_length=40, blank=True, help_text=_("Par exemple : 11e")
    )
    accessibility_notes = models.TextField(_("accessibilité"), blank=True)
    transport_notes = models.TextField(_("accès et transports"), blank=True)
    step_free = models.BooleanField(_("accès de plain-pied"), default=False)
    host = models.ForeignKey(
        "congress.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("partenaire qui accueille"),
        help_text=_("Le partenaire dont c'est le lieu : il peut y proposer des activités."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def full_address(self) -> str:
        return ", ".join(p for p in (self.address, f"{self.postal_code} {self.city}".strip()) if p)

    @property
    def geo_uri(self) -> str:
        """RFC 5870 link opened by the phone's map application; the address as a query when the
        coordinates are unknown. Built here: no call to any map service."""
        if self.latitude is not None and self.longitude is not None:
            return f"geo:{self.latitude},{self.longitude}"
        return "geo:0,0?q=" + quote(self.full_address)

    @property
    def osm_url(self) -> str:
        if self.latitude is not None and self.longitude is not None:
            query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
            return f"https://www.openstreetmap.org/?{query}#map=18/{self.latitude}/{self.longitude}"
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.full_address})


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
