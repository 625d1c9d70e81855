"""Reads of the tracks app: the programme grid, session pages, a participant's programme."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.accounts.models import Consent, ConsentKind, User
from congress.core.collation import by_name
from congress.core.expressions import count_of
from congress.editions.models import Congress, Room
from congress.organisations.models import Organisation
from congress.registrations.models import ACTIVE_REGISTRATION_STATUSES, Registration
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


def programme_days(congress: Congress, sessions, all_rooms=()) -> list[ProgrammeDay]:
    """Sessions grouped by day, then as a grid: one row per start time, one column per room
    (each room of `all_rooms` too, even with nothing in it that day: the organisers' grid)."""
    by_day: dict[date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    days = []
    for day in sorted(by_day):
        day_sessions = by_day[day]
        rooms = sorted(
            {s.room for s in day_sessions} | set(all_rooms), key=lambda r: (r.order, r.name)
        )
        column = {room.pk: n for n, room in enumerate(rooms)}
        rows: dict = {}
        for session in day_sessions:
            row = rows.setdefault(
                session.starts_at, GridRow(session.starts_at, [[] for _ in rooms])
            )
            row.cells[column[session.room_id]].append(session)
        days.append(ProgrammeDay(day, rooms, [rows[k] for k in sorted(rows)], day_sessions))
    return days


def scheduling_grid(congress: Congress) -> list[ProgrammeDay]:
    """The organisers' room × time grid: every room of the edition's venues, each session
    flagged `overlaps` when another one in its room starts before it ends."""
    sessions = list(sessions_for_programme(congress))
    by_room: dict[int, list[Session]] = {}
    for session in sessions:
        session.overlaps = False
        by_room.setdefault(session.room_id, []).append(session)
    for room_sessions in by_room.values():
        for n, session in enumerate(room_sessions):
            for other in room_sessions[n + 1 :]:
                if other.starts_at < session.ends_at and session.starts_at < other.ends_at:
                    session.overlaps = other.overlaps = True
    rooms = Room.objects.filter(venue__congress=congress).select_related("venue")
    return programme_days(congress, sessions, all_rooms=list(rooms))


def session_detail(congress: Congress, pk: int) -> Session:
    return (
        Session.objects.filter(congress=congress, pk=pk)
        .select_related("session_type", "track", "room__venue")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by(*by_name("name"))),
            Prefetch("moderators", queryset=User.objects.order_by(*by_name("full_name"))),
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
    return session.signups.select_related("user").order_by(*by_name("user__full_name"))


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
        .order_by(*by_name("=track__order", "=role", "user__full_name"))
    )


# --- accessibility: needs of the people signed up --------------------------------------------

# Registration field of a declared need -> the session's marker that meets it.
NEEDS = (
    ("needs_lsf", "lsf"),
    ("needs_hearing_loop", "hearing_loop"),
    ("needs_step_free", "step_free"),
    ("needs_easy_read", "easy_read"),
)


def _unmet_need_message(code: str, n: int, room: str) -> str:
    if code == "lsf":
        text = ngettext(
            "%(n)s personne inscrite a besoin d'une interprétation en LSF, non prévue pour "
            "cette session.",
            "%(n)s personnes inscrites ont besoin d'une interprétation en LSF, non prévue pour "
            "cette session.",
            n,
        )
    elif code == "hearing_loop":
        text = ngettext(
            "%(n)s personne inscrite a besoin d'une boucle magnétique : la salle « %(room)s » "
            "n'en a pas.",
            "%(n)s personnes inscrites ont besoin d'une boucle magnétique : la salle "
            "« %(room)s » n'en a pas.",
            n,
        )
    elif code == "step_free":
        text = ngettext(
            "%(n)s personne inscrite a besoin d'un accès de plain-pied : la salle « %(room)s » "
            "n'en offre pas.",
            "%(n)s personnes inscrites ont besoin d'un accès de plain-pied : la salle "
            "« %(room)s » n'en offre pas.",
            n,
        )
    else:
        text = ngettext(
            "%(n)s personne inscrite a besoin de documents en FALC, non prévus pour cette session.",
            "%(n)s personnes inscrites ont besoin de documents en FALC, non prévus pour cette "
            "session.",
            n,
        )
    return text % {"n": n, "room": room}


def unmet_needs(session: Session) -> list[str]:
    """What the people signed up to `session` declared they need and the session (or its room)
    does not offer, as warnings for the organisers: counts only, never names. One query."""
    offered = {marker.code for marker in session.accessibility_markers}
    missing = [(name, code) for name, code in NEEDS if code not in offered]
    if not missing:
        return []
    counts = Registration.objects.filter(
        congress_id=session.congress_id,
        status__in=ACTIVE_REGISTRATION_STATUSES,
        user__workshop_signups__session=session,
    ).aggregate(
        **{code: Count("pk", filter=Q(**{name: True}), distinct=True) for name, code in missing}
    )
    return [
        _unmet_need_message(code, counts[code], session.room.name)
        for _name, code in missing
        if counts[code]
    ]


@dataclass
class Attendee:
    """One line of a workshop's attendee list and sign-in sheet."""

    name: str
    email: str
    organisation: str
    signed_up_at: object
    # The needs the person agreed to share for their welcome; None: no such consent recorded.
    needs: list[str] | None


def _declared_needs(registration: Registration) -> list[str]:
    needs = [
        str(Registration._meta.get_field(name).verbose_name)
        for name, _code in NEEDS
        if getattr(registration, name)
    ]
    if registration.other_needs:
        needs.append(registration.other_needs)
    return needs


def session_attendee_sheet(session: Session) -> list[Attendee]:
    """The people signed up to `session`, with their organisation and, only when they agreed
    (their latest "accessibility data" consent for this edition is a yes), their declared
    needs. Three queries whatever the number of attendees."""
    signups = list(session_attendees(session))
    registrations = {
        r.user_id: r
        for r in Registration.objects.filter(
            congress_id=session.congress_id,
            status__in=ACTIVE_REGISTRATION_STATUSES,
            user_id__in=[s.user_id for s in signups],
        ).select_related("order__organisation")
    }
    consents: dict[str, bool] = {}
    for email, given in (
        Consent.objects.filter(
            congress_id=session.congress_id,
            kind=ConsentKind.ACCESSIBILITY_DATA,
            email__in=[r.email for r in registrations.values()],
        )
        .order_by("at", "pk")
        .values_list("email", "given")
    ):
        consents[email] = given  # the latest record wins (a consent can be withdrawn)
    rows = []
    for signup in signups:
        registration = registrations.get(signup.user_id)
        organisation = registration.order.organisation if registration else None
        shared = registration is not None and consents.get(registration.email, False)
        rows.append(
            Attendee(
                name=registration.full_name if registration else signup.user.full_name,
                email=signup.user.email,
                organisation=organisation.name if organisation else _("À titre individuel"),
                signed_up_at=signup.created_at,
                needs=_declared_needs(registration) if shared else None,
            )
        )
    return rows


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
