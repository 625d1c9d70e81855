"""Writes of lent rooms: an association asks for a room every week; a manager of the place
approves or refuses the request. The room's rules (days and hours of opening, capacity) are
checked first. A request holds nothing: only an approved booking has dated slots, and the
approval checks, under the room's row lock, that no slot of the room overlaps one of the
booking's; a unique constraint on (room, start) backs it."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.accounts.models import User
from congress.audit.services import audit_record
from congress.organisations.models import Organisation
from volunteers.models import WEEKDAYS
from volunteers.rooms.emails import notify_booking_decided, notify_booking_requested
from volunteers.rooms.models import BookingState, LentRoom, RoomBooking, RoomSlot
from volunteers.rooms.permissions import can_book_room, can_manage_place

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


def _first_clash(room: LentRoom, wanted: list[tuple[datetime, datetime]]) -> RoomSlot | None:
    overlap = Q()
    for starts_at, ends_at in wanted:
        overlap |= Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    return (
        RoomSlot.objects.filter(overlap, room=room)
        .select_related("booking")
        .order_by("starts_at")
        .first()
    )


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
    """Ask for `room` for `organisation` on `first_date`'s weekday, `weeks` weeks in a row. The
    request waits for the place's answer and holds nothing; one meeting an approved booking is
    refused at once."""
    if not can_book_room(by, organisation):
        raise PermissionDenied(_("Seuls les gestionnaires de l'association réservent en son nom."))
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError({"weeks": _("Réservez de 1 à 52 semaines.")})
    if first_date <= timezone.localdate():
        raise ValidationError({"first_date": _("Réservez à partir de demain.")})
    if not room.is_active:
        raise ValidationError({"room": _("Cette salle n'est plus prêtée.")})
    room_rules_check(
        room=room, first_date=first_date, start_time=start_time, end_time=end_time,
        attendees=attendees,
    )  # fmt: skip
    wanted = occurrences(first_date, weeks, start_time, end_time)
    with transaction.atomic():
        clash = _first_clash(room, wanted)
        if clash is not None:
            raise ValidationError(_clash_message(clash))
        booking = RoomBooking(
            room=room, organisation=organisation, booked_by=by, title=title.strip(),
            attendees=attendees, is_public=is_public, first_date=first_date,
            last_date=wanted[-1][0].date(), start_time=start_time, end_time=end_time,
            state=BookingState.PENDING,
        )  # fmt: skip
        booking.full_clean()
        booking.save()
        notify_booking_requested(booking)
    return booking


def _lock_pending(booking: RoomBooking) -> RoomBooking:
    booking = (
        RoomBooking.objects.select_for_update(of=("self",))
        .select_related("room__place")
        .get(pk=booking.pk)
    )
    if booking.state != BookingState.PENDING:
        raise ValidationError(_("Cette demande a déjà reçu une réponse."))
    return booking


def room_booking_approve(*, booking: RoomBooking, by: User) -> RoomBooking:
    """A manager of the place approves a request: under the room's lock, its dates still to come
    must meet no approved booking; they become the booking's slots. The association hears it."""
    if not can_manage_place(by, booking.room.place):
        raise PermissionDenied(_("Seuls les responsables du lieu répondent aux demandes."))
    with transaction.atomic():
        room = lock_room(booking.room_id)
        booking = _lock_pending(booking)
        if not room.is_active:
            raise ValidationError(_("Cette salle n'est plus prêtée : refusez la demande."))
        now = timezone.now()
        wanted = [
            (s, e)
            for s, e in occurrences(
                booking.first_date, booking.weeks, booking.start_time, booking.end_time
            )
            if s > now
        ]
        if not wanted:
            raise ValidationError(
                _("Toutes les dates demandées sont passées : refusez la demande.")
            )
        clash = _first_clash(room, wanted)
        if clash is not None:
            raise ValidationError(_clash_message(clash))
        _after_check()
        booking.state = BookingState.APPROVED
        booking.first_date = wanted[0][0].date()
        booking.decided_by = by
        booking.decided_at = now
        booking.full_clean()
        booking.save()
        try:
            with transaction.atomic():
                RoomSlot.objects.bulk_create(
                    RoomSlot(booking=booking, room=room, starts_at=s, ends_at=e) for s, e in wanted
                )
        except IntegrityError:
            raise ValidationError(_("La salle vient d'être réservée sur ce créneau.")) from None
        audit_record(
            actor=by, action="room_booking.approve", target=booking,
            details={"room": room.pk, "organisation": booking.organisation_id,
                     "dates": len(wanted)},
        )  # fmt: skip
        notify_booking_decided(booking)
    return booking


def room_booking_refuse(*, booking: RoomBooking, by: User, reason: str) -> RoomBooking:
    """A manager of the place refuses a request, saying why; the association hears it."""
    if not can_manage_place(by, booking.room.place):
        raise PermissionDenied(_("Seuls les responsables du lieu répondent aux demandes."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Dites à l'association pourquoi vous refusez.")})
    with transaction.atomic():
        booking = _lock_pending(booking)
        booking.state = BookingState.REFUSED
        booking.refusal_reason = reason
        booking.decided_by = by
        booking.decided_at = timezone.now()
        booking.full_clean()
        booking.save()
        audit_record(
            actor=by, action="room_booking.refuse", target=booking,
            details={"room": booking.room_id, "organisation": booking.organisation_id},
        )  # fmt: skip
        notify_booking_decided(booking)
    return booking


def room_booking_cancel(*, booking: RoomBooking, by: User) -> int:
    """The association gives back the slots still to come (the past ones stay on record), or
    withdraws its request. Returns the number of slots freed."""
    if not can_book_room(by, booking.organisation):
        raise PermissionDenied(_("Seuls les gestionnaires de l'association réservent en son nom."))
    with transaction.atomic():
        lock_room(booking.room_id)
        freed, _detail = booking.slots.filter(starts_at__gt=timezone.now()).delete()
        if not booking.slots.exists():
            booking.delete()
    return freed


ROOM_FIELDS = ("name", "capacity", "opens_at", "closes_at", "open_days", "description")


def _shown(value) -> str | int | list:
    return value if isinstance(value, int | list) else str(value)


def lent_room_save(
    *,
    place: Organisation,
    by: User,
    room: LentRoom | None = None,
    name: str,
    capacity: int,
    opens_at: time,
    closes_at: time,
    open_days: list[int],
    description: str = "",
) -> LentRoom:
    """A manager of the place adds a room or changes one of its rules (the bookings already
    approved keep their dates). Audited with what changed."""
    if not can_manage_place(by, place) or (room is not None and room.place_id != place.pk):
        raise PermissionDenied(_("Seuls les responsables du lieu gèrent ses salles."))
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("La fermeture doit suivre l'ouverture.")})
    days = sorted({int(d) for d in open_days})
    if not days or not set(days) <= set(range(7)):
        raise ValidationError({"open_days": _("Choisissez au moins un jour d'ouverture.")})
    same_name = LentRoom.objects.filter(place=place, name__iexact=name.strip())
    if same_name.exclude(pk=room.pk if room else None).exists():
        raise ValidationError({"name": _("Le lieu a déjà une salle de ce nom.")})
    with transaction.atomic():
        created = room is None
        room = LentRoom(place=place) if created else lock_room(room.pk)
        before = {f: _shown(getattr(room, f)) for f in ROOM_FIELDS}
        room.name = name.strip()
        room.capacity = capacity
        room.opens_at = opens_at
        room.closes_at = closes_at
        room.open_days = days
        room.description = description.strip()
        room.full_clean()
        room.save()
        after = {f: _shown(getattr(room, f)) for f in ROOM_FIELDS}
        changed = {f: [before[f], after[f]] for f in ROOM_FIELDS if before[f] != after[f]}
        audit_record(
            actor=by, action="lent_room.create" if created else "lent_room.update", target=room,
            details={"place": place.pk, "changed": changed},
        )  # fmt: skip
    return room


def lent_room_set_active(*, room: LentRoom, by: User, active: bool) -> LentRoom:
    """Withdraw a room from lending (it takes no more requests; the bookings approved stay) or
    lend it again. Audited."""
    if not can_manage_place(by, room.place):
        raise PermissionDenied(_("Seuls les responsables du lieu gèrent ses salles."))
    with transaction.atomic():
        room = lock_room(room.pk)
        if room.is_active == active:
            return room
        room.is_active = active
        room.save(update_fields=["is_active"])
        audit_record(
            actor=by, action="lent_room.restore" if active else "lent_room.withdraw",
            target=room, details={"place": room.place_id},
        )  # fmt: skip
    return room
