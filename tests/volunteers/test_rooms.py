"""Rooms lent to associations: weekly booking requests, the room's rules, the place's managers'
approval (no double booking among approved bookings); the place's rooms page, public agenda and
iCal feed."""

import html
from datetime import time, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.volunteers import LentRoomFactory, TrainingFactory, TrainingSessionFactory
from tests.spaces import plain
from volunteers.rooms import services
from volunteers.rooms.models import RoomBooking, RoomSlot

pytestmark = pytest.mark.django_db


def next_weekday(weekday: int, weeks_ahead: int = 1):
    day = timezone.localdate() + timedelta(weeks=weeks_ahead)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def room(db):
    return LentRoomFactory(name="Salle Albert-Thomas", capacity=12)


def place_manager(place):
    membership = place.memberships.filter(role="manager").select_related("user").first()
    if membership is None:
        membership = MembershipFactory(
            organisation=place, role="manager", user__email="accueil@fabrique.fr"
        )
    return membership.user


def request(room, organisation, by, **changes):
    fields = dict(
        title="Permanence d'accès aux droits", attendees=8, is_public=True,
        first_date=next_weekday(1), weeks=4, start_time=time(14, 0), end_time=time(17, 0),
    )  # fmt: skip
    fields.update(changes)
    return services.room_book(room=room, organisation=organisation, by=by, **fields)


def book(room, organisation, by, **changes):
    """A request, approved by the place's manager."""
    booking = request(room, organisation, by, **changes)
    return services.room_booking_approve(booking=booking, by=place_manager(room.place))


def test_a_weekly_booking_takes_one_slot_a_week(room, association, manager):
    booking = book(room, association, manager)
    assert booking.state == "approved"
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
    room.is_active = False
    room.save()
    with pytest.raises(ValidationError, match="n'est plus prêtée"):
        book(room, association, manager)
    assert RoomSlot.objects.count() == 0
    assert RoomBooking.objects.count() == 0


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


def test_a_request_holds_nothing_until_the_place_approves_it(
    room, association, manager, django_capture_on_commit_callbacks
):
    place_manager(room.place)
    with django_capture_on_commit_callbacks(execute=True):
        first = request(room, association, manager, title="Permanence")
    assert first.state == "pending" and first.slots.count() == 0
    assert [m.to for m in mail.outbox] == [["accueil@fabrique.fr"]]
    assert "Maraudes du 10e demande la salle « Salle Albert-Thomas »" in plain(mail.outbox[0].body)
    assert "8 personnes attendues." in mail.outbox[0].body
    # an overlapping request of another association is taken too: requests hold nothing
    other = OrganisationFactory(name="Aux captifs, la libération")
    other_manager = MembershipFactory(organisation=other, role="manager").user
    second = request(room, other, other_manager, title="Réunion", start_time=time(16, 0),
                     end_time=time(18, 0))  # fmt: skip
    assert RoomSlot.objects.count() == 0
    services.room_booking_approve(booking=first, by=place_manager(room.place))
    assert RoomSlot.objects.filter(booking=first).count() == 4
    # now the second one meets an approved booking: it cannot be approved, and stays waiting
    with pytest.raises(ValidationError, match="déjà réservée.*Permanence"):
        services.room_booking_approve(booking=second, by=place_manager(room.place))
    second.refresh_from_db()
    assert second.state == "pending" and second.slots.count() == 0
    # and a new request meeting the approved booking is refused at once
    with pytest.raises(ValidationError, match="déjà réservée"):
        request(room, other, other_manager, title="Autre", start_time=time(15, 0))
    assert RoomBooking.objects.count() == 2


def test_approval_emails_the_association_and_is_audited(
    room, association, manager, django_capture_on_commit_callbacks
):
    booking = request(room, association, manager)
    approver = place_manager(room.place)
    with django_capture_on_commit_callbacks(execute=True):
        services.room_booking_approve(booking=booking, by=approver)
    booking.refresh_from_db()
    assert (booking.state, booking.decided_by) == ("approved", approver)
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert plain(mail.outbox[0].subject) == "Réservation acceptée : Salle Albert-Thomas"
    assert (
        "la salle « Salle Albert-Thomas » est réservée pour « Permanence d'accès aux droits »"
        in (plain(mail.outbox[0].body))
    )
    from congress.audit.models import AuditEntry

    entry = AuditEntry.objects.get(action="room_booking.approve")
    assert (entry.actor, entry.target_id) == (approver, str(booking.pk))
    with pytest.raises(ValidationError, match="déjà reçu une réponse"):
        services.room_booking_approve(booking=booking, by=approver)


def test_refusal_needs_a_reason_and_emails_it(
    room, association, manager, django_capture_on_commit_callbacks
):
    booking = request(room, association, manager)
    approver = place_manager(room.place)
    with pytest.raises(ValidationError, match="pourquoi vous refusez"):
        services.room_booking_refuse(booking=booking, by=approver, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.room_booking_refuse(booking=booking, by=approver, reason="Salle en travaux.")
    booking.refresh_from_db()
    assert (booking.state, booking.refusal_reason) == ("refused", "Salle en travaux.")
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert plain(mail.outbox[0].subject) == "Réservation refusée : Salle Albert-Thomas"
    assert "Salle en travaux." in mail.outbox[0].body
    with pytest.raises(ValidationError, match="déjà reçu une réponse"):
        services.room_booking_approve(booking=booking, by=approver)
    assert RoomSlot.objects.count() == 0


def test_only_the_places_managers_answer(room, association, manager, stranger):
    booking = request(room, association, manager)
    for person in (manager, stranger):
        with pytest.raises(PermissionDenied):
            services.room_booking_approve(booking=booking, by=person)
        with pytest.raises(PermissionDenied):
            services.room_booking_refuse(booking=booking, by=person, reason="Non.")
    approver = place_manager(room.place)
    approver.is_active = False
    approver.save()
    with pytest.raises(PermissionDenied):
        services.room_booking_approve(booking=booking, by=approver)
    booking.refresh_from_db()
    assert booking.state == "pending"


def test_a_late_approval_books_only_the_dates_to_come(room, association, manager):
    first = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)  # a Monday
    booking = RoomBooking.objects.create(
        room=room, organisation=association, title="Permanence",  # its author erased: no one
        attendees=3, is_public=True, first_date=first, last_date=first + timedelta(weeks=3),
        start_time=time(10), end_time=time(11),
    )  # fmt: skip
    services.room_booking_approve(booking=booking, by=place_manager(room.place))
    booking.refresh_from_db()
    assert booking.first_date == first + timedelta(weeks=2)
    assert booking.slots.count() == 2
    gone = RoomBooking.objects.create(
        room=room, organisation=association, title="Passée", attendees=3, is_public=True,
        first_date=first, last_date=first, start_time=time(12), end_time=time(13),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Toutes les dates demandées sont passées"):
        services.room_booking_approve(booking=gone, by=place_manager(room.place))
    room.is_active = False
    room.save()
    later = RoomBooking.objects.create(
        room=room, organisation=association, title="Plus tard", attendees=3, is_public=True,
        first_date=next_weekday(2), last_date=next_weekday(2), start_time=time(12),
        end_time=time(13),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="n'est plus prêtée"):
        services.room_booking_approve(booking=later, by=place_manager(room.place))


def test_the_requests_page_approves_and_refuses(client, room, association, manager):
    booking = request(room, association, manager)
    other = request(room, association, manager, title="Réunion", start_time=time(9, 0),
                    end_time=time(10, 0))  # fmt: skip
    client.force_login(place_manager(room.place))
    url = reverse("place_room_requests", args=[room.place.slug])
    page = html.unescape(client.get(url).content.decode())
    assert "2 demandes en attente" in page and "Permanence d'accès aux droits" in page
    response = client.post(reverse("room_booking_refuse", args=[other.pk]), {})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    other.refresh_from_db()
    assert other.state == "pending"
    response = client.post(
        reverse("room_booking_refuse", args=[other.pk]), {f"{other.pk}-reason": "Complet."}
    )
    assert response.status_code == 302
    assert client.post(reverse("room_booking_approve", args=[booking.pk])).status_code == 302
    page = client.get(url).content.decode()
    assert "0 demande en attente" in page
    assert "Refusée" in page and "(Complet.)" in page and "Acceptée" in page
    # a second answer is refused with its reason, nothing changes
    response = client.post(reverse("room_booking_approve", args=[other.pk]), follow=True)
    assert "Cette demande a déjà reçu une réponse." in plain(response.content.decode())
    other.refresh_from_db()
    assert other.state == "refused"


def test_the_requests_page_is_for_the_places_managers(client, room, manager):
    url = reverse("place_room_requests", args=[room.place.slug])
    assert client.get(url).status_code == 302
    client.force_login(manager)
    assert client.get(url).status_code == 403


def test_withdrawing_a_request(client, room, association, manager):
    booking = request(room, association, manager)
    client.force_login(manager)
    response = client.post(reverse("room_booking_cancel", args=[booking.pk]), follow=True)
    assert "Demande retirée." in plain(response.content.decode())
    assert RoomBooking.objects.count() == 0


def test_the_rooms_page_books_and_shows_a_double_booking_error(client, room, association, manager):
    client.force_login(manager)
    url = reverse("place_rooms", args=[room.place.slug])
    data = {"room": room.pk, "organisation": association.pk, "title": "Permanence",
            "attendees": "5", "first_date": next_weekday(2).isoformat(), "weeks": "2",
            "start_time": "10:00", "end_time": "12:00", "is_public": "on"}  # fmt: skip
    response = client.post(url, data, follow=True)
    assert "est envoyée au lieu" in plain(response.content.decode())
    assert "En attente de réponse du lieu" in response.content.decode()
    services.room_booking_approve(booking=RoomBooking.objects.get(), by=place_manager(room.place))
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
    request(room, association, manager, title="Demande en attente", weeks=1,
            start_time=time(11, 0), end_time=time(12, 0))  # fmt: skip
    page = client.get(reverse("place_agenda", args=[room.place.slug])).content.decode()
    assert "Aller vers" in page and "Permanence ouverte" in page
    assert "Réunion interne" not in page and "Demande en attente" not in page
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
    with django_assert_num_queries(12):
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


def test_place_room_requests_query_count(
    client, association, manager, n, django_assert_num_queries
):
    place = OrganisationFactory(name="La Fabrique")
    room = LentRoomFactory(place=place)
    for i in range(n):
        request(room, association, manager, title=f"Demande {i}", weeks=1)
        decided = request(room, association, manager, title=f"Refusée {i}", weeks=1,
                          start_time=time(9), end_time=time(10))  # fmt: skip
        services.room_booking_refuse(booking=decided, by=place_manager(place), reason=f"Motif {i}")
    client.force_login(place_manager(place))
    with django_assert_num_queries(8):
        response = client.get(reverse("place_room_requests", args=[place.slug]))
    body = response.content.decode()
    assert all(f"Demande {i}" in body and f"(Motif {i})" in body for i in range(n))


def test_a_booking_must_end_after_it_starts(room, association, manager):
    for end in (time(14, 0), time(13, 0)):
        with pytest.raises(ValidationError, match="La fin doit suivre le début"):
            request(room, association, manager, start_time=time(14, 0), end_time=end)
    assert RoomBooking.objects.count() == 0


def test_an_inactive_or_anonymous_manager_books_nothing(room, association, manager):
    with pytest.raises(PermissionDenied):
        request(room, association, AnonymousUser())
    manager.is_active = False
    manager.save()
    with pytest.raises(PermissionDenied):
        request(room, association, manager)
    assert RoomBooking.objects.count() == 0


def test_cancelling_keeps_the_past_slots_and_the_booking_on_record(room, association, manager):
    booking = book(room, association, manager)
    first = booking.slots.order_by("starts_at").first()
    past = timezone.now() - timedelta(days=7)
    RoomSlot.objects.filter(pk=first.pk).update(
        starts_at=past, ends_at=past + timedelta(hours=3)
    )  # the first week has gone by
    assert services.room_booking_cancel(booking=booking, by=manager) == 3
    assert list(RoomBooking.objects.all()) == [booking]
    assert list(booking.slots.values_list("pk", flat=True)) == [first.pk]


def test_a_slot_taken_between_the_check_and_the_writes_refuses_the_approval(
    room, association, manager, monkeypatch
):
    """The unique (room, start) constraint backs the room's lock: a slot written by someone else
    after the clash check makes the approval fail with a clear message and write nothing."""
    booking = request(room, association, manager, weeks=2)
    other = RoomBooking.objects.create(
        room=room, organisation=association, title="Autre", attendees=3, is_public=True,
        first_date=booking.first_date, last_date=booking.first_date,
        start_time=booking.start_time, end_time=booking.end_time, state="approved",
    )  # fmt: skip
    starts, ends = services.occurrences(
        booking.first_date, 1, booking.start_time, booking.end_time
    )[0]

    def someone_else_writes():
        RoomSlot.objects.create(booking=other, room=room, starts_at=starts, ends_at=ends)

    monkeypatch.setattr(services, "_after_check", someone_else_writes)
    with pytest.raises(ValidationError, match="vient d'être réservée"):
        services.room_booking_approve(booking=booking, by=place_manager(room.place))
    booking.refresh_from_db()
    assert booking.state == "pending"
    assert not booking.slots.exists()
