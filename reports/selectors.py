"""Reads for the report, the dashboard and the exports: counts, groupings, the chapters' rows.

Everything here aggregates in the database (a handful of queries whatever the edition's size)
or returns lazy querysets the callers iterate in chunks.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import (
    Avg,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncWeek

from congress.core.collation import by_name
from congress.core.departements import DEPARTEMENTS
from congress.core.expressions import count_of
from congress.editions.models import Congress
from congress.organisations.models import Organisation, OrganisationKind
from congress.registrations.models import (
    Order,
    OrderState,
    Registration,
    RegistrationStatus,
    TariffAudience,
)
from congress.registrations.seats import places_left
from proposals.models import (
    REVIEWABLE_STATES,
    ProposalState,
    Review,
    Speaker,
    WorkshopProposal,
)
from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus
from tracks.models import Session, Track, WorkshopSignup


def tracks_of(congress: Congress) -> list[Track]:
    return list(Track.objects.filter(congress=congress).order_by("order", "name"))


# --- workshops --------------------------------------------------------------------------------


def workshops_of(congress: Congress) -> QuerySet[Session]:
    return Session.objects.filter(congress=congress, session_type__is_workshop=True)


@dataclass
class TrackWorkshops:
    track: Track | None
    workshops: int = 0
    seats: int = 0
    signups: int = 0


def workshops_by_track(congress: Congress, tracks: list[Track]) -> list[TrackWorkshops]:
    """Workshops held per track with their seats and sign-ups (two queries)."""
    sessions = {
        row["track_id"]: row
        for row in workshops_of(congress)
        .values("track_id")
        .annotate(n=Count("id"), seats=Coalesce(Sum("capacity"), 0))
        .order_by()
    }
    signups = dict(
        WorkshopSignup.objects.filter(
            session__congress=congress, session__session_type__is_workshop=True
        )
        .values("session__track_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("session__track_id", "n")
    )
    rows = []
    for track in [*tracks, None]:
        key = track.pk if track else None
        if track is None and key not in sessions:
            continue
        row = sessions.get(key, {})
        rows.append(
            TrackWorkshops(
                track=track,
                workshops=row.get("n", 0),
                seats=row.get("seats", 0),
                signups=signups.get(key, 0),
            )
        )
    return rows


def workshops_of_track(congress: Congress, track: Track) -> QuerySet[Session]:
    """A track's workshops in programme order, with their proposal, organisations, speakers."""
    return (
        workshops_of(congress)
        .filter(track=track)
        .select_related("room", "proposal__organisation")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by(*by_name("name"))),
            Prefetch(
                "proposal__co_organisations",
                queryset=Organisation.objects.order_by(*by_name("name")),
            ),
            Prefetch("proposal__speakers", queryset=Speaker.objects.order_by("order", "pk")),
            Prefetch("proposal__related_tracks", queryset=Track.objects.order_by("order")),
        )
        .annotate(signup_count=Count("signups"))
        .order_by("starts_at", "room__order", "title")
    )


# --- workshop proposals and reviews -------------------------------------------------------


def proposals_by_track_and_state(congress: Congress) -> dict[tuple[int | None, str], int]:
    """{(track id, state): count} over the proposals sent to the committee (not drafts)."""
    rows = (
        WorkshopProposal.objects.filter(congress=congress)
        .exclude(state=ProposalState.DRAFT)
        .values_list("track_id", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(track_id, state): n for track_id, state, n in rows}


@dataclass
class ReviewFigures:
    reviewable: int  # proposals in the committee's hands (submitted or decided)
    reviewed: int  # ... with at least one review
    reviews: int
    reviewers: int
    mean_score: float | None


def review_figures(congress: Congress, *, track: Track | None = None) -> ReviewFigures:
    proposals = WorkshopProposal.objects.filter(congress=congress, state__in=REVIEWABLE_STATES)
    reviews = Review.objects.filter(
        proposal__congress=congress, proposal__state__in=REVIEWABLE_STATES
    )
    if track is not None:
        proposals = proposals.filter(track=track)
        reviews = reviews.filter(proposal__track=track)
    counts = proposals.aggregate(
        reviewable=Count("id", distinct=True),
        reviewed=Count("id", filter=Q(reviews__isnull=False), distinct=True),
    )
    review_counts = reviews.aggregate(
        reviews=Count("id"),
        reviewers=Count("reviewer", distinct=True),
        mean=Avg("weighted_score"),
    )
    mean = review_counts["mean"]
    return ReviewFigures(
        reviewable=counts["reviewable"],
        reviewed=counts["reviewed"],
        reviews=review_counts["reviews"],
        reviewers=review_counts["reviewers"],
        mean_score=float(mean) if mean is not None else None,
    )


def reviews_by_track(congress: Congress) -> dict[int | None, int]:
    return dict(
        Review.objects.filter(proposal__congress=congress, proposal__state__in=REVIEWABLE_STATES)
        .values("proposal__track_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("proposal__track_id", "n")
    )


# --- organisations ----------------------------------------------------------------------------


def involved_organisation_filter(congress: Congress) -> Q:
    """Organisations taking part in the edition: they proposed or co-presented a workshop
    (sent to the committee), run a session of the programme, or registered delegates
    (confirmed registrations)."""
    proposals = WorkshopProposal.objects.filter(congress=congress, state__in=REVIEWABLE_STATES)
    co_presenting = WorkshopProposal.co_organisations.through.objects.filter(
        workshopproposal__congress=congress,
        workshopproposal__state__in=REVIEWABLE_STATES,
    )
    running = Session.organisations.through.objects.filter(session__congress=congress)

    registered = Registration.objects.filter(
        congress=congress, status=RegistrationStatus.CONFIRMED, order__organisation__isnull=False
    )
    return (
        Q(pk__in=proposals.values("organisation_id"))
        | Q(pk__in=co_presenting.values("organisation_id"))
        | Q(pk__in=running.values("organisation_id"))
        | Q(pk__in=registered.values("order__organisation_id"))
    )


def involved_organisations(congress: Congress) -> QuerySet[Organisation]:
    return Organisation.objects.filter(involved_organisation_filter(congress))


def organisations_for_annex(congress: Congress) -> QuerySet[Organisation]:
    return (
        involved_organisations(congress)
        .only("name", "kind", "commune", "departement", "country")
        .order_by(*by_name("name"))
    )


def organisations_by_kind(congress: Congress) -> list[tuple[str, int]]:
    counts = dict(
        involved_organisations(congress)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("kind", "n")
    )
    return [
        (label, counts[value]) for value, label in OrganisationKind.choices if counts.get(value)
    ]


def organisations_by_departement(congress: Congress, *, top: int = 12) -> list[tuple[str, int]]:
    """The `top` départements with most organisations, then the others summed up."""
    rows = list(
        involved_organisations(congress)
        .values("departement")
        .annotate(n=Count("id"))
        .order_by("-n", "departement")
        .values_list("departement", "n")
    )
    items = [(f"{code} – {DEPARTEMENTS.get(code, code)}", n) for code, n in rows[:top]]
    rest = sum(n for _code, n in rows[top:])
    if rest:
        items.append((f"Autres départements ({len(rows) - top})", rest))
    return items


def departement_count(congress: Congress) -> int:
    return involved_organisations(congress).values("departement").distinct().count()


# --- transversality ---------------------------------------------------------------------------


def transversal_workshops(congress: Congress) -> QuerySet[WorkshopProposal]:
    """Accepted proposals on the programme that also concern other tracks than their own."""
    related = WorkshopProposal.related_tracks.through.objects.filter(
        workshopproposal=OuterRef("pk")
    ).exclude(track_id=OuterRef("track_id"))
    return (
        WorkshopProposal.objects.filter(
            congress=congress, state=ProposalState.ACCEPTED, session__isnull=False
        )
        .annotate(
            related_count=Coalesce(
                Subquery(
                    related.values("workshopproposal").annotate(n=Count("id")).values("n")[:1]
                ),
                Value(0),
            )
        )
        .filter(related_count__gt=0)
        .select_related("track", "organisation")
        .prefetch_related(Prefetch("related_tracks", queryset=Track.objects.order_by("order")))
        .order_by("track__order", "title")
    )


# --- registrations and payments (registration branch) ---------------------------------------


@dataclass
class RegistrationFigures:
    confirmed: int  # participants
    pending: int
    cancelled: int
    capacity: int | None
    places_left: int | None
    present: int = 0  # checked in at the welcome desk (0: no arrival recorded yet)


def registration_figures(congress: Congress) -> RegistrationFigures:
    """By status, and the people checked in at the desk at least once (actual attendance)."""
    present = Count("check_ins__registration", distinct=True)  # ids joined: nulls uncounted
    rows = list(
        Registration.objects.filter(congress=congress)
        .values("status")
        .annotate(n=Count("id", distinct=True), present=present)
        .order_by()
        .values_list("status", "n", "present")
    )
    counts = {status: n for status, n, _present in rows}
    return RegistrationFigures(
        confirmed=counts.get(RegistrationStatus.CONFIRMED, 0),
        pending=counts.get(RegistrationStatus.PENDING, 0),
        cancelled=counts.get(RegistrationStatus.CANCELLED, 0)
        + counts.get(RegistrationStatus.EXPIRED, 0),
        present=sum(present for _status, _n, present in rows),
        capacity=congress.capacity,
        places_left=places_left(congress),
    )


def registrations_by_week(congress: Congress) -> list[tuple[object, int]]:
    """Confirmed registrations per week of creation (Monday of the week, count)."""

    return list(
        Registration.objects.filter(congress=congress, status=RegistrationStatus.CONFIRMED)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("week")
        .values_list("week", "n")
    )


def orders_by_state(congress: Congress) -> list[tuple[str, int, object]]:
    """(state label, orders, total amount) for each order state present."""

    rows = {
        state: (n, total)
        for state, n, total in Order.objects.filter(congress=congress)
        .values("state")
        .annotate(
            n=Count("id"),
            amount=Coalesce(Sum("total"), Value(0, output_field=models.DecimalField())),
        )
        .order_by()
        .values_list("state", "n", "amount")
    }
    return [(label, *rows[value]) for value, label in OrderState.choices if value in rows]


def registrations_by_audience(congress: Congress) -> list[tuple[str, int]]:

    counts = dict(
        Registration.objects.filter(congress=congress, status=RegistrationStatus.CONFIRMED)
        .values("tariff__audience")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("tariff__audience", "n")
    )
    return [(label, counts[v]) for v, label in TariffAudience.choices if counts.get(v)]


# --- what an ended edition produced (its public home page) -------------------------------------


@dataclass
class EditionResults:
    policy_proposals: int  # validated, shown on the public pages
    followed_up: int  # of which with a follow-up recorded
    has_programme: bool
    report_published_at: datetime | None  # the version organisers published, if any

    @property
    def any(self) -> bool:
        return bool(self.policy_proposals or self.report_published_at or self.has_programme)


def edition_results(congress: Congress) -> EditionResults:
    """One query: validated policy proposals (and how many were followed up), whether it has a
    programme, and when the organisers published a version of the report."""
    validated = PolicyProposal.objects.filter(status=PolicyStatus.VALIDATED)
    row = (
        Congress.objects.filter(pk=congress.pk)
        .annotate(
            validated=count_of(validated, "congress"),
            followed=count_of(validated.exclude(followup_status=""), "congress"),
            programme=Exists(Session.objects.filter(congress=OuterRef("pk"))),
        )
        .values(
            "validated",
            "followed",
            "programme",
            "report_settings__published_file",
            "report_settings__published_at",
        )  # fmt: skip
        .get()
    )
    published = bool(row["report_settings__published_file"])
    return EditionResults(
        policy_proposals=row["validated"],
        followed_up=row["followed"],
        has_programme=row["programme"],
        report_published_at=row["report_settings__published_at"] if published else None,
    )
