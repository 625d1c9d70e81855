"""Reads of lent rooms: a place's rooms and their coming bookings, the place's public agenda
(its training sessions and the public bookings of its rooms)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from congress.organisations.models import Organisation
from volunteers.models import TrainingSession
from volunteers.rooms.models import BookingState, LentRoom, RoomBooking, RoomSlot

AGENDA_WEEKS = 8  # how far ahead the rooms page and the agenda look


def place_or_404(slug: str) -> Organisation:
    """An organisation that lends rooms (a « lieu »)."""
    return get_object_or_404(
        Organisation.objects.filter(lent_rooms__isnull=False).distinct(), slug=slug
    )


def rooms_of(place, *, now: datetime | None = None) -> list[LentRoom]:
    """The place's rooms, each with `.coming`: its slots of the next weeks and their booking."""
    now = now or timezone.now()
    slots = (
        RoomSlot.objects.filter(
            starts_at__gt=now, starts_at__lt=now + timedelta(weeks=AGENDA_WEEKS)
        )
        .select_related("booking__organisation")
        .order_by("starts_at", "pk")
    )
    return list(
        LentRoom.objects.filter(place=place, is_active=True)
        .prefetch_related(Prefetch("slots", queryset=slots, to_attr="coming"))
        .order_by("name", "pk")
    )


def bookings_of(organisations) -> list[RoomBooking]:
    """The coming bookings of the associations a person manages (to cancel them)."""
    return list(
        RoomBooking.objects.filter(
            organisation__in=organisations, last_date__gte=timezone.localdate()
        )
        .select_related("room", "organisation")
        .order_by("first_date", "start_time", "pk")
    )


def staff_rooms(place) -> list[LentRoom]:
    """All the place's rooms for its managers, lent or withdrawn, each with `.pending` (requests
    waiting) and `.approved` (approved bookings not over)."""
    today = timezone.localdate()
    return list(
        LentRoom.objects.filter(place=place)
        .annotate(
            pending=Count("bookings", filter=Q(bookings__state=BookingState.PENDING)),
            approved=Count(
                "bookings",
                filter=Q(bookings__state=BookingState.APPROVED, bookings__last_date__gte=today),
            ),
        )
        .order_by("-is_active", "name", "pk")
    )


RECENT_DECISIONS = 20  # answers shown under the requests waiting


def room_requests(place) -> tuple[list[RoomBooking], list[RoomBooking]]:
    """For the place's managers: the requests waiting for an answer (oldest date first), and
    the latest answers given."""
    bookings = RoomBooking.objects.filter(room__place=place).select_related(
        "room", "organisation", "booked_by", "decided_by"
    )
    pending = bookings.filter(state=BookingState.PENDING).order_by("first_date", "start_time", "pk")
    decided = bookings.exclude(state=BookingState.PENDING).order_by("-decided_at", "-pk")
    return list(pending), list(decided[:RECENT_DECISIONS])


@dataclass(frozen=True)
class AgendaEntry:
    kind: str  # "training" or "room"
    title: str
    starts_at: datetime
    ends_at: datetime
    where: str
    who: str
    url: str
    uid: str


def place_agenda(place, *, now: datetime | None = None) -> list[AgendaEntry]:
    """What happens at the place in the next weeks, in time order: the training sessions it
    gives and the approved public bookings of its rooms (private meetings and requests waiting
    for an answer stay off the agenda)."""
    now = now or timezone.now()
    until = now + timedelta(weeks=AGENDA_WEEKS)
    sessions = TrainingSession.objects.filter(
        training__organisation=place, starts_at__gt=now, starts_at__lt=until
    ).select_related("training")
    slots = RoomSlot.objects.filter(
        room__place=place,
        booking__is_public=True,
        booking__state=BookingState.APPROVED,
        starts_at__gt=now,
        starts_at__lt=until,
    ).select_related("room", "booking__organisation")
    entries = [
        AgendaEntry(
            kind="training",
            title=s.training.title,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            where=s.training.place,
            who=place.name,
            url=s.get_absolute_url(),
            uid=f"training-session-{s.pk}",
        )  # fmt: skip
        for s in sessions
    ]
    entries += [
        AgendaEntry(
            kind="room",
            title=s.booking.title,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            where=s.room.name,
            who=s.booking.organisation.name,
            url="",
            uid=f"room-slot-{s.pk}",
        )  # fmt: skip
        for s in slots
    ]
    return sorted(entries, key=lambda e: (e.starts_at, e.title))
