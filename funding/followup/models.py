"""Follow-up of funded projects: the reports each granted application owes at the call's dates,
and the reminders already sent about them (each at most once)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.storage import private_storage

__all__ = ["FundedReport", "FundedReportVersion", "ReportKind", "ReportReminder", "ReminderStage"]


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Bilan intermédiaire")
    FINAL = "final", _("Bilan final")


class FundedReport(models.Model):
    """A report received from a funded project (PDF or XLSX, checked like the attachments)."""

    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(_("bilan"), max_length=10, choices=ReportKind.choices)
    file = models.FileField(
        _("fichier (PDF ou XLSX)"), upload_to="funding/reports/%Y/", storage=private_storage
    )
    received_at = models.DateTimeField(_("reçu le"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bilan d'un projet financé")
        verbose_name_plural = _("bilans des projets financés")
        ordering = ["application", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="funded_report_one_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.application} – {self.get_kind_display()}"


class FundedReportVersion(models.Model):
    """A report's earlier file, kept when the project sends a new one (newest last)."""

    report = models.ForeignKey(FundedReport, on_delete=models.CASCADE, related_name="versions")
    file = models.FileField(
        _("fichier (PDF ou XLSX)"), upload_to="funding/reports/%Y/", storage=private_storage
    )
    received_at = models.DateTimeField(_("reçu le"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    replaced_at = models.DateTimeField(_("remplacé le"), default=timezone.now)

    class Meta:
        verbose_name = _("version précédente d'un bilan")
        verbose_name_plural = _("versions précédentes des bilans")
        ordering = ["report", "received_at", "pk"]

    def __str__(self):
        return f"{self.report} – {self.received_at:%Y-%m-%d %H:%M}"


class ReminderStage(models.TextChoices):
    SOON = "soon", _("Échéance dans 7 jours")
    LATE = "late", _("En retard")


class ReportReminder(models.Model):
    """A reminder sent to a funded project about one report, at one stage: never sent twice."""

    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="report_reminders"
    )
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    stage = models.CharField(max_length=5, choices=ReminderStage.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "stage"], name="report_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.application} – {self.kind} – {self.stage}"
