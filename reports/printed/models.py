"""Printed matter: when each badge was last printed, the edition's invitation letter."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congress.editions.models import Congress


class BadgeRole(models.TextChoices):
    """What a badge says a person is there for, most visible first (a delegate who also
    speaks gets the speaker's badge)."""

    ORGANISER = "organiser", _("Organisateur·rice")
    MODERATOR = "moderator", _("Animateur·rice")
    SPEAKER = "speaker", _("Intervenant·e")
    PRESS = "press", _("Presse")
    VOLUNTEER = "volunteer", _("Bénévole")
    DELEGATE = "delegate", _("Délégué·e")


class BadgePrint(models.Model):
    """The last time a person's badge went to the printer. `person_key` names the source of the
    badge by ids only ("user:12", "registration:40", "speaker:7"): no personal data here."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="badge_prints")
    person_key = models.CharField(max_length=40)
    printed_at = models.DateTimeField(_("imprimé le"))
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("impression de badge")
        verbose_name_plural = _("impressions de badges")
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "person_key"], name="badgeprint_unique_person"
            )
        ]

    def __str__(self):
        return f"{self.person_key} – {self.printed_at:%Y-%m-%d %H:%M}"


class InvitationLetter(models.Model):
    """The letter organisations forward to invite others; empty until organisers write it (a
    default built from the edition's data stands in)."""

    congress = models.OneToOneField(
        Congress, on_delete=models.CASCADE, related_name="invitation_letter"
    )
    body = models.TextField(_("texte de la lettre"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lettre d'invitation")
        verbose_name_plural = _("lettres d'invitation")

    def __str__(self):
        return str(self.congress)


class GuestRole(models.TextChoices):
    PRESS = BadgeRole.PRESS.value, BadgeRole.PRESS.label
    VOLUNTEER = BadgeRole.VOLUNTEER.value, BadgeRole.VOLUNTEER.label


class BadgeGuest(models.Model):
    """Someone with a badge who is neither registered nor on the programme: a journalist, a
    volunteer of the welcome desk. Organisers add them by hand."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="badge_guests")
    full_name = models.CharField(_("nom complet"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("rôle"), max_length=10, choices=GuestRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("badge d'invité")
        verbose_name_plural = _("badges d'invités")
        ordering = ["congress", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["press", "volunteer"]), name="badgeguest_valid_role"
            )
        ]

    def __str__(self):
        return self.full_name
