"""Reads of the tracks app: the programme grid, session pages, a participant's programme."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from congress.accounts.models import User
from congress.core.expressions import count_of
from congress.editions.models import Congress, Room
from congress.organisations.models import Organisation
from tracks.models import Session, Track, TrackRole, TrackRoleKind, WorkshopSignup


def sessions_for_programme(
    congress: Congress, *, track_slug: str = "", type_slug: str = ""
) -> QuerySet[Session]:
    qs = (
        Session.objects.filter(congress=congress)
        .select_related("congress", "session_type", "track", "room")
        .annotate(signup_count=count_of(WorkshopSignup.objects.all(), "session"))
        .order_by("starts_at", "room__order", "title")
    )
    if track_slug:
        qs = qs.filter(track__slug=track_slug)
    if type_slug:
        qs = qs.filter(session_type__slug=type_slug)
    return qs


@dataclass
class GridRow:
    starts_at: object
    cells: list = field(default_factory=list)  # one list of sessions per room


@dataclass
class ProgrammeDay:
    day: date
    rooms: list[Room]
    rows: list[GridRow]
    sessions: list[Session]


def programme_days(congress: Congress, sessions) -> list[ProgrammeDay]:
    """Sessions grouped by day, then as a grid: one row per start time, one column per room."""
    by_day: dict[date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    days = []
    for day in sorted(by_day):
        day_sessions = by_day[day]
        rooms = sorted({s.room for s in day_sessions}, key=lambda r: (r.order, r.name))
        column = {room.pk: n for n, room in enumerate(rooms)}
        rows: dict = {}
        for session in day_sessions:
            row = rows.setdefault(
                session.starts_at, GridRow(session.starts_at, [[] for _ in rooms])
            )
            row.cells[column[session.room_id]].append(session)
        days.append(ProgrammeDay(day, rooms, [rows[k] for k in sorted(rows)], day_sessions))
    return days


def session_detail(congress: Congress, pk: int) -> Session:
    return (
        Session.objects.filter(congress=congress, pk=pk)
        .select_related("session_type", "track", "room__venue")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            Prefetch("moderators", queryset=User.objects.order_by("full_name")),
        )
        .annotate(signup_count=count_of(WorkshopSignup.objects.all(), "session"))
        .get()
    )


def user_signups(user: User, congress: Congress) -> QuerySet[WorkshopSignup]:
    return (
        WorkshopSignup.objects.filter(user=user, session__congress=congress)
        .select_related(
            "session__congress", "session__room", "session__track", "session__session_type"
        )
        .order_by("session__starts_at")
    )


def session_attendees(session: Session) -> QuerySet[WorkshopSignup]:
    return session.signups.select_related("user").order_by("user__full_name")


def moderated_sessions(user: User, congress: Congress) -> QuerySet[Session]:
    return (
        Session.objects.filter(congress=congress, moderators=user)
        .select_related("congress", "room", "track", "session_type")
        .annotate(signup_count=count_of(WorkshopSignup.objects.all(), "session"))
        .order_by("starts_at")
    )


def track_roles_of_congress(congress: Congress) -> QuerySet[TrackRole]:
    return (
        TrackRole.objects.filter(track__congress=congress)
        .select_related("track", "user")
        .order_by("track__order", "role", "user__full_name")
    )


@dataclass
class ProgrammeEntry:
    """One line of a participant's programme: a workshop they signed up for, or a session open
    to all (plenary, forum...) that needs no sign-up."""

    session: Session
    signup: WorkshopSignup | None = None


def personal_programme(user: User, congress: Congress) -> list[ProgrammeEntry]:
    """The workshops signed up for and the sessions open to all, in time order (two queries)."""
    entries = [ProgrammeEntry(s.session, s) for s in user_signups(user, congress)]
    open_to_all = (
        Session.objects.filter(congress=congress, session_type__is_workshop=False)
        .select_related("congress", "room", "track", "session_type")
        .order_by("starts_at", "room__order")
    )
    entries += [ProgrammeEntry(session) for session in open_to_all]
    entries.sort(key=lambda e: (e.session.starts_at, e.session.room.order))
    return entries


def track_page(congress: Congress, slug: str) -> Track:
    """A track with its sessions (day, times, room) and its moderators (three queries)."""
    return (
        Track.objects.filter(congress=congress, slug=slug)
        .select_related("congress")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("room", "session_type", "congress")
                .annotate(signup_count=count_of(WorkshopSignup.objects.all(), "session"))
                .order_by("starts_at", "room__order", "title"),
                to_attr="programme",
            ),
            Prefetch(
                "roles",
                queryset=TrackRole.objects.filter(role=TrackRoleKind.MODERATOR)
                .select_related("user")
                .order_by("user__full_name"),
                to_attr="moderator_roles",
            ),
        )
        .get()
    )
