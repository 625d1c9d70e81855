"""Writes of lent rooms: an association books a room every week. The room's rules (days and
hours of opening, capacity) are checked first, then, under the room's row lock, that no slot of
the room overlaps one of the new booking's; a unique constraint on (room, start) backs it."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.accounts.models import User
from congress.organisations.models import Organisation
from volunteers.models import WEEKDAYS
from volunteers.rooms.models import LentRoom, RoomBooking, RoomSlot
from volunteers.rooms.permissions import can_book_room

MAX_WEEKS = 52  # a booking recurs for a year at most


def lock_room(pk: int) -> LentRoom:
    """The room's row lock: the bookings of one room run one after the other."""
    return LentRoom.objects.select_for_update().get(pk=pk)


def _after_check() -> None:
    """Nothing; a concurrency test widens the window here to show what the lock prevents."""


def _weekday(day: int) -> str:
    return str(dict(WEEKDAYS)[day])


def room_rules_check(
    *, room: LentRoom, first_date: date, start_time: time, end_time: time, attendees: int
) -> None:
    """The room's own rules, each refused with its reason."""
    if end_time <= start_time:
        raise ValidationError({"end_time": _("La fin doit suivre le début.")})
    if first_date.weekday() not in room.open_days:
        raise ValidationError(
            {"first_date": _("La salle « %(room)s » n'ouvre pas le %(day)s.")
             % {"room": room.name, "day": _weekday(first_date.weekday())}}
        )  # fmt: skip
    if start_time < room.opens_at or end_time > room.closes_at:
        raise ValidationError(
            {"start_time": _("La salle « %(room)s » est ouverte de %(opens)s à %(closes)s.")
             % {"room": room.name, "opens": formats.time_format(room.opens_at, "H:i"),
                "closes": formats.time_format(room.closes_at, "H:i")}}
        )  # fmt: skip
    if attendees > room.capacity:
        raise ValidationError(
            {"attendees": ngettext(
                "La salle « %(room)s » accueille %(capacity)s personne au plus.",
                "La salle « %(room)s » accueille %(capacity)s personnes au plus.",
                room.capacity,
            ) % {"room": room.name, "capacity": room.capacity}}
        )  # fmt: skip


def occurrences(
    first_date: date, weeks: int, start_time: time, end_time: time
) -> list[tuple[datetime, datetime]]:
    tz = timezone.get_current_timezone()
    days = [first_date + timedelta(weeks=n) for n in range(weeks)]
    return [
        (datetime.combine(d, start_time, tzinfo=tz), datetime.combine(d, end_time, tzinfo=tz))
        for d in days
    ]


def _clash_message(slot: RoomSlot) -> str:
    start = timezone.localtime(slot.starts_at)
    return _("La salle est déjà réservée le %(day)s de %(start)s à %(end)s (« %(title)s »).") % {
        "day": formats.date_format(start, "l j F Y"),
        "start": formats.time_format(start, "H:i"),
        "end": formats.time_format(timezone.localtime(slot.ends_at), "H:i"),
        "title": slot.booking.title,
    }


def room_book(
    *,
    room: LentRoom,
    organisation: Organisation,
    by: User,
    title: str,
    attendees: int,
    is_public: bool,
    first_date: date,
    weeks: int,
    start_time: time,
    end_time: time,
) -> RoomBooking:
    """Book `room` for `organisation` on `first_date`'s weekday, `weeks` weeks in a row."""
    if not can_book_room(by, organisation):
        raise PermissionDenied(_("Seuls les gestionnaires de l'association réservent en son nom."))
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError({"weeks": _("Réservez de 1 à 52 semaines.")})
    if first_date <= timezone.localdate():
        raise ValidationError({"first_date": _("Réservez à partir de demain.")})
    room_rules_check(
        room=room, first_date=first_date, start_time=start_time, end_time=end_time,
        attendees=attendees,
    )  # fmt: skip
    wanted = occurrences(first_date, weeks, start_time, end_time)
    with transaction.atomic():
        room = lock_room(room.pk)
        overlap = Q()
        for starts_at, ends_at in wanted:
            overlap |= Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
        clash = (
            RoomSlot.objects.filter(overlap, room=room)
            .select_related("booking")
            .order_by("starts_at")
            .first()
        )
        if clash is not None:
            raise ValidationError(_clash_message(clash))
        _after_check()
        booking = RoomBooking(
            room=room, organisation=organisation, booked_by=by, title=title.strip(),
            attendees=attendees, is_public=is_public, first_date=first_date,
            last_date=wanted[-1][0].date(), start_time=start_time, end_time=end_time,
        )  # fmt: skip
        booking.full_clean()
        booking.save()
        try:
            with transaction.atomic():
                RoomSlot.objects.bulk_create(
                    RoomSlot(booking=booking, room=room, starts_at=s, ends_at=e) for s, e in wanted
                )
        except IntegrityError:
            raise ValidationError(_("La salle vient d'être réservée sur ce créneau.")) from None
    return booking


def room_booking_cancel(*, booking: RoomBooking, by: User) -> int:
    """The association gives back the slots still to come (the past ones stay on record).
    Returns the number of slots freed."""
    if not can_book_room(by, booking.organisation):
        raise PermissionDenied(_("Seuls les gestionnaires de l'association réservent en son nom."))
    with transaction.atomic():
        lock_room(booking.room_id)
        freed, _detail = booking.slots.filter(starts_at__gt=timezone.now()).delete()
        if not booking.slots.exists():
            booking.delete()
    return freed
