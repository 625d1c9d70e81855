"""Reads of printed matter: who gets a badge (and as what), the sessions of a door sign, the
programme booklet, the share page of an edition."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from congress.core.collation import french_sort_key
from congress.editions.models import Congress, Room
from congress.organisations.models import Membership
from congress.registrations.models import Registration, RegistrationStatus, Tariff
from proposals.models import Speaker
from reports.printed.models import BadgeGuest, BadgePrint, BadgeRole
from tracks.models import Session, TrackRole, TrackRoleKind
from tracks.selectors import ProgrammeDay, programme_days
from volunteers.models import ShiftSignup

# The most visible role wins when a person has several (BadgeRole lists them in that order).
ROLE_RANK = {role: rank for rank, role in enumerate(BadgeRole.values)}


@dataclass
class BadgePerson:
    key: str  # "user:12", "registration:40", "speaker:7": what BadgePrint records
    name: str
    organisation: str = ""
    role: str = BadgeRole.DELEGATE
    track_name: str = ""
    track_slug: str = ""
    track_colour: str = ""
    days: set[date] = field(default_factory=set)
    printed_at: datetime | None = None

    @property
    def role_label(self) -> str:
        return BadgeRole(self.role).label

    @property
    def guest_pk(self) -> int | None:
        """The press or volunteer badge organisers added by hand (they may remove it)."""
        kind, _sep, pk = self.key.partition(":")
        return int(pk) if kind == "guest" else None

    def take_role(self, role: str) -> None:
        if ROLE_RANK[role] < ROLE_RANK[self.role]:
            self.role = role

    def take_track(self, track) -> None:
        if track is not None and not self.track_colour:
            self.track_name = track.short_name or track.name
            self.track_slug, self.track_colour = track.slug, track.colour


def _iso_days(values) -> set[date]:
    days = set()
    for value in values or ():
        try:
            days.add(date.fromisoformat(str(value)))
        except ValueError:
            continue
    return days


class _People:
    """People gathered from several sources, one badge each: the same person (a user, or an
    e-mail address) found twice gets one badge with the most visible role."""

    def __init__(self):
        self.by_key: dict[str, BadgePerson] = {}
        self.key_of_email: dict[str, str] = {}

    def get(self, key: str, name: str, email: str = "") -> BadgePerson:
        email = (email or "").strip().lower()
        key = self.key_of_email.get(email, key) if email else key
        person = self.by_key.get(key)
        if person is None:
            person = self.by_key[key] = BadgePerson(key=key, name=name)
        if email:
            self.key_of_email.setdefault(email, key)
        return person


def _session_day(session: Session) -> date:
    return timezone.localtime(session.starts_at).date()


def badge_people(congress: Congress) -> list[BadgePerson]:
    """Everyone who needs a badge at this edition: confirmed delegates, speakers of scheduled
    workshops, moderators (of a track or a session), organisers and volunteers with a shift. A fixed number of queries,
    whatever the number of people."""
    people = _People()
    every_day = set(congress.days)
    registrations = Registration.objects.filter(
        congress=congress, status=RegistrationStatus.CONFIRMED
    ).select_related("order__organisation", "user")
    for registration in registrations:
        key = f"user:{registration.user_id}" if registration.user_id else None
        person = people.get(
            key or f"registration:{registration.pk}",
            registration.full_name,
            registration.email,
        )
        if registration.user_id:
            people.key_of_email.setdefault(registration.user.email.lower(), person.key)
        person.organisation = person.organisation or registration.organisation_label
        person.days |= _iso_days(registration.days)

    speakers = Speaker.objects.filter(
        proposal__congress=congress, proposal__session__isnull=False
    ).select_related("proposal__session__track", "proposal__track")
    for speaker in speakers:
        person = people.get(f"speaker:{speaker.pk}", speaker.name, speaker.email)
        person.take_role(BadgeRole.SPEAKER)
        session = speaker.proposal.session
        person.take_track(session.track or speaker.proposal.track)
        person.organisation = person.organisation or speaker.organisation_name
        person.days.add(_session_day(session))

    user_people: dict[int, BadgePerson] = {}  # for their organisation, from their memberships
    session_moderators = Session.moderators.through.objects.filter(
        session__congress=congress
    ).select_related("user", "session__track")
    for link in session_moderators:
        person = people.get(f"user:{link.user_id}", link.user.full_name, link.user.email)
        user_people[link.user_id] = person
        person.take_role(BadgeRole.MODERATOR)
        person.take_track(link.session.track)
        person.days.add(_session_day(link.session))
    track_roles = TrackRole.objects.filter(
        track__congress=congress, role=TrackRoleKind.MODERATOR
    ).select_related("user", "track")
    for role in track_roles:
        person = people.get(f"user:{role.user_id}", role.user.full_name, role.user.email)
        user_people[role.user_id] = person
        person.take_role(BadgeRole.MODERATOR)
        person.take_track(role.track)
        person.days = person.days or set(every_day)
    for organiser in congress.organisers.all():
        person = people.get(f"user:{organiser.pk}", organiser.full_name, organiser.email)
        user_people[organiser.pk] = person
        person.take_role(BadgeRole.ORGANISER)
        person.organisation = person.organisation or congress.organiser_name
        person.days |= every_day

    # Volunteers with a shift at this edition (the volunteers app): a badge for the days of
    # their shifts.
    shift_signups = ShiftSignup.objects.filter(shift__congress=congress).select_related(
        "user", "shift"
    )
    for signup in shift_signups:
        person = people.get(f"user:{signup.user_id}", signup.user.full_name, signup.user.email)
        user_people[signup.user_id] = person
        person.take_role(BadgeRole.VOLUNTEER)
        person.days.add(timezone.localtime(signup.shift.starts_at).date())

    memberships = Membership.objects.filter(user_id__in=list(user_people)).select_related(
        "organisation"
    )
    for membership in memberships.order_by("joined_at", "pk"):
        person = user_people[membership.user_id]
        person.organisation = person.organisation or membership.organisation.name

    for guest in BadgeGuest.objects.filter(congress=congress):
        person = people.get(f"guest:{guest.pk}", guest.full_name)
        person.role, person.organisation = guest.role, guest.organisation
        person.days |= every_day

    printed = dict(
        BadgePrint.objects.filter(congress=congress).values_list("person_key", "printed_at")
    )
    result = list(people.by_key.values())
    for person in result:
        person.printed_at = printed.get(person.key)
        person.name = person.name.strip() or "—"
    result.sort(key=lambda p: (french_sort_key(p.name), p.key))
    return result


def filter_badges(
    people: list[BadgePerson],
    *,
    organisation: str = "",
    day: date | None = None,
    role: str = "",
    not_printed: bool = False,
) -> list[BadgePerson]:
    return [
        person
        for person in people
        if (not organisation or person.organisation == organisation)
        and (day is None or day in person.days)
        and (not role or person.role == role)
        and not (not_printed and person.printed_at)
    ]


def badge_organisations(people: list[BadgePerson]) -> list[str]:
    return sorted({p.organisation for p in people if p.organisation}, key=french_sort_key)


# --- programme: the booklet and the door signs ------------------------------------------------


def programme_sessions(congress: Congress) -> QuerySet[Session]:
    return (
        Session.objects.filter(congress=congress)
        .select_related("session_type", "track", "room__venue")
        .order_by("starts_at", "room__order", "title")
    )


def programme_booklet(congress: Congress) -> list[ProgrammeDay]:
    return programme_days(congress, list(programme_sessions(congress)))


@dataclass
class DoorSign:
    room: Room
    day: date
    sessions: list[Session]


def door_signs(congress: Congress) -> list[DoorSign]:
    """One sign per room and day with sessions in it, by day, then in the rooms' order."""
    signs: dict[tuple[int, date], DoorSign] = {}
    for session in programme_sessions(congress):
        day = _session_day(session)
        sign = signs.setdefault((session.room_id, day), DoorSign(session.room, day, []))
        sign.sessions.append(session)
    return sorted(signs.values(), key=lambda s: (s.day, s.room.order, s.room.name, s.room.pk))


def door_sign(congress: Congress, room: Room, day: date) -> DoorSign:
    sessions = [s for s in programme_sessions(congress).filter(room=room) if _session_day(s) == day]
    return DoorSign(room, day, sessions)


# --- the share page ---------------------------------------------------------------------------


def share_details(congress: Congress) -> dict:
    """What the share page and the invitation letter tell: the venues, the tracks, the tariffs
    on sale (who the congress is for)."""
    return {
        "venues": list(congress.venues.all()),
        "tracks": list(congress.tracks.order_by("order", "name")),
        "tariffs": list(
            Tariff.objects.filter(congress=congress, invitation_code="").order_by("order", "price")
        ),
    }
