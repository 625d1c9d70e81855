"""When participants support validated policy proposals, and their endorsements.

Registered under the ``proposals`` app label (see proposals/outcomes/models.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.editions.models import Congress
from proposals.outcomes.recording.models import PolicyProposal


class EndorsementPeriod(models.Model):
    """When participants can support the validated proposals of an edition."""

    congress = models.OneToOneField(
        Congress, on_delete=models.CASCADE, related_name="endorsement_period"
    )
    starts_at = models.DateTimeField(_("début des soutiens"))
    ends_at = models.DateTimeField(_("fin des soutiens"))

    class Meta:
        verbose_name = _("période de soutien")
        verbose_name_plural = _("périodes de soutien")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="endorsement_period_order"
            )
        ]

    def __str__(self):
        return str(self.congress)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La fin doit suivre le début.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


class Endorsement(models.Model):
    proposal = models.ForeignKey(
        PolicyProposal, on_delete=models.CASCADE, related_name="endorsements"
    )
    # None once the person erased their account: the endorsement still counts, anonymously
    # (NULLs are distinct, so the one-per-person constraint still holds for everyone else).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="endorsements",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="endorsement_once_per_user")
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"
