"""The final report of an edition: the organisers' foreword and the generated PDF files."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.core.storage import private_storage
from congress.editions.models import Congress
from reports.printed.models import BadgeGuest, BadgePrint, BadgeRole, InvitationLetter

__all__ = [
    "BadgeGuest",
    "BadgePrint",
    "BadgeRole",
    "InvitationLetter",
]  # registered under the reports label


class ReportSettings(models.Model):
    """What the organisers write for the report of one edition."""

    congress = models.OneToOneField(
        Congress, on_delete=models.CASCADE, related_name="report_settings"
    )
    foreword = models.TextField(
        _("avant-propos"),
        blank=True,
        help_text=_("Texte d'ouverture du rapport. Séparez les paragraphes par une ligne vide."),
    )
    method = models.TextField(
        _("note de méthode"),
        blank=True,
        help_text=_(
            "Comment les propositions ont été recueillies et consolidées (annexe du rapport). "
            "Laisser vide : texte par défaut."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The version the organisers chose to publish: a copy of one generated file, so that
    # regenerating the report later does not change what the public downloads.
    published_file = models.FileField(
        _("rapport publié"), upload_to="reports/published/", storage=private_storage, blank=True
    )
    published_label = models.CharField(_("version publiée"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("réglages du rapport")
        verbose_name_plural = _("réglages des rapports")

    def __str__(self):
        return str(self.congress)


class ReportScope(models.TextChoices):
    FULL = "full", _("Rapport complet")
    TRACK = "track", _("Un thème")
    ADDRESSEE = "addressee", _("Un destinataire")


class ReportStatus(models.TextChoices):
    IDLE = "idle", _("Jamais généré")
    QUEUED = "queued", _("En file d'attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Prêt")
    FAILED = "failed", _("Échec")


class Report(models.Model):
    """One variant of the report (full, one track, one addressee) and its last generated file.

    `fingerprint` is a hash of the report's content: the file is kept, and not rendered again,
    until the data it shows changes.
    """

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="reports")
    scope = models.CharField(
        _("périmètre"), max_length=10, choices=ReportScope.choices, default=ReportScope.FULL
    )
    scope_value = models.CharField(
        _("thème ou destinataire"),
        max_length=60,
        blank=True,
        help_text=_("Identifiant du thème ou code du destinataire ; vide pour le rapport complet."),
    )
    status = models.CharField(
        _("état"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.IDLE
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    stage = models.CharField(_("étape"), max_length=120, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    requested_at = models.DateTimeField(_("demandé le"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(
        _("fichier PDF"), upload_to="reports/", storage=private_storage, blank=True
    )
    fingerprint = models.CharField(_("empreinte des données"), max_length=64, blank=True)
    generated_at = models.DateTimeField(_("généré le"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    file_size = models.PositiveIntegerField(_("taille (octets)"), default=0)
    render_seconds = models.FloatField(_("durée de mise en page (s)"), default=0)

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapports")
        ordering = ["congress", "scope", "scope_value"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "scope", "scope_value"], name="report_unique_scope"
            ),
            models.CheckConstraint(
                condition=Q(scope="full", scope_value="") | ~Q(scope="full") & ~Q(scope_value=""),
                name="report_scope_value_matches_scope",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_max"),
        ]

    def __str__(self):
        if self.scope == ReportScope.FULL:
            return f"{self.congress} – {self.get_scope_display()}"
        return f"{self.congress} – {self.get_scope_display()} {self.scope_value}"

    @property
    def is_busy(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def has_file(self) -> bool:
        return bool(self.file)
