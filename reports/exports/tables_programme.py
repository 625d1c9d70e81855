"""Export tables of the call for proposals and the programme: organisations, workshop
proposals, reviews, workshops."""

from django.db.models import Avg, F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from congress.core.departements import DEPARTEMENTS
from congress.core.expressions import count_of
from congress.editions.models import Congress
from congress.organisations.models import OrganisationKind
from proposals.models import (
    REVIEWABLE_STATES,
    ProposalFormat,
    ProposalState,
    Review,
    WorkshopProposal,
)
from reports import selectors
from reports.exports.base import BOOL, DATETIME, DECIMAL, INT, Column, Table, joined
from tracks.models import Session, WorkshopSignup

KINDS = dict(OrganisationKind.choices)
STATES = dict(ProposalState.choices)
FORMATS = dict(ProposalFormat.choices)


# --- organisations -------------------------------------------------------------------------


def _organisations(congress: Congress) -> QuerySet:
    sent = WorkshopProposal.objects.filter(congress=congress, state__in=REVIEWABLE_STATES)
    return (
        selectors.involved_organisations(congress)
        .annotate(
            proposal_count=count_of(sent, "organisation"),
        )
        .order_by("name", "pk")
    )


ORGANISATIONS = Table(
    name="organisations",
    title=str(_("Organisations")),
    description=_("Organisations ayant proposé un atelier ou animé une session."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("name", _("Nom"), width=40),
        Column("kind", _("Type"), choices=KINDS, width=24),
        Column("siret", _("SIRET"), width=16),
        Column("rna", _("RNA"), width=12),
        Column("postal_code", _("Code postal"), width=10),
        Column("commune", _("Commune"), width=22),
        Column("departement", _("Département"), width=8),
        Column(
            "departement_name",
            _("Nom du département"),
            choices=DEPARTEMENTS,
            width=22,
            source="departement",
        ),
        Column("country", _("Pays"), width=6),
        Column("website", _("Site web"), width=30),
        Column("contact_email", _("E-mail de contact"), width=30),
        Column("public_listing", _("Annuaire public"), BOOL, width=10),
        Column("proposal_count", _("Propositions d'ateliers"), INT, width=12),
    ],
    query=_organisations,
)


# --- workshop proposals --------------------------------------------------------------------


def _proposals(congress: Congress) -> QuerySet:
    through_orgs = WorkshopProposal.co_organisations.through.objects.all()
    through_tracks = WorkshopProposal.related_tracks.through.objects.all()
    reviews = Review.objects.all()
    mean = (
        Review.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(mean=Avg("weighted_score"))
        .values("mean")
    )
    return (
        WorkshopProposal.objects.filter(congress=congress)
        .annotate(
            organisation_name=F("organisation__name"),
            track_name=F("track__name"),
            co_organisation_names=joined(through_orgs, "workshopproposal", "organisation__name"),
            related_track_names=joined(
                through_tracks, "workshopproposal", "track__name", "track__order"
            ),
            review_count=count_of(reviews, "proposal"),
            mean_score=Subquery(mean),
            session_starts_at=F("session__starts_at"),
        )
        .order_by("pk")
    )


WORKSHOP_PROPOSALS = Table(
    name="workshop-proposals",
    title=str(_("Propositions d'ateliers")),
    description=_("Toutes les propositions reçues lors de l'appel, avec leurs relectures."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("title", _("Titre"), width=45),
        Column("organisation_name", _("Organisation"), width=30),
        Column("co_organisation_names", _("Co-organisations"), width=30),
        Column("track_name", _("Thème principal"), width=26),
        Column("related_track_names", _("Thèmes associés"), width=30),
        Column("format", _("Format"), choices=FORMATS, width=20),
        Column("state", _("État"), choices=STATES, width=14),
        Column("departement", _("Département"), width=8),
        Column("commune", _("Commune"), width=20),
        Column("submitted_at", _("Soumise le"), DATETIME, width=17),
        Column("decided_at", _("Décision le"), DATETIME, width=17),
        Column("review_count", _("Relectures"), INT, width=10),
        Column("mean_score", _("Note moyenne"), DECIMAL, width=10),
        Column("session_starts_at", _("Programmée le"), DATETIME, width=17),
        Column("publication_consent", _("Publication acceptée"), BOOL, width=10),
    ],
    query=_proposals,
)


# --- reviews -----------------------------------------------------------------------------------


def _reviews(congress: Congress) -> QuerySet:
    return (
        Review.objects.filter(proposal__congress=congress)
        .annotate(
            proposal_title=F("proposal__title"),
            track_name=F("proposal__track__name"),
            reviewer_name=F("reviewer__full_name"),
            reviewer_email=F("reviewer__email"),
        )
        .order_by("proposal_id", "pk")
    )


REVIEWS = Table(
    name="reviews",
    title=str(_("Relectures")),
    description=_("Les relectures du comité de programme (notes pondérées sur 5)."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("proposal_id", _("Proposition"), INT, width=10),
        Column("proposal_title", _("Titre de la proposition"), width=45),
        Column("track_name", _("Thème"), width=26),
        Column("reviewer_name", _("Relecteur"), width=24),
        Column("reviewer_email", _("E-mail du relecteur"), width=30),
        Column("weighted_score", _("Note pondérée"), DECIMAL, width=10),
        Column("comment_committee", _("Commentaire pour le comité"), width=50),
        Column("comment_authors", _("Commentaire pour les auteurs"), width=50),
        Column("updated_at", _("Mise à jour le"), DATETIME, width=17),
    ],
    query=_reviews,
)


# --- workshops (sessions) ----------------------------------------------------------------------


def _workshops(congress: Congress) -> QuerySet:
    moderators = Session.moderators.through.objects.all()
    return (
        selectors.workshops_of(congress)
        .annotate(
            track_name=F("track__name"),
            type_name=F("session_type__name"),
            room_name=F("room__name"),
            organisation_name=F("proposal__organisation__name"),
            moderator_names=joined(moderators, "session", "user__full_name"),
            signup_count=count_of(WorkshopSignup.objects.all(), "session"),
        )
        .order_by("starts_at", "room__order", "pk")
    )


WORKSHOPS = Table(
    name="workshops",
    title=str(_("Ateliers")),
    description=_("Les ateliers du programme, leurs places et leurs inscrits."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("title", _("Atelier"), width=45),
        Column("track_name", _("Thème"), width=26),
        Column("type_name", _("Type"), width=18),
        Column("starts_at", _("Début"), DATETIME, width=17),
        Column("ends_at", _("Fin"), DATETIME, width=17),
        Column("room_name", _("Salle"), width=20),
        Column("organisation_name", _("Organisation"), width=30),
        Column("moderator_names", _("Animateurs"), width=30),
        Column("capacity", _("Places"), INT, width=9),
        Column("signup_count", _("Inscrits"), INT, width=9),
    ],
    query=_workshops,
)
