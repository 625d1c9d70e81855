"""Export tables of the workshop outcomes and the policy proposals they produced."""

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from congress.core.expressions import count_of
from congress.editions.models import Congress
from proposals.outcomes.models import (
    Endorsement,
    FollowUp,
    FollowUpStatus,
    Level,
    Outcome,
    OutcomeStatus,
    PolicyProposal,
    PolicyStatus,
)
from reports.exports.base import DATE, DATETIME, INT, Column, Table, joined


def _outcomes(congress: Congress) -> QuerySet:
    present = Outcome.organisations.through.objects.all()
    return (
        Outcome.objects.filter(congress=congress)
        .annotate(
            workshop_title=F("session__title"),
            track_name=F("session__track__name"),
            starts_at=F("session__starts_at"),
            organisation_names=joined(present, "outcome", "organisation__name"),
            policy_count=count_of(PolicyProposal.objects.all(), "outcome"),
        )
        .order_by("session__starts_at", "pk")
    )


OUTCOMES = Table(
    name="outcomes",
    title=str(_("Comptes rendus d'ateliers")),
    description=_("Ce que chaque atelier a produit : participants, constats, réussites."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("session_id", _("Atelier (identifiant)"), INT, width=10),
        Column("workshop_title", _("Atelier"), width=45),
        Column("track_name", _("Thème"), width=26),
        Column("starts_at", _("Début"), DATETIME, width=17),
        Column("status", _("État"), choices=dict(OutcomeStatus.choices), width=12),
        Column("attendee_count", _("Participants"), INT, width=10),
        Column("organisation_names", _("Organisations présentes"), width=40),
        Column("other_organisations", _("Autres organisations"), width=30),
        Column("summary", _("Synthèse"), width=50),
        Column("findings", _("Constats"), width=50),
        Column("successes", _("Réussites transposables"), width=50),
        Column("difficulties", _("Difficultés"), width=50),
        Column("policy_count", _("Propositions"), INT, width=10),
        Column("submitted_at", _("Transmis le"), DATETIME, width=17),
    ],
    query=_outcomes,
)


def _policy_proposals(congress: Congress) -> QuerySet:
    through = PolicyProposal
    last_followup = (
        FollowUp.objects.filter(proposal=OuterRef("pk")).order_by("-date", "-pk").values("date")[:1]
    )
    return (
        PolicyProposal.objects.filter(congress=congress)
        .annotate(
            track_name=F("track__name"),
            related_track_names=joined(
                through.related_tracks.through.objects.all(),
                "policyproposal",
                "track__name",
                "track__order",
            ),
            addressee_names=joined(
                through.addressees.through.objects.all(),
                "policyproposal",
                "addressee__name",
                "addressee__order",
            ),
            supporting_names=joined(
                through.supporting_organisations.through.objects.all(),
                "policyproposal",
                "organisation__name",
            ),
            source_titles=joined(
                through.sources.through.objects.all(), "policyproposal", "session__title"
            ),
            endorsement_count=count_of(Endorsement.objects.all(), "proposal"),
            followup_count=count_of(FollowUp.objects.all(), "proposal"),
            last_followup_on=Subquery(last_followup),
        )
        .order_by("track__order", "rank", "pk")
    )


POLICY_PROPOSALS = Table(
    name="policy-proposals",
    title=str(_("Propositions aux décideurs")),
    description=_(
        "Les propositions aux décideurs, leurs thèmes, destinataires, soutiens et suites."
    ),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("title", _("Titre"), width=45),
        Column("statement", _("La proposition"), width=60),
        Column("rationale", _("Constats et justification"), width=60),
        Column("status", _("État"), choices=dict(PolicyStatus.choices), width=12),
        Column("merged_into_id", _("Fusionnée dans"), INT, width=10),
        Column("level", _("Échelon"), choices=dict(Level.choices), width=14),
        Column("track_name", _("Thème principal"), width=26),
        Column("related_track_names", _("Thèmes associés"), width=30),
        Column("addressee_names", _("Destinataires"), width=40),
        Column("supporting_names", _("Organisations qui la portent"), width=40),
        Column("source_titles", _("Ateliers d'origine"), width=45),
        Column("endorsement_count", _("Soutiens"), INT, width=9),
        Column(
            "followup_status", _("Suites données"), choices=dict(FollowUpStatus.choices), width=18
        ),
        Column("followup_count", _("Étapes de suivi"), INT, width=9),
        Column("last_followup_on", _("Dernier suivi le"), DATE, width=12),
        Column("validated_at", _("Validée le"), DATETIME, width=17),
    ],
    query=_policy_proposals,
)
