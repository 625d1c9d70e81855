"""Trainings: the monthly rule, places, waiting list, the per-person limit, attendance."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from tests.factories.volunteers import (
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from volunteers import selectors, services
from volunteers.models import BookingStatus, TrainingBooking, TrainingSession
from volunteers.permissions import can_manage_training

pytestmark = pytest.mark.django_db


def test_occurrence_dates_are_the_second_tuesday_of_each_month(training):
    dates = services.occurrence_dates(training, date(2026, 1, 1), date(2026, 4, 30))
    assert dates == [date(2026, 1, 13), date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 14)]


def test_occurrence_dates_leave_out_the_days_outside_the_period(training):
    assert services.occurrence_dates(training, date(2026, 1, 14), date(2026, 2, 9)) == []


def test_training_schedule_creates_dated_sessions_once(training):
    created = services.training_schedule(
        training=training, start=date(2026, 11, 1), until=date(2027, 1, 31)
    )
    again = services.training_schedule(
        training=training, start=date(2026, 11, 1), until=date(2027, 1, 31)
    )
    starts = [timezone.localtime(s.starts_at) for s in created]
    assert [(s.date(), s.time()) for s in starts] == [
        (date(2026, 11, 10), time(18, 30)),
        (date(2026, 12, 8), time(18, 30)),
        (date(2027, 1, 12), time(18, 30)),
    ]
    assert timezone.localtime(created[0].ends_at).time() == time(21, 0)
    assert created[0].capacity == training.capacity
    assert again == []
    assert TrainingSession.objects.filter(training=training).count() == 3


def test_training_schedule_refuses_a_period_ending_before_it_starts(training):
    with pytest.raises(ValidationError):
        services.training_schedule(
            training=training, start=date(2026, 3, 1), until=date(2026, 2, 1)
        )


def test_booking_takes_places_then_the_waiting_list(training):
    session = TrainingSessionFactory(training=training)
    people = [VolunteerProfileFactory().user for _ in range(3)]
    statuses = [services.training_book(session=session, user=p).status for p in people]
    assert statuses == [BookingStatus.BOOKED, BookingStatus.BOOKED, BookingStatus.WAITING]


def test_cancelling_a_place_promotes_the_first_person_waiting(training):
    session = TrainingSessionFactory(training=training)
    first, second, third, fourth = (VolunteerProfileFactory().user for _ in range(4))
    booking = services.training_book(session=session, user=first)
    services.training_book(session=session, user=second)
    waiting = services.training_book(session=session, user=third)
    services.training_book(session=session, user=fourth)

    promoted = services.training_cancel(booking=booking, by=first)

    assert promoted.pk == waiting.pk
    statuses = dict(session.bookings.values_list("user_id", "status"))
    assert statuses == {
        second.pk: BookingStatus.BOOKED,
        third.pk: BookingStatus.BOOKED,
        fourth.pk: BookingStatus.WAITING,
    }


def test_leaving_the_waiting_list_promotes_nobody(training):
    session = TrainingSessionFactory(training=training, capacity=1)
    first, second = VolunteerProfileFactory().user, VolunteerProfileFactory().user
    services.training_book(session=session, user=first)
    waiting = services.training_book(session=session, user=second)
    assert services.training_cancel(booking=waiting, by=second) is None
    assert list(session.bookings.values_list("user_id", "status")) == [
        (first.pk, BookingStatus.BOOKED)
    ]


def test_cancelling_without_anyone_waiting_frees_the_place(training, volunteer):
    session = TrainingSessionFactory(training=training)
    booking = services.training_book(session=session, user=volunteer)
    assert services.training_cancel(booking=booking, by=volunteer) is None
    assert session.bookings.count() == 0


def test_nobody_cancels_someone_elses_booking(training, volunteer, stranger):
    booking = services.training_book(
        session=TrainingSessionFactory(training=training), user=volunteer
    )
    with pytest.raises(PermissionDenied):
        services.training_cancel(booking=booking, by=stranger)
    assert TrainingBooking.objects.filter(pk=booking.pk).exists()


def test_a_past_session_can_be_neither_booked_nor_cancelled(training, volunteer):
    session = TrainingSessionFactory(training=training)
    booking = services.training_book(session=session, user=volunteer)
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="déjà eu lieu"):
        services.training_cancel(booking=booking, by=volunteer)
    other = VolunteerProfileFactory().user
    with pytest.raises(ValidationError, match="déjà eu lieu"):
        services.training_book(session=session, user=other)


def test_booking_needs_a_volunteer_profile(training, stranger):
    with pytest.raises(PermissionDenied):
        services.training_book(session=TrainingSessionFactory(training=training), user=stranger)
    assert TrainingBooking.objects.count() == 0


def test_one_upcoming_session_per_training(training, volunteer):
    services.training_book(session=TrainingSessionFactory(training=training), user=volunteer)
    later = TrainingSessionFactory(training=training, starts_at=timezone.now() + timedelta(days=40))
    with pytest.raises(ValidationError, match="déjà inscrit"):
        services.training_book(session=later, user=volunteer)
    assert later.bookings.count() == 0


def test_a_hoarder_cannot_hold_more_than_the_limit_of_places(volunteer):
    """A stranger books every training to keep places from others: refused past the limit."""
    sessions = [TrainingSessionFactory() for _ in range(services.MAX_UPCOMING_BOOKINGS + 1)]
    for session in sessions[:-1]:
        services.training_book(session=session, user=volunteer)
    with pytest.raises(ValidationError, match="c'est le maximum"):
        services.training_book(session=sessions[-1], user=volunteer)
    assert sessions[-1].bookings.count() == 0


def test_attendance_by_the_trainer_marks_present_and_absent(training, volunteer):
    trainer = UserFactory()
    training.trainer = trainer
    training.save()
    session = TrainingSessionFactory(training=training)
    came = services.training_book(session=session, user=volunteer)
    missed = services.training_book(session=session, user=VolunteerProfileFactory().user)
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=3)
    )
    session.refresh_from_db()

    assert services.training_record_attendance(session=session, present={came.pk}, by=trainer) == 1

    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.attended, missed.attended) == (True, False)
    assert [b.session_id for b in selectors.trainings_followed(volunteer)] == [session.pk]
    assert selectors.trainings_followed_ids(volunteer) == {training.pk}


def test_attendance_is_refused_before_the_session_and_for_strangers(training, volunteer, stranger):
    session = TrainingSessionFactory(training=training)
    booking = services.training_book(session=session, user=volunteer)
    manager = MembershipFactory(organisation=training.organisation, role="manager").user
    with pytest.raises(ValidationError, match="une fois la session commencée"):
        services.training_record_attendance(session=session, present={booking.pk}, by=manager)
    with pytest.raises(PermissionDenied):
        services.training_record_attendance(session=session, present={booking.pk}, by=stranger)
    booking.refresh_from_db()
    assert booking.attended is None


def test_attendance_refuses_a_person_not_booked(training, volunteer):
    manager = MembershipFactory(organisation=training.organisation, role="manager").user
    session = TrainingSessionFactory(
        training=training, starts_at=timezone.now() - timedelta(hours=1)
    )
    elsewhere = services.training_book(session=TrainingSessionFactory(), user=volunteer)
    with pytest.raises(ValidationError, match="pas inscrite"):
        services.training_record_attendance(session=session, present={elsewhere.pk}, by=manager)


def test_can_manage_training_trainer_manager_not_member_nor_inactive(training):
    trainer = UserFactory()
    training.trainer = trainer
    member = MembershipFactory(organisation=training.organisation, role="member").user
    manager = MembershipFactory(organisation=training.organisation, role="manager").user
    assert can_manage_training(trainer, training) is True
    assert can_manage_training(manager, training) is True
    assert can_manage_training(member, training) is False
    manager.is_active = False
    assert can_manage_training(manager, training) is False


def test_upcoming_sessions_count_places_and_waiting(training):
    session = TrainingSessionFactory(training=training, capacity=1)
    TrainingSessionFactory(training=training, starts_at=timezone.now() - timedelta(days=1))
    services.training_book(session=session, user=VolunteerProfileFactory().user)
    services.training_book(session=session, user=VolunteerProfileFactory().user)
    rows = [(s.pk, s.booked, s.waiting) for s in selectors.upcoming_training_sessions()]
    assert rows == [(session.pk, 1, 1)]


def test_my_bookings_give_the_rank_on_the_waiting_list(training):
    session = TrainingSessionFactory(training=training, capacity=1)
    first, second, third = (VolunteerProfileFactory().user for _ in range(3))
    for person in (first, second, third):
        services.training_book(session=session, user=person)
    assert [b.rank for b in selectors.my_bookings(first)] == [None]
    assert [b.rank for b in selectors.my_bookings(third)] == [2]
