"""Rooms lent to associations: weekly bookings, the room's rules, no double booking; the place's
rooms page, public agenda and iCal feed."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.volunteers import LentRoomFactory, TrainingFactory, TrainingSessionFactory
from volunteers.rooms import services
from volunteers.rooms.models import RoomBooking, RoomSlot

pytestmark = pytest.mark.django_db


def next_weekday(weekday: int, weeks_ahead: int = 1):
    day = timezone.localdate() + timedelta(weeks=weeks_ahead)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def room(db):
    return LentRoomFactory(name="Salle Albert-Thomas", capacity=12)


def book(room, organisation, by, **changes):
    fields = dict(
        title="Permanence d'accès aux droits", attendees=8, is_public=True,
        first_date=next_weekday(1), weeks=4, start_time=time(14, 0), end_time=time(17, 0),
    )  # fmt: skip
    fields.update(changes)
    return services.room_book(room=room, organisation=organisation, by=by, **fields)


def test_a_weekly_booking_takes_one_slot_a_week(room, association, manager):
    booking = book(room, association, manager)
    starts = [timezone.localtime(s.starts_at) for s in booking.slots.order_by("starts_at")]
    assert [s.date() for s in starts] == [booking.first_date + timedelta(weeks=n) for n in range(4)]
    assert {(s.hour, s.minute) for s in starts} == {(14, 0)}
    assert booking.last_date == booking.first_date + timedelta(weeks=3)


def test_a_double_booking_is_refused_with_the_booking_it_meets(room, association, manager):
    book(room, association, manager, weeks=1)
    other = OrganisationFactory(name="Aux captifs, la libération")
    other_manager = MembershipFactory(organisation=other, role="manager").user
    with pytest.raises(ValidationError, match="déjà réservée.*Permanence d'accès aux droits"):
        book(
            room, other, other_manager, title="Réunion", start_time=time(16, 0),
            end_time=time(18, 0), first_date=next_weekday(1, 0) + timedelta(weeks=1),
        )  # fmt: skip
    # right after, or in another room, is fine
    book(room, other, other_manager, title="Réunion", start_time=time(17, 0),
         end_time=time(18, 0))  # fmt: skip
    book(LentRoomFactory(place=room.place), other, other_manager, title="Atelier")
    assert RoomBooking.objects.count() == 3


def test_the_rooms_rules_are_refused_with_a_clear_message(room, association, manager):
    with pytest.raises(ValidationError, match="accueille 12 personnes au plus"):
        book(room, association, manager, attendees=13)
    with pytest.raises(ValidationError, match="ouverte de 09:00 à 19:00"):
        book(room, association, manager, end_time=time(20, 0))
    with pytest.raises(ValidationError, match="n'ouvre pas le samedi"):
        book(room, association, manager, first_date=next_weekday(5))
    with pytest.raises(ValidationError):
        book(room, association, manager, weeks=53)
    with pytest.raises(ValidationError, match="à partir de demain"):
        book(room, association, manager, first_date=timezone.localdate())
    assert RoomSlot.objects.count() == 0


def test_only_the_associations_managers_book_in_its_name(room, association, volunteer):
    with pytest.raises(PermissionDenied):
        book(room, association, volunteer)
    assert RoomBooking.objects.count() == 0


def test_cancelling_frees_the_slots_to_come(room, association, manager, stranger):
    booking = book(room, association, manager)
    with pytest.raises(PermissionDenied):
        services.room_booking_cancel(booking=booking, by=stranger)
    assert services.room_booking_cancel(booking=booking, by=manager) == 4
    assert RoomSlot.objects.count() == 0
    assert RoomBooking.objects.count() == 0


def test_the_rooms_page_books_and_shows_a_double_booking_error(client, room, association, manager):
    client.force_login(manager)
    url = reverse("place_rooms", args=[room.place.slug])
    data = {"room": room.pk, "organisation": association.pk, "title": "Permanence",
            "attendees": "5", "first_date": next_weekday(2).isoformat(), "weeks": "2",
            "start_time": "10:00", "end_time": "12:00", "is_public": "on"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Autre", "start_time": "11:00",
                                 "end_time": "13:00"})  # fmt: skip
    assert response.status_code == 400
    assert "La salle est déjà réservée le" in response.content.decode()
    assert RoomBooking.objects.count() == 1
    other = OrganisationFactory()
    response = client.post(url, {**data, "organisation": other.pk, "start_time": "15:00",
                                 "end_time": "16:00"})  # fmt: skip
    assert response.status_code == 400  # not one of the person's associations
    assert RoomBooking.objects.count() == 1


def test_the_agenda_shows_trainings_and_public_bookings_only(client, room, association, manager):
    TrainingSessionFactory(
        training=TrainingFactory(organisation=room.place, title="Aller vers"),
        starts_at=timezone.now() + timedelta(days=9),
    )
    book(room, association, manager, title="Permanence ouverte", weeks=1)
    book(room, association, manager, title="Réunion interne", is_public=False, weeks=1,
         start_time=time(9, 0), end_time=time(11, 0))  # fmt: skip
    page = client.get(reverse("place_agenda", args=[room.place.slug])).content.decode()
    assert "Aller vers" in page and "Permanence ouverte" in page
    assert "Réunion interne" not in page
    ics = client.get(reverse("place_agenda_ics", args=[room.place.slug]))
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    body = ics.content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Permanence ouverte" in body and "Réunion interne" not in body


def test_an_organisation_without_rooms_has_no_place_pages(client, association):
    assert client.get(reverse("place_agenda", args=[association.slug])).status_code == 404
    assert client.get(reverse("place_rooms", args=[association.slug])).status_code == 404


@pytest.fixture(params=[1, 3])
def n(request):
    return request.param


def test_place_rooms_query_count(client, association, manager, n, django_assert_num_queries):
    place = OrganisationFactory(name="La Fabrique")
    rooms = [LentRoomFactory(place=place, name=f"Salle {i}") for i in range(n)]
    for i, r in enumerate(rooms):
        book(r, association, manager, title=f"Permanence {i}", weeks=1)
    client.force_login(manager)
    with django_assert_num_queries(11):
        response = client.get(reverse("place_rooms", args=[place.slug]))
    body = response.content.decode()
    assert all(r.name in body for r in rooms)
    assert all(f"Permanence {i}" in body for i in range(n))


def test_place_agenda_query_count(client, association, manager, n, django_assert_num_queries):
    place = OrganisationFactory(name="La Fabrique")
    room = LentRoomFactory(place=place)
    for i in range(n):
        book(room, association, manager, title=f"Permanence {i}", weeks=1,
             start_time=time(9 + i, 0), end_time=time(10 + i, 0))  # fmt: skip
        TrainingSessionFactory(training=TrainingFactory(organisation=place, title=f"Formation {i}"))
    with django_assert_num_queries(4):
        response = client.get(reverse("place_agenda", args=[place.slug]))
    body = response.content.decode()
    assert all(f"Permanence {i}" in body and f"Formation {i}" in body for i in range(n))
