"""A partner's proposal of an activity in one of its own places (issue 15): a light call for
activities. Organisers accept it (it becomes an activity of the programme) or refuse it, with a
message to the partner."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ActivityProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")


def restrict_waiting(collector, field, sub_objs, using):
    """``on_delete`` of a proposal's place: a place with proposals waiting for the organisers'
    decision cannot be deleted (RESTRICT: unless they go too, with the whole edition); the
    decided ones go with their place (an accepted one already made its activity, which keeps
    the place from being deleted while it exists)."""
    waiting = sub_objs.filter(status=ActivityProposalStatus.SUBMITTED)
    if waiting.exists():
        models.RESTRICT(collector, field, waiting, using)
    models.CASCADE(
        collector, field, sub_objs.exclude(status=ActivityProposalStatus.SUBMITTED), using
    )


class ActivityProposal(models.Model):
    # Said to organisers deleting a place while proposals wait there (venue_delete).
    restricted_message = _(
        "Des propositions d'activités attendent une décision dans ce lieu : acceptez-les ou "
        "refusez-les d'abord."
    )

    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="activity_proposals"
    )
    partner = models.ForeignKey(
        "congress.Partner",
        on_delete=models.CASCADE,
        related_name="activity_proposals",
        verbose_name=_("partenaire"),
    )
    venue = models.ForeignKey(
        "congress.Venue",
        on_delete=restrict_waiting,
        related_name="activity_proposals",
        verbose_name=_("lieu"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_proposals",
    )
    title = models.CharField(_("titre"), max_length=255)
    session_type = models.ForeignKey(
        "tracks.SessionType", on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    track = models.ForeignKey(
        "tracks.Track",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thème"),
    )
    description = models.TextField(_("présentation"))
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour une entrée libre, sans inscription."),
    )
    is_online = models.BooleanField(_("en ligne (webinaire, visioconférence)"), default=False)
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=ActivityProposalStatus.choices,
        default=ActivityProposalStatus.SUBMITTED,
    )
    decision_message = models.TextField(_("message au partenaire"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    session = models.OneToOneField(
        "tracks.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_proposal",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposition d'activité")
        verbose_name_plural = _("propositions d'activités")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="activity_proposal_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="activity_proposal_capacity_positive",
            ),
        ]

    def __str__(self):
        return self.title
