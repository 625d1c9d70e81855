"""A member of the public's place in one activity of a public programme, or in the evening.

No account needed: a name and an e-mail address. ``session`` empty means the whole evening (an
edition of the evening kind: one registration, the edition's capacity)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# How many activities one e-mail address may hold at once in one edition (confirmed or waiting):
# enough for a week's visits, too few to hoard the places of a popular activity.
PER_PERSON_LIMIT = 6

# An online activity's link is e-mailed once, this long before it starts (send_online_links); a
# place confirmed later than that gets it in its confirmation instead.
ONLINE_LINK_LEAD_TIME = timedelta(hours=1)


class ActivityRegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmée")
    WAITLISTED = "waitlisted", _("En liste d'attente")
    CANCELLED = "cancelled", _("Annulée")


ACTIVE_STATUSES = (ActivityRegistrationStatus.CONFIRMED, ActivityRegistrationStatus.WAITLISTED)


class ActivityRegistration(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="activity_registrations"
    )
    session = models.ForeignKey(
        "tracks.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="public_registrations",
        verbose_name=_("activité"),
    )
    full_name = models.CharField(_("nom et prénom"), max_length=200)
    email = models.EmailField(_("adresse e-mail"))  # stored lower-case
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_registrations",
    )
    status = models.CharField(_("état"), max_length=10, choices=ActivityRegistrationStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # An online activity's link is sent once, shortly before it starts (send_online_links).
    online_link_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("inscription du public")
        verbose_name_plural = _("inscriptions du public")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"], session__isnull=False),
                name="activity_registration_once_per_activity",
            ),
            models.UniqueConstraint(
                fields=["congress", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"], session__isnull=True),
                name="activity_registration_once_per_evening",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.session or self.congress}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
