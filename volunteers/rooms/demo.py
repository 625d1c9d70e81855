"""Demo data of lent rooms: la Fabrique de la Solidarité's three rooms and the weekly bookings
of demo associations around the upcoming edition (public drop-in hours and private meetings)."""

from datetime import time, timedelta

from congress.core.seeding import moment
from congress.organisations.models import MembershipRole, Organisation
from volunteers.rooms.models import BookingState, LentRoom, RoomBooking, RoomSlot
from volunteers.rooms.services import occurrences

ROOMS = [
    ("Salle Albert-Thomas", 30, time(9), time(19), [0, 1, 2, 3, 4],
     "La grande salle : réunions, formations, assemblées."),
    ("Salle des permanences", 8, time(9), time(18), [0, 1, 2, 3, 4, 5],
     "Un bureau calme pour recevoir une personne ou une famille."),
    ("Atelier numérique", 12, time(10), time(18), [1, 2, 3, 4],
     "Huit postes et une imprimante, pour l'accompagnement aux démarches en ligne."),
]  # fmt: skip

# (association slug, room index, weekday, start, end, people, public, title, weeks)
BOOKINGS = [
    ("demo-02", 1, 1, time(9, 30), time(12), 4, True, "Permanence d'accès aux droits", 12),
    ("demo-05", 0, 3, time(18), time(19), 15, False, "Réunion de l'équipe de maraude", 8),
    ("demo-05", 2, 2, time(14), time(17), 10, True, "Atelier « démarches en ligne »", 10),
    ("demo-02", 0, 4, time(10), time(12), 25, True, "Café des bénévoles", 6),
]
# Requests waiting for the place's answer, from the week of the edition on.
REQUESTS = [
    ("demo-05", 1, 0, time(14), time(16), 3, False, "Entretiens de bénévoles", 4),
    ("demo-02", 0, 2, time(18), time(19), 20, True, "Réunion publique d'information", 1),
]


def seed(ctx) -> None:
    edition = ctx.upcoming
    fabrique = Organisation.objects.filter(slug="fabrique-solidarite").first()
    if edition is None or fabrique is None:
        return
    rooms = []
    for name, capacity, opens, closes, days, description in ROOMS:
        room, _created = LentRoom.objects.get_or_create(
            place=fabrique, name=name,
            defaults=dict(capacity=capacity, opens_at=opens, closes_at=closes, open_days=days,
                          description=description),
        )  # fmt: skip
        rooms.append(room)
    associations = {
        o.slug: o for o in Organisation.objects.filter(slug__in={b[0] for b in BOOKINGS})
    }
    # The bookings began six weeks before the edition: some slots are past, most to come.
    begin = edition.start_date - timedelta(weeks=6)
    for slug, index, weekday, start, end, people, public, title, weeks in BOOKINGS:
        organisation = associations.get(slug)
        if organisation is None:
            continue
        first = begin + timedelta(days=(weekday - begin.weekday()) % 7)
        wanted = occurrences(first, weeks, start, end)
        manager = organisation.memberships.filter(role=MembershipRole.MANAGER).first()
        booking, created = RoomBooking.objects.get_or_create(
            room=rooms[index], organisation=organisation, title=title,
            defaults=dict(
                booked_by=manager.user if manager else None, attendees=people, is_public=public,
                first_date=first, last_date=wanted[-1][0].date(), start_time=start, end_time=end,
                state=BookingState.APPROVED,
                decided_at=moment(begin - timedelta(days=7)),
            ),
        )  # fmt: skip
        if created:
            RoomSlot.objects.bulk_create(
                RoomSlot(booking=booking, room=booking.room, starts_at=s, ends_at=e)
                for s, e in wanted
            )
    for slug, index, weekday, start, end, people, public, title, weeks in REQUESTS:
        organisation = associations.get(slug)
        if organisation is None:
            continue
        first = edition.start_date + timedelta(days=(weekday - edition.start_date.weekday()) % 7)
        manager = organisation.memberships.filter(role=MembershipRole.MANAGER).first()
        RoomBooking.objects.get_or_create(
            room=rooms[index], organisation=organisation, title=title,
            defaults=dict(
                booked_by=manager.user if manager else None, attendees=people, is_public=public,
                first_date=first, last_date=first + timedelta(weeks=weeks - 1), start_time=start,
                end_time=end, state=BookingState.PENDING,
            ),
        )  # fmt: skip
