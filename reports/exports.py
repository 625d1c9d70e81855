"""Data exports of an edition: tables of organisations, workshop proposals, reviews, workshops...

Each `Table` is a `values_list` queryset (one query, many-to-many fields folded into the row by
correlated subqueries with STRING_AGG) and typed columns. The same tables feed:

- CSV, streamed chunk by chunk (pandas formats each chunk): UTF-8 with a BOM so spreadsheet
  software detects the encoding; `,` by default, `;` with a decimal comma for French settings;
- XLSX, written with openpyxl's write-only mode to a temporary file (one sheet per table, typed
  cells, frozen header row, column widths), then streamed;
- the JSON API (reports/api.py), paginated.

pandas and openpyxl are imported inside the functions that use them.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Avg,
    CharField,
    F,
    OuterRef,
    QuerySet,
    StringAgg,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.departements import DEPARTEMENTS
from congress.core.expressions import count_of
from congress.editions.models import Congress
from congress.organisations.models import OrganisationKind
from congress.payments.models import Invoice
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
)
from proposals.models import (
    REVIEWABLE_STATES,
    ProposalFormat,
    ProposalState,
    Review,
    WorkshopProposal,
)
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
from reports import selectors
from tracks.models import Session, WorkshopSignup

CHUNK_SIZE = 2000

TEXT, INT, DECIMAL, DATE, DATETIME, BOOL = "text", "int", "decimal", "date", "datetime", "bool"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    choices: dict | None = None  # stored code -> label
    width: int | None = None  # XLSX column width (characters)
    source: str | None = None  # the database field when it differs from `key`

    def convert(self, value):
        """A database value as a Python value for the exports (local naive datetimes)."""
        if value is None:
            return None
        if self.choices is not None:
            return str(self.choices.get(value, value))
        if self.kind == DATETIME:
            return timezone.localtime(value).replace(tzinfo=None)
        if self.kind == DECIMAL:
            return float(value)
        if self.kind == TEXT:
            return str(value)
        return value


@dataclass(frozen=True)
class Table:
    name: str  # URL and file name
    title: str  # sheet name (at most 31 characters)
    columns: list[Column] = field(default_factory=list)
    query: Callable[[Congress], QuerySet] | None = None
    description: str = ""

    def queryset(self, congress: Congress) -> QuerySet:
        """A values_list queryset in the order of `columns`."""
        return self.query(congress).values_list(*[c.source or c.key for c in self.columns])

    def rows(self, congress: Congress, *, chunk_size: int = CHUNK_SIZE) -> Iterator[list]:
        converters = [c.convert for c in self.columns]
        for raw in self.queryset(congress).iterator(chunk_size=chunk_size):
            yield [convert(value) for convert, value in zip(converters, raw, strict=True)]

    def as_dict(self, raw) -> dict:
        """One raw row as JSON-ready data (ISO dates) for the API."""
        data = {}
        for column, value in zip(self.columns, raw, strict=True):
            value = column.convert(value)
            if isinstance(value, dt.date | dt.datetime):
                value = value.isoformat()
            data[column.key] = value
        return data


def joined(queryset: QuerySet, link: str, value: str, order: str | None = None) -> Coalesce:
    """The `value`s of the rows of `queryset` whose `link` is the outer row, joined by ", "."""
    ordered = {}
    if connection.features.supports_aggregate_order_by_clause:  # not SQLite < 3.44
        ordered["order_by"] = order or value
    inner = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(joined=StringAgg(value, Value(", "), **ordered))
        .values("joined")
    )
    return Coalesce(Subquery(inner, output_field=CharField()), Value(""))


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


# --- registrations and payments (registration branch) -------------------------------------


def _registrations(congress: Congress) -> QuerySet:
    return (
        Registration.objects.filter(congress=congress)
        .annotate(
            organisation_name=F("order__organisation__name"),
            tariff_name=F("tariff__name"),
            payment_method=F("order__payment_method"),
            order_state=F("order__state"),
        )
        .order_by("created_at", "pk")
    )


REGISTRATIONS = Table(
    name="registrations",
    title=str(_("Inscriptions")),
    description=_("Les participants inscrits, leur tarif, leur paiement et leurs besoins."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("full_name", _("Nom"), width=26),
        Column("email", _("E-mail"), width=30),
        Column("function", _("Fonction"), width=22),
        Column("organisation_name", _("Organisation"), width=30),
        Column("tariff_name", _("Tarif"), width=24),
        Column("price", _("Prix (€)"), DECIMAL, width=10),
        Column("status", _("Statut"), choices=dict(RegistrationStatus.choices), width=14),
        Column("payment_method", _("Paiement"), choices=dict(PaymentMethod.choices), width=20),
        Column("order_state", _("État de la commande"), choices=dict(OrderState.choices), width=22),
        Column("created_at", _("Inscrit le"), DATETIME, width=17),
        Column("needs_lsf", _("LSF"), BOOL, width=7),
        Column("needs_hearing_loop", _("Boucle magnétique"), BOOL, width=9),
        Column("needs_step_free", _("Plain-pied"), BOOL, width=9),
        Column("needs_easy_read", _("FALC"), BOOL, width=7),
        Column("dietary_needs", _("Régime alimentaire"), width=20),
        Column("photo_consent", _("Accord photo"), BOOL, width=9),
    ],
    query=_registrations,
)


def _orders(congress: Congress) -> QuerySet:
    invoices = Invoice.objects.all()
    return (
        Order.objects.filter(congress=congress)
        .annotate(
            organisation_name=F("organisation__name"),
            placed_by_name=F("placed_by__full_name"),
            registration_count=count_of(Registration.objects.all(), "order"),
            invoice_references=joined(invoices, "order", "reference"),
        )
        .order_by("created_at", "pk")
    )


PAYMENTS = Table(
    name="payments",
    title=str(_("Commandes et paiements")),
    description=_("Les commandes, leur mode et leur état de paiement, leurs factures."),
    columns=[
        Column("pk", _("Identifiant"), INT, width=10),
        Column("organisation_name", _("Organisation"), width=30),
        Column("placed_by_name", _("Passée par"), width=24),
        Column("registration_count", _("Inscriptions"), INT, width=10),
        Column("total", _("Total (€)"), DECIMAL, width=11),
        Column("payment_method", _("Paiement"), choices=dict(PaymentMethod.choices), width=20),
        Column("state", _("État"), choices=dict(OrderState.choices), width=22),
        Column("created_at", _("Créée le"), DATETIME, width=17),
        Column("confirmed_at", _("Confirmée le"), DATETIME, width=17),
        Column("cancelled_at", _("Annulée le"), DATETIME, width=17),
        Column("code_service", _("Code service"), width=14),
        Column("engagement_number", _("Numéro d'engagement"), width=16),
        Column("payment_reference", _("Référence du paiement"), width=20),
        Column("invoice_references", _("Factures et avoirs"), width=24),
    ],
    query=_orders,
)


# --- outcomes and policy proposals (outcomes branch) --------------------------------------


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

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        ORGANISATIONS,
        REGISTRATIONS,
        PAYMENTS,
        WORKSHOP_PROPOSALS,
        REVIEWS,
        WORKSHOPS,
        OUTCOMES,
        POLICY_PROPOSALS,
    )
}


# --- CSV ---------------------------------------------------------------------------------------

BOM = "\ufeff"


def csv_chunks(table: Table, congress: Congress, *, semicolon: bool = False) -> Iterator[str]:
    """The table as CSV text, chunk by chunk: BOM and header first, then CHUNK_SIZE rows at a
    time. With `semicolon`, fields are separated by `;` and decimals use a comma."""
    import pandas as pd

    labels = [str(c.label) for c in table.columns]
    options = {
        "sep": ";" if semicolon else ",",
        "decimal": "," if semicolon else ".",
        "index": False,
        "lineterminator": "\r\n",
        "date_format": "%Y-%m-%d %H:%M",
        "float_format": "%.2f",
    }
    yield BOM + pd.DataFrame(columns=labels).to_csv(header=True, **options)
    batch: list[list] = []
    for row in table.rows(congress):
        batch.append(row)
        if len(batch) >= CHUNK_SIZE:
            yield _frame(pd, batch, table).to_csv(header=False, **options)
            batch = []
    if batch:
        yield _frame(pd, batch, table).to_csv(header=False, **options)


def _frame(pd, rows: list[list], table: Table):
    frame = pd.DataFrame(rows, columns=[c.key for c in table.columns])
    for column in table.columns:
        if column.kind == DECIMAL:
            frame[column.key] = frame[column.key].astype("Float64")
        elif column.kind == INT:
            frame[column.key] = frame[column.key].astype("Int64")
        elif column.kind == BOOL:
            frame[column.key] = frame[column.key].map({True: "oui", False: "non"})
    return frame


# --- XLSX --------------------------------------------------------------------------------------

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMATS = {DATE: "dd/mm/yyyy", DATETIME: "dd/mm/yyyy hh:mm"}


def write_xlsx(tables: list[Table], congress: Congress, target) -> None:
    """Write one sheet per table to `target` (a path or a binary file) in write-only mode, so
    rows go to disk as they are read instead of piling up in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.title = f"{congress.name} – exports"
    workbook.properties.language = "fr-FR"
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="12355B")
    wrap = Alignment(vertical="top", wrap_text=True)
    for table in tables:
        sheet = workbook.create_sheet(title=table.title[:31])
        for index, column in enumerate(table.columns, start=1):
            width = column.width or max(12, len(str(column.label)) + 2)
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, value=str(column.label))
            cell.font = bold
            cell.fill = fill
            cell.alignment = wrap
            header.append(cell)
        sheet.append(header)
        formats = [DATE_FORMATS.get(c.kind) for c in table.columns]
        for row in table.rows(congress):
            cells = []
            for value, number_format in zip(row, formats, strict=True):
                if number_format and value is not None:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = number_format
                    cells.append(cell)
                elif isinstance(value, Decimal):
                    cells.append(float(value))
                else:
                    cells.append(value)
            sheet.append(cells)
    workbook.save(target)
