"""Call for workshop proposals: the call, proposals with their speakers, reviews, decisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.departements import DEPARTEMENT_CHOICES
from congress.editions.models import Congress
from congress.organisations.models import Organisation

# The outcome models (defined in proposals/outcomes/<sub-domain>/models.py) belong to this app:
# importing them here registers them under the ``proposals`` label.
from proposals.outcomes.models import *  # noqa: F403
from proposals.scoring import MAX_SCORE, CriterionScore, WeightedAssessment
from tracks.models import Track


class CallForProposals(models.Model):
    """The call of one edition: its dates, guidance and review settings."""

    congress = models.OneToOneField(
        Congress, on_delete=models.CASCADE, related_name="call_for_proposals"
    )
    opens_at = models.DateTimeField(_("ouverture de l'appel"))
    closes_at = models.DateTimeField(_("clôture de l'appel"))
    review_closes_at = models.DateTimeField(
        _("fin de la relecture"), null=True, blank=True, help_text=_("Laisser vide : sans limite.")
    )
    guidance = models.TextField(_("consignes générales"), blank=True)
    anonymous_review = models.BooleanField(
        _("relecture anonyme"),
        default=False,
        help_text=_("Les relecteurs ne voient ni l'organisation ni les intervenants."),
    )

    class Meta:
        verbose_name = _("appel à propositions")
        verbose_name_plural = _("appels à propositions")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            )
        ]

    def __str__(self):
        return str(self.congress)

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("La clôture doit suivre l'ouverture.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def review_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.review_closes_at is None or now < self.review_closes_at


class CallTrack(models.Model):
    """Guidance and an optional limit for one track of the call."""

    call = models.ForeignKey(CallForProposals, on_delete=models.CASCADE, related_name="tracks")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")
    guidance = models.TextField(_("consignes pour ce thème"), blank=True)
    max_proposals = models.PositiveIntegerField(
        _("nombre maximal de propositions"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("thème de l'appel")
        verbose_name_plural = _("thèmes de l'appel")
        ordering = ["track__order"]
        constraints = [
            models.UniqueConstraint(fields=["call", "track"], name="calltrack_unique"),
        ]

    def __str__(self):
        return str(self.track)


class ReviewCriterion(models.Model):
    call = models.ForeignKey(CallForProposals, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("critère"), max_length=120)
    description = models.CharField(_("description"), max_length=255, blank=True)
    weight = models.PositiveSmallIntegerField(_("poids"), default=1)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("critère de relecture")
        verbose_name_plural = _("critères de relecture")
        ordering = ["call", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="criterion_unique_name"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name


class ProposalFormat(models.TextChoices):
    ATELIER = "atelier", _("Atelier d'échange")
    RETOUR = "retour-experience", _("Retour d'expérience")
    TABLE_RONDE = "table-ronde", _("Table ronde")
    AUTRE = "autre", _("Autre format")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Soumise")
    WITHDRAWN = "withdrawn", _("Retirée")
    ACCEPTED = "accepted", _("Acceptée")
    WAITLISTED = "waitlisted", _("Liste d'attente")
    REJECTED = "rejected", _("Refusée")


# States a committee decides on, and the states the committee sees.
DECISION_STATES = (ProposalState.ACCEPTED, ProposalState.WAITLISTED, ProposalState.REJECTED)
REVIEWABLE_STATES = (ProposalState.SUBMITTED, *DECISION_STATES)


class WorkshopProposalQuerySet(models.QuerySet):
    def reviewable(self):
        return self.filter(state__in=REVIEWABLE_STATES)

    def visible_to_organisations(self, organisation_ids):
        return self.filter(
            Q(organisation_id__in=organisation_ids) | Q(co_organisations__in=organisation_ids)
        ).distinct()

    def without_conflict(self, organisation_ids):
        """Proposals none of whose presenting organisations is in `organisation_ids`."""
        return self.exclude(organisation_id__in=organisation_ids).exclude(
            co_organisations__in=organisation_ids
        )


class WorkshopProposal(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="proposals")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="workshop_proposals",
        verbose_name=_("organisation qui propose"),
    )
    co_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="co_presented_proposals",
        verbose_name=_("organisations co-présentatrices"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("titre de l'atelier"), max_length=200)
    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("thème principal"),
    )
    related_tracks = models.ManyToManyField(
        Track,
        blank=True,
        related_name="related_proposals",
        verbose_name=_("thèmes associés (transversalité)"),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=ProposalFormat.choices, default=ProposalFormat.ATELIER
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=90, validators=[MaxValueValidator(240)]
    )
    context = models.TextField(_("contexte et public concerné"), blank=True)
    actions = models.TextField(_("actions menées"), blank=True)
    results = models.TextField(_("résultats et ce qui est transposable"), blank=True)
    difficulties = models.TextField(_("difficultés rencontrées"), blank=True)
    policy_ideas = models.TextField(_("pistes de propositions aux décideurs"), blank=True)
    departement = models.CharField(
        _("département"), max_length=3, choices=DEPARTEMENT_CHOICES, blank=True
    )
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    accessibility_needs = models.TextField(
        _("besoins d'accessibilité des intervenants"), blank=True
    )
    publication_consent = models.BooleanField(
        _("j'accepte la publication de la proposition si elle est retenue"), default=False
    )
    state = models.CharField(
        _("état"), max_length=12, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    session = models.OneToOneField(
        "tracks.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("session au programme"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkshopProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition d'atelier")
        verbose_name_plural = _("propositions d'ateliers")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15, duration_minutes__lte=240),
                name="proposal_duration_range",
            ),
        ]
        indexes = [models.Index(fields=["congress", "state"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "proposal_detail", kwargs={"congress_slug": self.congress.slug, "pk": self.pk}
        )

    @property
    def is_draft(self) -> bool:
        return self.state == ProposalState.DRAFT


class Speaker(models.Model):
    proposal = models.ForeignKey(
        WorkshopProposal, on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(_("nom"), max_length=200)
    function = models.CharField(_("fonction"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        ordering = ["proposal", "order", "pk"]

    def __str__(self):
        return self.name


class Review(WeightedAssessment):
    proposal = models.ForeignKey(WorkshopProposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    comment_committee = models.TextField(_("commentaire pour le comité"), blank=True)
    comment_authors = models.TextField(_("commentaire pour les auteurs (facultatif)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("relecture")
        verbose_name_plural = _("relectures")
        ordering = ["proposal", "reviewer__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="review_one_per_reviewer")
        ]

    def __str__(self):
        return f"{self.reviewer} – {self.proposal}"


class ReviewScore(CriterionScore):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique"),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="score_at_most_5"),
        ]


class ProposalStateChange(models.Model):
    proposal = models.ForeignKey(WorkshopProposal, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(max_length=12, choices=ProposalState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=ProposalState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("changement d'état")
        verbose_name_plural = _("historique des états")
        ordering = ["proposal", "at", "pk"]

    def __str__(self):
        return f"{self.proposal}: {self.from_state} → {self.to_state}"
