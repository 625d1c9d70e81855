"""Rules of lent rooms (volunteers/rooms/services.py), each stated with its exact outcome: the
room's own rules, a weekly request, the place's answer, cancelling, and the place's managers
keeping its rooms (audited)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone

from congress.audit.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.volunteers import LentRoomFactory
from tests.spaces import plain
from volunteers.rooms import services
from volunteers.rooms.models import LentRoom, RoomBooking, RoomSlot

pytestmark = pytest.mark.django_db

EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]
ASSOCIATIONS_ONLY = "Seuls les gestionnaires de l'association réservent en son nom."
PLACES_ONLY = "Seuls les responsables du lieu répondent aux demandes."
ROOMS_ONLY = "Seuls les responsables du lieu gèrent ses salles."


@pytest.fixture
def place(db):
    return OrganisationFactory(name="La Fabrique de la Solidarité")


@pytest.fixture
def keeper(place):
    """A manager of the place lending the rooms."""
    return MembershipFactory(
        organisation=place, role="manager", user__email="lieu@example.org"
    ).user


@pytest.fixture
def room(place):
    return LentRoomFactory(
        place=place, name="Salle Albert-Thomas", capacity=12, open_days=EVERY_DAY,
        opens_at=time(9), closes_at=time(19),
    )  # fmt: skip


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def local(day, at):
    return timezone.make_aware(datetime.combine(day, at))


def ask(room, organisation, by, **changes):
    fields = dict(
        title="Permanence juridique", attendees=8, is_public=True, first_date=in_days(7),
        weeks=2, start_time=time(14), end_time=time(16),
    )  # fmt: skip
    return services.room_book(room=room, organisation=organisation, by=by, **fields | changes)


def check(room, **changes):
    fields = dict(first_date=in_days(7), start_time=time(9), end_time=time(19), attendees=12)
    services.room_rules_check(room=room, **fields | changes)


# The room's own rules


def test_a_booking_from_opening_to_closing_at_full_capacity_is_within_the_rules(room):
    check(room)


def test_the_room_rules_refusals_name_the_room_and_the_rule(room):
    with pytest.raises(ValidationError) as refused:
        check(room, start_time=time(14), end_time=time(14))
    assert refused.value.message_dict == {"end_time": ["La fin doit suivre le début."]}
    with pytest.raises(ValidationError) as refused:
        check(room, start_time=time(8, 59))
    assert plain(refused.value.message_dict) == {
        "start_time": ["La salle « Salle Albert-Thomas » est ouverte de 09:00 à 19:00."]
    }
    with pytest.raises(ValidationError) as refused:
        check(room, end_time=time(19, 1))
    assert "start_time" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        check(room, attendees=13)
    assert plain(refused.value.message_dict) == {
        "attendees": ["La salle « Salle Albert-Thomas » accueille 12 personnes au plus."]
    }


def test_a_room_for_one_says_so_in_the_singular(place):
    cell = LentRoomFactory(place=place, name="Bureau", capacity=1, open_days=EVERY_DAY)
    with pytest.raises(ValidationError) as refused:
        services.room_rules_check(
            room=cell, first_date=in_days(3), start_time=time(10), end_time=time(11), attendees=2
        )
    assert plain(refused.value.message_dict) == {
        "attendees": ["La salle « Bureau » accueille 1 personne au plus."]
    }


def test_a_closed_day_is_named(place):
    weekdays = LentRoomFactory(place=place, name="Salle Loire", open_days=[0, 1, 2, 3, 4])
    saturday = date(2030, 1, 5)
    with pytest.raises(ValidationError) as refused:
        services.room_rules_check(
            room=weekdays, first_date=saturday, start_time=time(10), end_time=time(11),
            attendees=2,
        )  # fmt: skip
    assert plain(refused.value.message_dict) == {
        "first_date": ["La salle « Salle Loire » n'ouvre pas le samedi."]
    }


def test_occurrences_are_the_same_hours_week_after_week():
    assert services.occurrences(date(2030, 1, 7), 3, time(14), time(16, 30)) == [
        (local(date(2030, 1, 7), time(14)), local(date(2030, 1, 7), time(16, 30))),
        (local(date(2030, 1, 14), time(14)), local(date(2030, 1, 14), time(16, 30))),
        (local(date(2030, 1, 21), time(14)), local(date(2030, 1, 21), time(16, 30))),
    ]


# Requests


def test_a_request_keeps_its_fields_holds_nothing_and_the_place_hears_of_it(
    room, association, manager, keeper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = ask(room, association, manager, title="  Atelier CV  ", weeks=3, is_public=False)
    stored = RoomBooking.objects.get(pk=booking.pk)
    assert (
        stored.room, stored.organisation, stored.booked_by, stored.title, stored.attendees,
        stored.is_public, stored.first_date, stored.last_date, stored.start_time,
        stored.end_time, stored.state,
    ) == (
        room, association, manager, "Atelier CV", 8, False, in_days(7), in_days(21), time(14),
        time(16), "pending",
    )  # fmt: skip
    assert not RoomSlot.objects.exists()
    assert [m.to for m in mail.outbox] == [["lieu@example.org"]]


def test_a_request_lasts_one_to_fifty_two_weeks(room, association, manager):
    assert ask(room, association, manager, weeks=1).last_date == in_days(7)
    assert ask(room, association, manager, weeks=52).last_date == in_days(7 + 51 * 7)
    for weeks in (0, 53):
        with pytest.raises(ValidationError) as refused:
            ask(room, association, manager, weeks=weeks)
        assert refused.value.message_dict == {"weeks": ["Réservez de 1 à 52 semaines."]}
    assert RoomBooking.objects.count() == 2


def test_a_request_starts_tomorrow_at_the_earliest(room, association, manager):
    assert ask(room, association, manager, first_date=in_days(1)).first_date == in_days(1)
    with pytest.raises(ValidationError) as refused:
        ask(room, association, manager, first_date=in_days(0))
    assert refused.value.message_dict == {"first_date": ["Réservez à partir de demain."]}


def test_a_withdrawn_room_takes_no_request(room, association, manager):
    room.is_active = False
    room.save()
    with pytest.raises(ValidationError) as refused:
        ask(room, association, manager)
    assert refused.value.message_dict == {"room": ["Cette salle n'est plus prêtée."]}


def test_a_request_in_another_associations_name_is_refused(room, association):
    outsider = MembershipFactory(role="manager").user
    with pytest.raises(PermissionDenied) as refused:
        ask(room, association, outsider)
    assert str(refused.value) == ASSOCIATIONS_ONLY
    assert not RoomBooking.objects.exists()


def test_a_request_meeting_an_approved_booking_names_its_first_clash(
    room, association, manager, keeper
):
    approved = ask(room, association, manager, title="Cours de français", weeks=3)
    services.room_booking_approve(booking=approved, by=keeper)
    with pytest.raises(ValidationError) as refused:
        ask(room, association, manager, first_date=in_days(14), start_time=time(15),
            end_time=time(17))  # fmt: skip
    day = local(in_days(14), time(14))
    assert plain(refused.value.messages) == [
        f"La salle est déjà réservée le {formats.date_format(day, 'l j F Y')} de 14:00 à 16:00 "
        "(« Cours de français »)."
    ]
    assert RoomBooking.objects.count() == 1


def test_a_pending_request_or_another_room_is_no_clash(room, association, manager, keeper):
    ask(room, association, manager)
    elsewhere = ask(LentRoomFactory(place=room.place, open_days=EVERY_DAY), association, manager)
    services.room_booking_approve(booking=elsewhere, by=keeper)
    assert ask(room, association, manager).state == "pending"


# The place's answer


def test_an_approval_books_each_date_and_is_audited(
    room, association, manager, keeper, django_capture_on_commit_callbacks
):
    booking = ask(room, association, manager, weeks=3)
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.room_booking_approve(booking=booking, by=keeper)
    stored = RoomBooking.objects.get(pk=booking.pk)
    assert (stored.state, stored.decided_by, stored.first_date) == ("approved", keeper, in_days(7))
    assert stored.decided_at is not None
    assert approved.state == "approved"
    slots = list(RoomSlot.objects.filter(booking=booking).order_by("starts_at"))
    assert [(s.room, s.starts_at, s.ends_at) for s in slots] == [
        (room, local(in_days(d), time(14)), local(in_days(d), time(16))) for d in (7, 14, 21)
    ]
    entry = AuditEntry.objects.get(action="room_booking.approve")
    assert (entry.actor, entry.target_id) == (keeper, str(booking.pk))
    assert entry.details == {"room": room.pk, "organisation": association.pk, "dates": 3}
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_answers_are_for_the_places_managers_and_given_once(room, association, manager, keeper):
    booking = ask(room, association, manager)
    with pytest.raises(PermissionDenied) as refused:
        services.room_booking_approve(booking=booking, by=manager)
    assert str(refused.value) == PLACES_ONLY
    with pytest.raises(PermissionDenied) as refused:
        services.room_booking_refuse(booking=booking, by=manager, reason="Non.")
    assert str(refused.value) == PLACES_ONLY
    services.room_booking_refuse(booking=booking, by=keeper, reason="Travaux.")
    for answer in (
        lambda: services.room_booking_approve(booking=booking, by=keeper),
        lambda: services.room_booking_refuse(booking=booking, by=keeper, reason="Encore."),
    ):
        with pytest.raises(ValidationError) as refused:
            answer()
        assert refused.value.messages == ["Cette demande a déjà reçu une réponse."]
    assert RoomBooking.objects.get(pk=booking.pk).refusal_reason == "Travaux."


def test_approval_refusals_say_what_to_do(room, association, manager, keeper):
    gone = RoomBooking.objects.create(
        room=room, organisation=association, title="Passée", attendees=3, is_public=True,
        first_date=in_days(-7), last_date=in_days(-7), start_time=time(10), end_time=time(11),
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.room_booking_approve(booking=gone, by=keeper)
    assert plain(refused.value.messages) == [
        "Toutes les dates demandées sont passées : refusez la demande."
    ]
    booking = ask(room, association, manager)
    room.is_active = False
    room.save()
    with pytest.raises(ValidationError) as refused:
        services.room_booking_approve(booking=booking, by=keeper)
    assert plain(refused.value.messages) == ["Cette salle n'est plus prêtée : refusez la demande."]
    assert RoomBooking.objects.get(pk=booking.pk).state == "pending"


def test_an_approval_meeting_an_approved_booking_names_it(room, association, manager, keeper):
    first = ask(room, association, manager, title="Cours de français")
    second = ask(
        room, association, manager, title="Atelier", start_time=time(15), end_time=time(18)
    )
    services.room_booking_approve(booking=first, by=keeper)
    with pytest.raises(ValidationError) as refused:
        services.room_booking_approve(booking=second, by=keeper)
    assert "de 14:00 à 16:00 (« Cours de français »)." in plain(refused.value.messages[0])
    assert RoomBooking.objects.get(pk=second.pk).state == "pending"


def test_a_slot_written_after_the_check_refuses_the_approval_with_its_reason(
    room, association, manager, keeper, monkeypatch
):
    booking = ask(room, association, manager, weeks=1)
    other = RoomBooking.objects.create(
        room=room, organisation=association, title="Autre", attendees=3, is_public=True,
        first_date=booking.first_date, last_date=booking.first_date, start_time=time(14),
        end_time=time(16), state="approved",
    )  # fmt: skip

    def someone_else_writes():
        RoomSlot.objects.create(
            booking=other, room=room, starts_at=local(booking.first_date, time(14)),
            ends_at=local(booking.first_date, time(16)),
        )  # fmt: skip

    monkeypatch.setattr(services, "_after_check", someone_else_writes)
    with pytest.raises(ValidationError) as refused:
        services.room_booking_approve(booking=booking, by=keeper)
    assert refused.value.messages == ["La salle vient d'être réservée sur ce créneau."]


def test_a_refusal_keeps_its_trimmed_reason_and_is_audited(
    room, association, manager, keeper, django_capture_on_commit_callbacks
):
    booking = ask(room, association, manager)
    with pytest.raises(ValidationError) as refused:
        services.room_booking_refuse(booking=booking, by=keeper, reason=" \n ")
    assert refused.value.message_dict == {
        "reason": ["Dites à l'association pourquoi vous refusez."]
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.room_booking_refuse(booking=booking, by=keeper, reason="  Salle en travaux.  ")
    stored = RoomBooking.objects.get(pk=booking.pk)
    assert (stored.state, stored.refusal_reason, stored.decided_by) == (
        "refused",
        "Salle en travaux.",
        keeper,
    )
    assert stored.decided_at is not None
    entry = AuditEntry.objects.get(action="room_booking.refuse")
    assert (entry.actor, entry.target_id) == (keeper, str(booking.pk))
    assert entry.details == {"room": room.pk, "organisation": association.pk}
    assert [m.to for m in mail.outbox] == [[manager.email]]


# Cancelling


def test_withdrawing_a_request_deletes_it(room, association, manager):
    booking = ask(room, association, manager)
    assert services.room_booking_cancel(booking=booking, by=manager) == 0
    assert not RoomBooking.objects.exists()


def test_cancelling_is_for_the_associations_managers(room, association, manager, keeper):
    booking = ask(room, association, manager)
    with pytest.raises(PermissionDenied) as refused:
        services.room_booking_cancel(booking=booking, by=keeper)
    assert str(refused.value) == ASSOCIATIONS_ONLY
    assert RoomBooking.objects.filter(pk=booking.pk).exists()


# The place's rooms


RULES = dict(capacity=10, opens_at=time(9), closes_at=time(18), open_days=[4, "0", 2, 2])


def test_a_new_room_keeps_its_rules_and_the_audit_says_what_it_got(place, keeper):
    room = services.lent_room_save(
        place=place, by=keeper, name="  Salle Loire ", description="  Rez-de-chaussée. ", **RULES
    )
    stored = LentRoom.objects.get(pk=room.pk)
    assert (
        stored.place, stored.name, stored.capacity, stored.opens_at, stored.closes_at,
        stored.open_days, stored.description, stored.is_active,
    ) == (place, "Salle Loire", 10, time(9), time(18), [0, 2, 4], "Rez-de-chaussée.", True)  # fmt: skip
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_id) == (
        "lent_room.create",
        keeper,
        str(room.pk),
    )
    assert entry.details == {
        "place": place.pk,
        "changed": {
            "name": ["", "Salle Loire"],
            "capacity": ["None", 10],
            "opens_at": ["None", "09:00:00"],
            "closes_at": ["None", "18:00:00"],
            "open_days": [[0, 1, 2, 3, 4], [0, 2, 4]],
            "description": ["", "Rez-de-chaussée."],
        },
    }


def test_a_change_is_audited_with_only_what_changed(place, keeper):
    room = LentRoomFactory(
        place=place, name="Salle Loire", capacity=10, opens_at=time(9), closes_at=time(18),
        open_days=[0, 2, 4],
    )  # fmt: skip
    saved = services.lent_room_save(
        place=place, by=keeper, room=room, name="Salle Loire", capacity=10, opens_at=time(8),
        closes_at=time(18), open_days=[0, 6],
    )  # fmt: skip
    assert saved.pk == room.pk
    assert LentRoom.objects.get(pk=room.pk).open_days == [0, 6]
    entry = AuditEntry.objects.get()
    assert entry.action == "lent_room.update"
    assert entry.details == {
        "place": place.pk,
        "changed": {"opens_at": ["09:00:00", "08:00:00"], "open_days": [[0, 2, 4], [0, 6]]},
    }


def test_room_refusals_say_why(place, keeper):
    LentRoomFactory(place=place, name="Salle Loire")
    with pytest.raises(ValidationError) as refused:
        services.lent_room_save(place=place, by=keeper, name=" SALLE loire", **RULES)
    assert refused.value.message_dict == {"name": ["Le lieu a déjà une salle de ce nom."]}
    with pytest.raises(ValidationError) as refused:
        services.lent_room_save(
            place=place, by=keeper, name="Salle Sarthe", **RULES | {"closes_at": time(9)}
        )
    assert refused.value.message_dict == {"closes_at": ["La fermeture doit suivre l'ouverture."]}
    for days in ([], [0, 7], [-1]):
        with pytest.raises(ValidationError) as refused:
            services.lent_room_save(
                place=place, by=keeper, name="Salle Sarthe", **RULES | {"open_days": days}
            )
        assert refused.value.message_dict == {
            "open_days": ["Choisissez au moins un jour d'ouverture."]
        }
    assert LentRoom.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_a_room_keeps_its_own_name_and_another_place_may_use_it(place, keeper):
    room = LentRoomFactory(place=place, name="Salle Loire")
    services.lent_room_save(place=place, by=keeper, room=room, name="Salle Loire", **RULES)
    other = OrganisationFactory()
    other_keeper = MembershipFactory(organisation=other, role="manager").user
    services.lent_room_save(place=other, by=other_keeper, name="Salle Loire", **RULES)
    assert LentRoom.objects.filter(name="Salle Loire").count() == 2


def test_rooms_are_kept_by_their_own_places_managers(place, keeper):
    other = OrganisationFactory()
    other_keeper = MembershipFactory(organisation=other, role="manager").user
    with pytest.raises(PermissionDenied) as refused:
        services.lent_room_save(place=place, by=other_keeper, name="Salle Loire", **RULES)
    assert str(refused.value) == ROOMS_ONLY
    room = LentRoomFactory(place=place, name="Salle Loire")
    with pytest.raises(PermissionDenied) as refused:
        services.lent_room_save(place=other, by=other_keeper, room=room, name="X", **RULES)
    assert str(refused.value) == ROOMS_ONLY
    with pytest.raises(PermissionDenied) as refused:
        services.lent_room_set_active(room=room, by=other_keeper, active=False)
    assert str(refused.value) == ROOMS_ONLY
    assert LentRoom.objects.get(pk=room.pk).name == "Salle Loire"


def test_withdrawing_and_lending_again_are_audited_once_each(place, keeper):
    room = LentRoomFactory(place=place)
    assert services.lent_room_set_active(room=room, by=keeper, active=True).is_active is True
    assert not AuditEntry.objects.exists()
    withdrawn = services.lent_room_set_active(room=room, by=keeper, active=False)
    assert withdrawn.is_active is False
    assert LentRoom.objects.get(pk=room.pk).is_active is False
    services.lent_room_set_active(room=room, by=keeper, active=True)
    assert LentRoom.objects.get(pk=room.pk).is_active is True
    assert [(e.action, e.actor, e.details) for e in AuditEntry.objects.order_by("pk")] == [
        ("lent_room.withdraw", keeper, {"place": place.pk}),
        ("lent_room.restore", keeper, {"place": place.pk}),
    ]


def test_an_approval_leaves_out_a_date_starting_this_very_moment(
    room, association, keeper, monkeypatch
):
    now = local(timezone.localdate(), time(10))
    monkeypatch.setattr(timezone, "now", lambda: now)
    booking = RoomBooking.objects.create(
        room=room, organisation=association, title="Permanence", attendees=3, is_public=True,
        first_date=now.date(), last_date=now.date() + timedelta(weeks=1), start_time=time(10),
        end_time=time(12),
    )  # fmt: skip
    services.room_booking_approve(booking=booking, by=keeper)
    stored = RoomBooking.objects.get(pk=booking.pk)
    assert stored.first_date == now.date() + timedelta(weeks=1)
    assert [s.starts_at for s in stored.slots.all()] == [now + timedelta(weeks=1)]


def test_in_english_the_clash_keeps_the_24_hour_clock(room, association, manager, keeper):
    from django.utils import translation

    approved = ask(room, association, manager, title="Cours de français", weeks=1)
    services.room_booking_approve(booking=approved, by=keeper)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            ask(room, association, manager, start_time=time(15), end_time=time(17))
        day = formats.date_format(local(in_days(7), time(14)), "l j F Y")
    assert refused.value.messages == [
        f"The room is already booked on {day} from 14:00 to 16:00 (“Cours de français”)."
    ]


def test_the_capacity_message_is_the_catalogues_with_french_typography(room):
    """No-break spaces inside the guillemets: the message comes from the French catalogue."""
    with pytest.raises(ValidationError) as refused:
        check(room, attendees=13)
    assert refused.value.message_dict == {
        "attendees": ["La salle «\u202fSalle Albert-Thomas\u202f» accueille 12 personnes au plus."]
    }


def test_in_english_the_opening_hours_keep_the_24_hour_clock(room):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        check(room, start_time=time(8))
    assert refused.value.message_dict == {
        "start_time": ["The room “Salle Albert-Thomas” is open from 09:00 to 19:00."]
    }


def test_a_place_may_add_a_second_room_open_every_day(place, keeper):
    LentRoomFactory(place=place, name="Salle Loire")
    added = services.lent_room_save(
        place=place, by=keeper, name="Salle Sarthe", **RULES | {"open_days": EVERY_DAY}
    )
    assert LentRoom.objects.get(pk=added.pk).open_days == EVERY_DAY
    assert LentRoom.objects.filter(place=place).count() == 2


def test_withdrawing_is_audited_on_the_room(place, keeper):
    room = LentRoomFactory(place=place)
    services.lent_room_set_active(room=room, by=keeper, active=False)
    entry = AuditEntry.objects.get(action="lent_room.withdraw")
    assert (entry.target_type, entry.target_id) == ("volunteers.LentRoom", str(room.pk))


def test_an_afternoon_opening_is_said_on_the_24_hour_clock(place):
    evening = LentRoomFactory(
        place=place, name="Salle du soir", opens_at=time(14), closes_at=time(22),
        open_days=EVERY_DAY,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.room_rules_check(
            room=evening, first_date=in_days(3), start_time=time(13), end_time=time(15),
            attendees=2,
        )  # fmt: skip
    assert plain(refused.value.message_dict) == {
        "start_time": ["La salle « Salle du soir » est ouverte de 14:00 à 22:00."]
    }
