"""On site: the welcome desk's role, check-ins (one per delegate and day) and the settings of
attendance certificates."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.storage import private_storage
from congress.onsite.validators import validate_signature_image


class DeskPayment(models.TextChoices):
    """How a person registered at the welcome desk settles (no column: it sets the order)."""

    CASH = "cash", _("Espèces")
    CARD_TERMINAL = "card_terminal", _("Carte bancaire (terminal de paiement)")
    CHEQUE = "cheque", _("Chèque")
    TO_INVOICE = "to_invoice", _("À facturer")


class DeskRole(models.Model):
    """A person who may check delegates in at the welcome desk (« accueil ») of one edition."""

    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="desk_roles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_roles"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("accordé le"), default=timezone.now)

    class Meta:
        verbose_name = _("bénévole d'accueil")
        verbose_name_plural = _("bénévoles d'accueil")
        ordering = ["congress", "granted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "user"], name="deskrole_unique_user")
        ]

    def __str__(self):
        return f"{self.user} – {self.congress}"


class DeskRoleHours(models.Model):
    """When a welcome-desk role is valid (a volunteer's desk shift). A role with hours is valid
    only during them, with a margin either side (onsite.permissions.DESK_MARGIN); a role
    without any (an organiser's grant) is valid the whole edition."""

    role = models.ForeignKey(DeskRole, on_delete=models.CASCADE, related_name="hours")
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="deskrolehours_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.role} {self.starts_at:%Y-%m-%d %H:%M}"


class CheckIn(models.Model):
    """A delegate's arrival on one day of the congress: one per registration and day."""

    registration = models.ForeignKey(
        "congress.Registration", on_delete=models.CASCADE, related_name="check_ins"
    )
    day = models.DateField(_("jour"))
    checked_in_at = models.DateTimeField(_("arrivée à"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enregistrée par"),
    )

    class Meta:
        verbose_name = _("arrivée")
        verbose_name_plural = _("arrivées")
        ordering = ["day", "checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="checkin_once_per_day")
        ]

    def __str__(self):
        return f"{self.registration.full_name} – {self.day}"


class CertificateSettings(models.Model):
    """What attendance certificates of an edition say: who issues them and who signs."""

    congress = models.OneToOneField(
        "congress.Congress", on_delete=models.CASCADE, related_name="certificate_settings"
    )
    issuer = models.CharField(_("organisme organisateur"), max_length=200)
    signatory_name = models.CharField(_("nom du signataire"), max_length=200)
    signatory_title = models.CharField(_("qualité du signataire"), max_length=200, blank=True)
    signature = models.FileField(
        _("image de la signature"),
        upload_to="certificates/signatures/",
        storage=private_storage,
        blank=True,
        validators=[validate_signature_image],
        help_text=_("PNG ou JPEG, 1 Mo au plus, de préférence sur fond blanc ou transparent."),
    )

    class Meta:
        verbose_name = _("réglages des attestations")
        verbose_name_plural = _("réglages des attestations")

    def __str__(self):
        return str(self.congress)
