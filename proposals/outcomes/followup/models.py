"""What happened to a validated policy proposal after the congress: one row per step.

Registered under the ``proposals`` app label (see proposals/outcomes/models.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congress.core.storage import private_storage
from proposals.outcomes.recording.models import Addressee, FollowUpStatus, PolicyProposal
from proposals.outcomes.validators import validate_pdf


class FollowUp(models.Model):
    """One step of what happened after the congress: a sending, an answer..."""

    proposal = models.ForeignKey(PolicyProposal, on_delete=models.CASCADE, related_name="followups")
    status = models.CharField(_("état"), max_length=20, choices=FollowUpStatus.choices)
    date = models.DateField(_("date"))
    addressee = models.ForeignKey(
        Addressee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("destinataire"),
    )
    institution = models.CharField(
        _("institution"),
        max_length=200,
        help_text=_("Par exemple : commission des affaires sociales de l'Assemblée nationale."),
    )
    summary = models.TextField(_("résumé"), blank=True)
    document = models.FileField(
        _("document (PDF, 10 Mo au plus)"),
        upload_to="followups/%Y/",
        storage=private_storage,  # served by a view, as an attachment (views.followup_document)
        blank=True,
        validators=[validate_pdf],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("suite donnée")
        verbose_name_plural = _("suites données")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} – {self.institution}"
