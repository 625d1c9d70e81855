"""The jury of a call for projects: invitations sent by the organisers to people who have no
account yet (the jurors themselves are ``FundingCall.jurors``, the criteria ``JuryCriterion``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["JurorInvitation"]


class JurorInvitation(models.Model):
    """An invitation to sit on a call's jury, accepted by signing in with the invited address."""

    call = models.ForeignKey(
        "funding.FundingCall", on_delete=models.CASCADE, related_name="juror_invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
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
        verbose_name = _("invitation au jury")
        verbose_name_plural = _("invitations au jury")
        ordering = ["call", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="juror_invitation_one_pending_per_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.call}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
