"""Calls for projects with funding: the call, applications and their attachments, the jury's
assessments and the decisions. The funder meetings live in funding/meetings/ (imported here so
they keep the ``funding`` label)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.storage import private_storage
from congress.editions.models import Congress
from congress.organisations.models import Organisation

# The meeting models (funding/meetings/models.py) belong to this app: importing them here
# registers them under the ``funding`` label.
from funding.followup.models import *  # noqa: F403
from funding.jury.models import *  # noqa: F403
from funding.meetings.models import *  # noqa: F403
from proposals.scoring import MAX_SCORE, CriterionScore, WeightedAssessment


def lines(text: str) -> list[str]:
    """The non-empty lines of a one-item-per-line field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class FundingCall(models.Model):
    """A call for projects of one edition, with the funder who pays the grants."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="funding_calls")
    title = models.CharField(_("titre"), max_length=200)
    funder_name = models.CharField(
        _("financeur"),
        max_length=200,
        help_text=_("Un lauréat de ce financeur la même année n'est pas éligible."),
    )
    description = models.TextField(_("présentation"), blank=True)
    opens_at = models.DateTimeField(_("ouverture des candidatures"))
    closes_at = models.DateTimeField(_("clôture des candidatures"))
    themes = models.TextField(_("thèmes (un par ligne)"))
    target_publics = models.TextField(_("publics visés (un par ligne)"))
    departements = models.CharField(
        _("départements éligibles"),
        max_length=200,
        help_text=_("Codes séparés par des virgules (ex. 92) ; vide : toute la France."),
        blank=True,
    )
    max_amount = models.DecimalField(
        _("montant maximal demandé"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    funder_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="funded_calls",
        verbose_name=_("structure du financeur"),
        help_text=_("Ses membres voient les candidatures de cet appel et le suivi des projets."),
    )  # fmt: skip
    interim_report_due = models.DateField(
        _("bilan intermédiaire attendu le"), null=True, blank=True
    )
    final_report_due = models.DateField(_("bilan final attendu le"), null=True, blank=True)
    jurors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="funding_juries",
        verbose_name=_("jurés"),
    )  # fmt: skip
    results_published_at = models.DateTimeField(_("lauréats publiés le"), null=True, blank=True)

    class Meta:
        verbose_name = _("appel à projets")
        verbose_name_plural = _("appels à projets")
        ordering = ["congress", "opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="funding_call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(max_amount__isnull=True) | Q(max_amount__gt=0),
                name="funding_call_ceiling_positive",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "funding_call_detail", kwargs={"congress_slug": self.congress.slug, "pk": self.pk}
        )

    def clean(self):
        errors = call_errors(self)
        if errors:
            raise ValidationError(errors)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def theme_list(self) -> list[str]:
        return lines(self.themes)

    @property
    def public_list(self) -> list[str]:
        return lines(self.target_publics)

    @property
    def departement_list(self) -> list[str]:
        return [code.strip().upper() for code in self.departements.split(",") if code.strip()]


def call_errors(call: FundingCall) -> dict[str, str]:
    """The call's rules: dates in order, a positive ceiling, at least one theme and public."""
    errors = {}
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        errors["closes_at"] = _("La clôture doit suivre l'ouverture.")
    if call.max_amount is not None and call.max_amount <= 0:
        errors["max_amount"] = _("Le plafond doit être supérieur à 0 €.")
    if not lines(call.themes):
        errors["themes"] = _("Indiquez au moins un thème.")
    elif len(set(lines(call.themes))) != len(lines(call.themes)):
        errors["themes"] = _("Chaque thème ne doit figurer qu'une fois.")
    if not lines(call.target_publics):
        errors["target_publics"] = _("Indiquez au moins un public visé.")
    closes = call.closes_at and timezone.localtime(call.closes_at).date()
    interim, final = call.interim_report_due, call.final_report_due
    if interim and closes and interim <= closes:
        errors["interim_report_due"] = _("Le bilan intermédiaire est attendu après la clôture.")
    if final and closes and final <= closes:
        errors["final_report_due"] = _("Le bilan final est attendu après la clôture.")
    elif final and interim and final <= interim:
        errors["final_report_due"] = _("Le bilan final est attendu après le bilan intermédiaire.")
    return errors


class JuryCriterion(models.Model):
    call = models.ForeignKey(FundingCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("critère"), max_length=120)
    weight = models.PositiveSmallIntegerField(_("poids"), default=1)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("critère du jury")
        verbose_name_plural = _("critères du jury")
        ordering = ["call", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="jury_criterion_unique_name"),
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="jury_criterion_weight_positive"
            ),
        ]

    def __str__(self):
        return self.name


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    GRANTED = "granted", _("Retenue")
    DECLINED = "declined", _("Non retenue")


SUBMITTED_STATES = (ApplicationState.SUBMITTED, ApplicationState.GRANTED, ApplicationState.DECLINED)
MONEY = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class Application(models.Model):
    """An organisation's application to a call: the project, its public, its budget."""

    call = models.ForeignKey(FundingCall, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="funding_applications",
        verbose_name=_("structure qui candidate"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("titre du projet"), max_length=200)
    theme = models.CharField(_("thème"), max_length=120)
    public = models.CharField(_("public visé"), max_length=120)
    project = models.TextField(_("le projet"))
    need = models.TextField(_("le besoin auquel il répond"))
    impact_indicators = models.TextField(_("indicateurs d'impact"))
    budget_total = models.DecimalField(_("budget total (€)"), **MONEY)
    amount_requested = models.DecimalField(_("montant demandé (€)"), **MONEY)
    cofunding = models.TextField(_("cofinancements (acquis ou sollicités)"), blank=True)
    esus_approved = models.BooleanField(
        _("la structure est agréée ESUS"),
        default=False,
        help_text=_("Entreprises de l'ESS : l'agrément « ESUS » est requis."),
    )
    state = models.CharField(
        _("état"), max_length=10, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["call", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested__lte=F("budget_total")),
                name="application_requested_within_budget",
                violation_error_message=_("Le montant demandé ne peut dépasser le budget total."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "funding_application_detail",
            kwargs={"congress_slug": self.call.congress.slug, "pk": self.pk},
        )

    def clean(self):
        if (
            self.amount_requested is not None
            and self.budget_total is not None
            and self.amount_requested > self.budget_total
        ):
            raise ValidationError(
                {"amount_requested": _("Le montant demandé ne peut dépasser le budget total.")}
            )


class AttachmentKind(models.TextChoices):
    STATUTES = "statutes", _("Statuts")
    ACCOUNTS = "accounts", _("Derniers comptes approuvés")
    BUDGET = "budget", _("Budget prévisionnel du projet")


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("pièce"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(
        _("fichier (PDF ou XLSX)"), upload_to="funding/%Y/", storage=private_storage
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["application", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="attachment_one_per_kind")
        ]

    def __str__(self):
        return self.get_kind_display()


class Assessment(WeightedAssessment):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_assessments"
    )
    comment = models.TextField(_("commentaire pour le jury"), blank=True)

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        ordering = ["application", "juror_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "juror"], name="assessment_one_per_juror"
            )
        ]

    def __str__(self):
        return f"{self.juror} – {self.application}"


class AssessmentScore(CriterionScore):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(JuryCriterion, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="assessment_score_unique"),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="assessment_score_at_most_5"),
        ]  # fmt: skip


class Decision(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="decision"
    )
    granted = models.BooleanField(_("projet retenu"))
    amount_granted = models.DecimalField(_("montant accordé (€)"), null=True, blank=True, **MONEY)
    conditions = models.TextField(_("conditions"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(_("lettre envoyée le"), null=True, blank=True)
    # The last sending that failed (the mail server refused it): shown to organisers, who resend.
    letter_failed_at = models.DateTimeField(
        _("échec d'envoi de la lettre le"), null=True, blank=True
    )
    letter_error = models.CharField(_("erreur d'envoi"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(granted=False, amount_granted__isnull=True)
                | Q(granted=True, amount_granted__gt=0),
                name="decision_amount_only_when_granted",
            )
        ]

    def __str__(self):
        return str(self.application)
