"""Press accreditation (issue 15): a journalist asks to cover an edition; the organisers
accept or refuse; accepted journalists get a « PRESSE » badge.

No account is needed: a press officer receives requests from journalists who come once, often
freelance, and expects a form, not a sign-up. The request's page is reached through a signed
link (shown after sending and e-mailed), never by its number."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PressStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")


class PressAccreditation(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="press_accreditations"
    )
    full_name = models.CharField(_("nom et prénom"), max_length=200)
    media = models.CharField(_("média"), max_length=200)
    card_number = models.CharField(
        _("numéro de carte de presse"),
        max_length=30,
        help_text=_(
            "Celui de votre carte de presse (CCIJP) ou d'un justificatif de votre rédaction."
        ),
    )  # stored without spaces, upper-case
    email = models.EmailField(_("adresse e-mail"))  # stored lower-case
    phone = models.CharField(_("téléphone"), max_length=30)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="press_accreditations",
    )
    status = models.CharField(
        _("état"), max_length=10, choices=PressStatus.choices, default=PressStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("accréditation presse")
        verbose_name_plural = _("accréditations presse")
        ordering = ["created_at", "pk"]
        constraints = [
            # A refused request frees its card: a stranger who sent someone else's card number
            # first cannot keep the journalist out once the organisers refuse the false request.
            models.UniqueConstraint(
                fields=["congress", "card_number"],
                condition=~models.Q(status="refused"),
                name="press_card_once_per_edition",
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.media})"


class PressCheckIn(models.Model):
    """An accredited journalist's arrival at the welcome desk, one per day of the edition
    (congress.onsite's desk records it through tracks/press/desk_guests.py)."""

    accreditation = models.ForeignKey(
        PressAccreditation, on_delete=models.CASCADE, related_name="check_ins"
    )
    day = models.DateField(_("jour"))
    checked_in_at = models.DateTimeField(_("arrivée à"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enregistrée par"),
    )

    class Meta:
        verbose_name = _("arrivée presse")
        verbose_name_plural = _("arrivées presse")
        ordering = ["day", "checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["accreditation", "day"], name="presscheckin_once_per_day"
            )
        ]

    def __str__(self):
        return f"{self.accreditation.full_name} – {self.day}"
