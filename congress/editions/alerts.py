"""« Prévenez-moi quand le programme paraît » (issue 15): an address left on the page of an
edition announced before its programme, confirmed by a signed link (double opt-in), e-mailed
once when the organisers publish the programme and then forgotten; erasable at any time by the
link of either message. Writes are in ``congress.editions.services``."""

from django.core import signing
from django.db import models
from django.utils.translation import gettext_lazy as _

from congress.core import throttling

ALERT_SALT = "congress.editions.programme-alert"  # a namespace, not a secret
ALERT_PER_EMAIL = throttling.Limit("programme-alert-email", attempts=3, window_seconds=3600)
ALERT_PER_CLIENT = throttling.Limit("programme-alert-client", attempts=20, window_seconds=3600)


class ProgrammeAlert(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="programme_alerts"
    )
    email = models.EmailField(_("adresse e-mail"))  # stored lower-case
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("alerte de parution du programme")
        verbose_name_plural = _("alertes de parution du programme")
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "email"], name="programme_alert_once_per_address"
            )
        ]

    def __str__(self):
        return self.email


def alert_token(alert: ProgrammeAlert) -> str:
    return signing.dumps({"a": alert.pk, "e": alert.email}, salt=ALERT_SALT)


def alert_from_token(congress, token: str) -> ProgrammeAlert | None:
    try:
        payload = signing.loads(token, salt=ALERT_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    return ProgrammeAlert.objects.filter(
        congress=congress, pk=payload.get("a"), email=payload.get("e")
    ).first()
