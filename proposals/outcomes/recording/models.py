"""The record of what workshops produced: outcomes, the policy proposals they hold, addressees,
levels and statuses, and the revision of every change.

Consolidation, endorsements and follow-up build on these models. Registered under the
``proposals`` app label (gathered by proposals/outcomes/models.py, imported by
proposals/models.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from congress.editions.models import Congress
from congress.organisations.models import Organisation
from tracks.models import Session, Track


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    DEPARTEMENTAL = "departemental", _("Départemental")
    REGIONAL = "regional", _("Régional")
    NATIONAL = "national", _("National")
    EUROPEEN = "europeen", _("Européen")


class Addressee(models.Model):
    """Fixed rows (created by the migration): who a policy proposal is addressed to."""

    slug = models.SlugField(_("identifiant"), unique=True)
    name = models.CharField(_("nom"), max_length=120)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("destinataire")
        verbose_name_plural = _("destinataires")
        ordering = ["order", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language: the fixed rows are translated, a renamed one not."""
        if FIXED_ADDRESSEE_NAMES.get(self.slug) == self.name:
            return gettext(self.name)
        return self.name


ADDRESSEES = [
    ("assemblee-nationale", gettext_noop("Assemblée nationale (députés)")),
    ("senat", gettext_noop("Sénat (sénateurs)")),
    ("parlement-europeen", gettext_noop("Parlement européen (députés européens)")),
    ("gouvernement", gettext_noop("Gouvernement (ministères)")),
    ("collectivites", gettext_noop("Collectivités (départements, régions)")),
    ("autre", gettext_noop("Autres organismes (CAF, France Travail…)")),
]
FIXED_ADDRESSEE_NAMES = dict(ADDRESSEES)


def ensure_addressees() -> None:
    """The fixed rows (also created by the migration; tests that flush the database call it)."""
    for order, (slug, name) in enumerate(ADDRESSEES):
        Addressee.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class OutcomeStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Transmis")


class Outcome(models.Model):
    """What one workshop produced, recorded by its moderators."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="outcomes")
    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="outcome", verbose_name=_("atelier")
    )
    attendee_count = models.PositiveIntegerField(_("nombre de participants"), default=0)
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="workshop_outcomes",
        verbose_name=_("organisations présentes"),
    )
    other_organisations = models.TextField(
        _("autres organisations présentes"), blank=True, help_text=_("Une par ligne.")
    )
    summary = models.TextField(_("synthèse des échanges"), blank=True)
    findings = models.TextField(_("constats"), blank=True)
    successes = models.TextField(_("réussites transposables"), blank=True)
    difficulties = models.TextField(_("difficultés"), blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=OutcomeStatus.choices, default=OutcomeStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("transmis le"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("compte rendu d'atelier")
        verbose_name_plural = _("comptes rendus d'ateliers")
        ordering = ["session__starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="outcome_valid_status"
            )
        ]

    def __str__(self):
        return str(self.session)

    def get_absolute_url(self):
        return reverse(
            "outcome_edit", kwargs={"congress_slug": self.congress.slug, "pk": self.session_id}
        )


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Soumise")
    VALIDATED = "validated", _("Validée")
    MERGED = "merged", _("Fusionnée")
    SET_ASIDE = "set_aside", _("Écartée")


class FollowUpStatus(models.TextChoices):
    SENT = "sent", _("Envoyée")
    ACKNOWLEDGED = "acknowledged", _("Accusé de réception")
    UNDER_CONSIDERATION = "under_consideration", _("À l'étude")
    TAKEN_UP = "taken_up", _("Reprise")
    DECLINED = "declined", _("Non retenue")


class PolicyProposalQuerySet(models.QuerySet):
    def of_congress(self, congress):
        return self.filter(congress=congress)

    def validated(self):
        return self.filter(status=PolicyStatus.VALIDATED)

    def search(self, text: str):
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text) | Q(statement__icontains=text) | Q(rationale__icontains=text)
        )


class PolicyProposal(models.Model):
    """A proposal addressed to decision-makers (députés, sénateurs, députés européens...)."""

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="policy_proposals"
    )
    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="policy_proposals",
        verbose_name=_("compte rendu d'origine"),
    )
    title = models.CharField(_("titre"), max_length=255)
    statement = models.TextField(
        _("la proposition"), help_text=_("Ce qui doit changer, en une ou deux phrases.")
    )
    rationale = models.TextField(_("constats et justification"), blank=True)
    level = models.CharField(
        _("échelon visé"), max_length=15, choices=Level.choices, default=Level.NATIONAL
    )
    addressees = models.ManyToManyField(
        Addressee, blank=True, related_name="policy_proposals", verbose_name=_("destinataires")
    )
    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        related_name="policy_proposals",
        verbose_name=_("thème principal"),
    )
    related_tracks = models.ManyToManyField(
        Track,
        blank=True,
        related_name="related_policy_proposals",
        verbose_name=_("thèmes associés (transversalité)"),
    )
    supporting_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="supported_policy_proposals",
        verbose_name=_("organisations qui la portent"),
    )
    rank = models.PositiveSmallIntegerField(_("rang dans l'atelier"), default=1)
    sources = models.ManyToManyField(
        Session, blank=True, related_name="policy_proposals", verbose_name=_("ateliers d'origine")
    )
    status = models.CharField(
        _("état"), max_length=10, choices=PolicyStatus.choices, default=PolicyStatus.DRAFT
    )
    set_aside_reason = models.TextField(_("motif de mise à l'écart"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("fusionnée dans"),
    )
    split_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="split_into",
        verbose_name=_("issue de la scission de"),
    )
    followup_status = models.CharField(
        _("suites données"), max_length=20, choices=FollowUpStatus.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PolicyProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition aux décideurs")
        verbose_name_plural = _("propositions aux décideurs")
        ordering = ["track__order", "rank", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "validated", "merged", "set_aside"]),
                name="policy_valid_status",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="policy_merged_points_to_result",
            ),
        ]
        indexes = [models.Index(fields=["congress", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "public_policy_detail", kwargs={"congress_slug": self.congress.slug, "pk": self.pk}
        )

    def get_staff_url(self):
        return reverse(
            "policy_staff_detail", kwargs={"congress_slug": self.congress.slug, "pk": self.pk}
        )

    @property
    def is_validated(self) -> bool:
        return self.status == PolicyStatus.VALIDATED


class RevisionAction(models.TextChoices):
    CREATED = "created", _("Création")
    UPDATED = "updated", _("Modification")
    SUBMITTED = "submitted", _("Transmission")
    REOPENED = "reopened", _("Réouverture")
    VALIDATED = "validated", _("Validation")
    SET_ASIDE = "set_aside", _("Mise à l'écart")
    MERGED = "merged", _("Fusion")
    SPLIT = "split", _("Scission")
    RESTORED = "restored", _("Restauration")
    DELETED = "deleted", _("Suppression")


class Revision(models.Model):
    """One change of an outcome or of a policy proposal: who, when, what (a JSON snapshot)."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="+")
    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    policy_proposal = models.ForeignKey(
        PolicyProposal, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    action = models.CharField(_("action"), max_length=10, choices=RevisionAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("le"), default=timezone.now)
    snapshot = models.JSONField(_("contenu"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("révision")
        verbose_name_plural = _("historique")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__isnull=False, policy_proposal__isnull=True)
                | Q(outcome__isnull=True, policy_proposal__isnull=False),
                name="revision_one_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} – {self.at:%Y-%m-%d %H:%M}"
