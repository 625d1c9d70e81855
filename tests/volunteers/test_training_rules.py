"""Rules of volunteering's base (volunteers/services.py), each stated with its exact outcome:
the profile, the monthly rule of trainings, places and the waiting list, attendance, and what
a training's managers change (the training, its sessions, their places and their time)."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.volunteers import (
    TrainingFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from tests.spaces import plain
from volunteers import services
from volunteers.models import (
    BookingStatus,
    Training,
    TrainingBooking,
    TrainingSession,
    VolunteerProfile,
)

pytestmark = pytest.mark.django_db

MANAGERS_ONLY = "Seuls les gestionnaires de l'organisation gèrent ses formations."
ALREADY_HELD = "Cette session de formation a déjà eu lieu."


def at(days, hour, minute=0):
    """A local time `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(timezone.datetime.combine(day, time(hour, minute)))


@pytest.fixture
def keeper(training):
    """A manager of the organisation giving `training`."""
    return MembershipFactory(organisation=training.organisation, role="manager").user


def book(session, status=BookingStatus.BOOKED, **user):
    return TrainingBooking.objects.create(
        session=session, user=VolunteerProfileFactory(**user).user, status=status
    )


# The volunteer profile


def test_the_profile_keeps_the_known_choices_in_their_own_order_and_trims_the_texts():
    user = UserFactory()
    profile = services.volunteer_profile_save(
        user=user,
        availability=["sat_am", "mon_am", "sat_am"],
        skills=["first_aid", "welcome"],
        languages="  français, arabe  ",
        accessibility_needs="  pas d'escaliers \n",
    )
    stored = VolunteerProfile.objects.get(user=user)
    assert stored.pk == profile.pk
    assert stored.availability == ["mon_am", "sat_am"]
    assert stored.skills == ["welcome", "first_aid"]
    assert stored.languages == "français, arabe"
    assert stored.accessibility_needs == "pas d'escaliers"


def test_saving_the_profile_again_changes_the_same_profile():
    user = UserFactory()
    first = services.volunteer_profile_save(
        user=user, availability=["mon_am"], skills=[], languages="", accessibility_needs=""
    )
    second = services.volunteer_profile_save(
        user=user, availability=[], skills=["food"], languages="", accessibility_needs=""
    )
    assert second.pk == first.pk
    assert VolunteerProfile.objects.filter(user=user).count() == 1
    assert VolunteerProfile.objects.get(user=user).availability == []
    assert VolunteerProfile.objects.get(user=user).skills == ["food"]


@pytest.mark.parametrize(
    "availability, skills",
    [(["mon_am", "someday"], ["food"]), (["mon_am"], ["food", "juggling"])],
)
def test_an_unknown_half_day_or_skill_is_refused_and_nothing_saved(availability, skills):
    user = UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.volunteer_profile_save(
            user=user,
            availability=availability,
            skills=skills,
            languages="",
            accessibility_needs="",
        )
    assert refused.value.messages == ["Choix inconnu."]
    assert not VolunteerProfile.objects.filter(user=user).exists()


def test_an_inactive_account_cannot_become_a_volunteer():
    user = UserFactory(is_active=False)
    with pytest.raises(PermissionDenied) as refused:
        services.volunteer_profile_save(
            user=user, availability=[], skills=[], languages="", accessibility_needs=""
        )
    assert str(refused.value) == "Connectez-vous pour devenir bénévole."
    assert not VolunteerProfile.objects.filter(user=user).exists()


def test_an_anonymous_visitor_cannot_become_a_volunteer():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied, match="Connectez-vous pour devenir bénévole."):
        services.volunteer_profile_save(
            user=AnonymousUser(), availability=[], skills=[], languages="", accessibility_needs=""
        )


# The monthly rule


def test_the_period_includes_its_first_and_last_days():
    # 1 February 2026 is a Sunday: the first Sunday of February.
    first_sunday = TrainingFactory(weekday=6, week_of_month=1)
    assert services.occurrence_dates(first_sunday, date(2026, 1, 15), date(2026, 2, 1)) == [
        date(2026, 2, 1)
    ]
    assert services.occurrence_dates(first_sunday, date(2026, 2, 1), date(2026, 2, 20)) == [
        date(2026, 2, 1)
    ]
    assert services.occurrence_dates(first_sunday, date(2026, 2, 2), date(2026, 3, 1)) == [
        date(2026, 3, 1)
    ]


def test_the_fourth_weekday_of_each_month_across_the_new_year():
    fourth_friday = TrainingFactory(weekday=4, week_of_month=4)
    assert services.occurrence_dates(fourth_friday, date(2026, 11, 1), date(2027, 2, 28)) == [
        date(2026, 11, 27),
        date(2026, 12, 25),
        date(2027, 1, 22),
        date(2027, 2, 26),
    ]


def test_a_one_day_period_on_the_training_day_schedules_that_session(training):
    created = services.training_schedule(
        training=training, start=date(2026, 3, 10), until=date(2026, 3, 10)
    )
    assert [timezone.localtime(s.starts_at) for s in created] == [
        timezone.make_aware(timezone.datetime(2026, 3, 10, 18, 30))
    ]
    assert [timezone.localtime(s.ends_at) for s in created] == [
        timezone.make_aware(timezone.datetime(2026, 3, 10, 21, 0))
    ]
    assert [s.capacity for s in created] == [training.capacity]
    assert TrainingSession.objects.get().training == training


def test_a_period_ending_before_it_starts_schedules_nothing(training):
    with pytest.raises(ValidationError) as refused:
        services.training_schedule(
            training=training, start=date(2026, 3, 11), until=date(2026, 3, 10)
        )
    assert refused.value.messages == ["La fin de la période précède son début."]
    assert not TrainingSession.objects.exists()


def test_scheduling_again_keeps_the_places_of_the_sessions_already_there(training):
    services.training_schedule(training=training, start=date(2026, 3, 1), until=date(2026, 3, 31))
    TrainingSession.objects.update(capacity=9)
    training.capacity = 4
    training.save()
    created = services.training_schedule(
        training=training, start=date(2026, 3, 1), until=date(2026, 4, 30)
    )
    assert [timezone.localtime(s.starts_at).date() for s in created] == [date(2026, 4, 14)]
    assert list(
        TrainingSession.objects.order_by("starts_at").values_list("capacity", flat=True)
    ) == [9, 4]


# Booking


def test_a_full_session_waits_exactly_at_its_capacity(training):
    session = TrainingSessionFactory(training=training, capacity=1)
    first = services.training_book(session=session, user=VolunteerProfileFactory().user)
    second = services.training_book(session=session, user=VolunteerProfileFactory().user)
    assert (first.status, second.status) == (BookingStatus.BOOKED, BookingStatus.WAITING)
    assert TrainingBooking.objects.get(pk=first.pk).status == BookingStatus.BOOKED
    assert TrainingBooking.objects.get(pk=second.pk).status == BookingStatus.WAITING


def test_waiting_people_do_not_take_places(training):
    session = TrainingSessionFactory(training=training, capacity=1)
    book(session, BookingStatus.WAITING)
    book(session, BookingStatus.WAITING)
    booking = services.training_book(session=session, user=VolunteerProfileFactory().user)
    assert booking.status == BookingStatus.BOOKED


def test_booking_without_a_profile_is_refused_with_its_reason(training, stranger):
    with pytest.raises(PermissionDenied) as refused:
        services.training_book(session=TrainingSessionFactory(training=training), user=stranger)
    assert str(refused.value) == "Inscrivez-vous comme bénévole avant de réserver une formation."


def test_a_past_session_is_refused_with_its_reason(training, volunteer):
    session = TrainingSessionFactory(training=training, starts_at=timezone.now() - timedelta(1))
    with pytest.raises(ValidationError) as refused:
        services.training_book(session=session, user=volunteer)
    assert refused.value.messages == [ALREADY_HELD]
    assert not TrainingBooking.objects.exists()


def test_a_second_session_of_the_same_training_is_refused_with_its_reason(training, volunteer):
    services.training_book(session=TrainingSessionFactory(training=training), user=volunteer)
    later = TrainingSessionFactory(training=training, starts_at=timezone.now() + timedelta(40))
    with pytest.raises(ValidationError) as refused:
        services.training_book(session=later, user=volunteer)
    assert refused.value.messages == ["Vous êtes déjà inscrit·e à une session de cette formation."]


def test_a_past_session_of_the_same_training_does_not_stop_booking_again(training, volunteer):
    past = TrainingSessionFactory(training=training, starts_at=timezone.now() - timedelta(30))
    TrainingBooking.objects.create(session=past, user=volunteer, status=BookingStatus.BOOKED)
    booking = services.training_book(
        session=TrainingSessionFactory(training=training), user=volunteer
    )
    assert booking.status == BookingStatus.BOOKED


def test_the_limit_of_places_says_the_maximum(volunteer):
    for _n in range(services.MAX_UPCOMING_BOOKINGS):
        services.training_book(session=TrainingSessionFactory(), user=volunteer)
    with pytest.raises(ValidationError) as refused:
        services.training_book(session=TrainingSessionFactory(), user=volunteer)
    assert plain(refused.value.messages) == [
        "Vous avez déjà 3 réservations de formation à venir : c'est le maximum."
    ]


def test_past_places_do_not_count_in_the_limit(volunteer):
    for days in (10, 20, 30):
        past = TrainingSessionFactory(starts_at=timezone.now() - timedelta(days))
        TrainingBooking.objects.create(session=past, user=volunteer, status=BookingStatus.BOOKED)
    for _n in range(services.MAX_UPCOMING_BOOKINGS):
        services.training_book(session=TrainingSessionFactory(), user=volunteer)
    assert TrainingBooking.objects.filter(user=volunteer).count() == 6


def test_the_places_of_others_do_not_count_in_my_limit(volunteer):
    other = VolunteerProfileFactory().user
    for _n in range(services.MAX_UPCOMING_BOOKINGS):
        services.training_book(session=TrainingSessionFactory(), user=other)
    assert services.training_book(session=TrainingSessionFactory(), user=volunteer).pk


# Cancelling


def test_cancelling_someone_elses_booking_is_refused_with_its_reason(training, volunteer):
    booking = book(TrainingSessionFactory(training=training))
    with pytest.raises(PermissionDenied) as refused:
        services.training_cancel(booking=booking, by=volunteer)
    assert str(refused.value) == "Vous ne pouvez annuler que vos propres réservations."
    assert TrainingBooking.objects.filter(pk=booking.pk).exists()


def test_cancelling_after_the_session_is_refused_with_its_reason(training):
    session = TrainingSessionFactory(training=training, starts_at=timezone.now() - timedelta(1))
    booking = book(session)
    with pytest.raises(ValidationError) as refused:
        services.training_cancel(booking=booking, by=booking.user)
    assert refused.value.messages == [ALREADY_HELD]
    assert TrainingBooking.objects.filter(pk=booking.pk).exists()


def test_the_person_promoted_is_told_by_email(training, django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(training=training, capacity=1)
    leaving = book(session)
    waiting = book(session, BookingStatus.WAITING, user__email="attente@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.training_cancel(booking=leaving, by=leaving.user)
    assert promoted.pk == waiting.pk
    assert promoted.status == BookingStatus.BOOKED
    assert TrainingBooking.objects.get(pk=waiting.pk).status == BookingStatus.BOOKED
    assert not TrainingBooking.objects.filter(pk=leaving.pk).exists()
    assert [m.to for m in mail.outbox] == [["attente@example.org"]]


def test_leaving_the_waiting_list_tells_nobody(training, django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(training=training, capacity=1)
    book(session)
    first = book(session, BookingStatus.WAITING)
    second = book(session, BookingStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.training_cancel(booking=first, by=first.user) is None
    assert mail.outbox == []
    assert TrainingBooking.objects.get(pk=second.pk).status == BookingStatus.WAITING


# Attendance


@pytest.fixture
def held(training):
    """A session of `training` that began three hours ago."""
    return TrainingSessionFactory(training=training, starts_at=timezone.now() - timedelta(hours=3))


def test_attendance_counts_the_people_present_and_marks_the_others_absent(held, keeper):
    came, also, missed = book(held), book(held), book(held)
    assert (
        services.training_record_attendance(session=held, present={came.pk, also.pk}, by=keeper)
        == 2
    )
    assert dict(TrainingBooking.objects.values_list("pk", "attended")) == {
        came.pk: True,
        also.pk: True,
        missed.pk: False,
    }


def test_nobody_present_marks_everyone_absent(held, keeper):
    missed = book(held)
    assert services.training_record_attendance(session=held, present=set(), by=keeper) == 0
    assert TrainingBooking.objects.get(pk=missed.pk).attended is False


def test_a_person_on_the_waiting_list_is_not_marked_present(held, keeper):
    waiting = book(held, BookingStatus.WAITING)
    with pytest.raises(ValidationError) as refused:
        services.training_record_attendance(session=held, present={waiting.pk}, by=keeper)
    assert refused.value.messages == ["Cette personne n'est pas inscrite à cette session."]
    assert TrainingBooking.objects.get(pk=waiting.pk).attended is None


def test_attendance_by_someone_else_is_refused_with_its_reason(held, volunteer):
    booking = book(held)
    with pytest.raises(PermissionDenied) as refused:
        services.training_record_attendance(session=held, present={booking.pk}, by=volunteer)
    assert str(refused.value) == "Seuls les formateurs et l'organisation notent les présences."


def test_attendance_before_the_session_is_refused_with_its_reason(training, keeper):
    session = TrainingSessionFactory(training=training)
    booking = book(session)
    with pytest.raises(ValidationError) as refused:
        services.training_record_attendance(session=session, present={booking.pk}, by=keeper)
    assert refused.value.messages == ["Les présences se notent une fois la session commencée."]


# A training and its sessions


def training_fields(**changes):
    fields = {
        "title": "Premiers secours en maraude",
        "description": "  Les gestes qui sauvent.  ",
        "place": "Salle des fêtes, Montreuil",
        "weekday": 3,
        "week_of_month": 1,
        "start_time": time(9, 0),
        "end_time": time(12, 0),
        "capacity": 8,
    }
    return fields | changes


def test_a_manager_creates_a_training_of_the_organisation(association, manager):
    created = services.training_save(organisation=association, by=manager, **training_fields())
    stored = Training.objects.get(pk=created.pk)
    assert (
        stored.organisation,
        stored.title,
        stored.description,
        stored.place,
        stored.weekday,
        stored.week_of_month,
        stored.start_time,
        stored.end_time,
        stored.capacity,
    ) == (
        association,
        "Premiers secours en maraude",
        "Les gestes qui sauvent.",
        "Salle des fêtes, Montreuil",
        3,
        1,
        time(9, 0),
        time(12, 0),
        8,
    )


def test_a_manager_changes_the_trainings_own_fields(association, manager):
    training = TrainingFactory(organisation=association)
    changed = services.training_save(
        organisation=association,
        by=manager,
        training=training,
        **training_fields(title="Écoute active", capacity=5, weekday=0, week_of_month=4),
    )
    assert changed.pk == training.pk
    stored = Training.objects.get(pk=training.pk)
    assert (stored.title, stored.capacity, stored.weekday, stored.week_of_month) == (
        "Écoute active",
        5,
        0,
        4,
    )
    assert Training.objects.count() == 1


def test_a_training_ending_when_it_starts_is_refused(association, manager):
    with pytest.raises(ValidationError) as refused:
        services.training_save(
            organisation=association,
            by=manager,
            **training_fields(start_time=time(9, 0), end_time=time(9, 0)),
        )
    assert refused.value.message_dict == {
        "end_time": ["La fin de la formation doit suivre son début."]
    }
    assert not Training.objects.exists()


def test_a_member_who_is_not_a_manager_runs_no_training(association):
    member = MembershipFactory(organisation=association, role="member").user
    with pytest.raises(PermissionDenied) as refused:
        services.training_save(organisation=association, by=member, **training_fields())
    assert str(refused.value) == MANAGERS_ONLY
    assert not Training.objects.exists()


def test_another_organisations_training_is_not_changed(association, manager):
    theirs = TrainingFactory(organisation=OrganisationFactory(), title="Leur formation")
    with pytest.raises(PermissionDenied, match=MANAGERS_ONLY):
        services.training_save(
            organisation=association, by=manager, training=theirs, **training_fields()
        )
    assert Training.objects.get(pk=theirs.pk).title == "Leur formation"


def test_sessions_are_scheduled_for_a_year_at_most(keeper, training):
    start = timezone.localdate() + timedelta(days=1)
    created = services.training_sessions_add(
        training=training, by=keeper, start=start, until=start + timedelta(days=366)
    )
    assert len(created) in (12, 13)
    assert TrainingSession.objects.count() == len(created)
    with pytest.raises(ValidationError) as refused:
        services.training_sessions_add(
            training=training, by=keeper, start=start, until=start + timedelta(days=367)
        )
    assert refused.value.message_dict == {
        "until": ["Programmez les sessions un an à l'avance au plus."]
    }


def test_sessions_may_start_today_not_yesterday(keeper, training):
    today = timezone.localdate()
    services.training_sessions_add(
        training=training, by=keeper, start=today, until=today + timedelta(days=60)
    )
    with pytest.raises(ValidationError) as refused:
        services.training_sessions_add(
            training=training, by=keeper, start=today - timedelta(days=1), until=today
        )
    assert refused.value.message_dict == {
        "start": ["La période ne peut pas commencer dans le passé."]
    }


def test_a_one_day_period_is_accepted_a_backwards_one_refused(keeper, training):
    today = timezone.localdate()
    assert (
        services.training_sessions_add(training=training, by=keeper, start=today, until=today)
        is not None
    )
    with pytest.raises(ValidationError) as refused:
        services.training_sessions_add(
            training=training, by=keeper, start=today + timedelta(2), until=today + timedelta(1)
        )
    assert refused.value.message_dict == {"until": ["La fin de la période précède son début."]}


def test_only_the_organisations_managers_schedule_sessions(training, volunteer):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied) as refused:
        services.training_sessions_add(
            training=training, by=volunteer, start=today, until=today + timedelta(days=90)
        )
    assert str(refused.value) == MANAGERS_ONLY
    assert not TrainingSession.objects.exists()


# The places of one session


def test_more_places_promote_the_first_people_waiting_and_tell_them(
    training, keeper, django_capture_on_commit_callbacks
):
    session = TrainingSessionFactory(training=training, capacity=1)
    book(session)
    first = book(session, BookingStatus.WAITING, user__email="premiere@example.org")
    second = book(session, BookingStatus.WAITING, user__email="deuxieme@example.org")
    third = book(session, BookingStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.session_set_capacity(session=session, by=keeper, capacity=3)
    assert [b.pk for b in promoted] == [first.pk, second.pk]
    assert [b.status for b in promoted] == [BookingStatus.BOOKED, BookingStatus.BOOKED]
    assert TrainingSession.objects.get(pk=session.pk).capacity == 3
    statuses = dict(TrainingBooking.objects.values_list("pk", "status"))
    assert [statuses[b.pk] for b in (first, second, third)] == [
        BookingStatus.BOOKED,
        BookingStatus.BOOKED,
        BookingStatus.WAITING,
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deuxieme@example.org",
        "premiere@example.org",
    ]


def test_the_places_may_equal_the_places_given_but_not_fewer(training, keeper):
    session = TrainingSessionFactory(training=training, capacity=4)
    book(session)
    book(session)
    book(session, BookingStatus.WAITING)
    assert services.session_set_capacity(session=session, by=keeper, capacity=2) == []
    assert TrainingSession.objects.get(pk=session.pk).capacity == 2
    with pytest.raises(ValidationError) as refused:
        services.session_set_capacity(session=session, by=keeper, capacity=1)
    assert plain(refused.value.message_dict) == {
        "capacity": ["2 personnes ont déjà une place : la session ne peut pas en avoir moins."]
    }
    assert TrainingSession.objects.get(pk=session.pk).capacity == 2


def test_one_place_given_is_said_in_the_singular(training, keeper):
    session = TrainingSessionFactory(training=training, capacity=4)
    book(session)
    with pytest.raises(ValidationError) as refused:
        services.session_set_capacity(session=session, by=keeper, capacity=0)
    assert plain(refused.value.message_dict) == {
        "capacity": ["1 personne a déjà une place : la session ne peut pas en avoir moins."]
    }


def test_the_places_of_a_past_session_do_not_change(training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=timezone.now() - timedelta(1))
    with pytest.raises(ValidationError) as refused:
        services.session_set_capacity(session=session, by=keeper, capacity=9)
    assert refused.value.messages == [ALREADY_HELD]
    assert TrainingSession.objects.get(pk=session.pk).capacity == training.capacity


def test_only_the_managers_change_the_places(training, volunteer):
    session = TrainingSessionFactory(training=training)
    with pytest.raises(PermissionDenied) as refused:
        services.session_set_capacity(session=session, by=volunteer, capacity=9)
    assert str(refused.value) == MANAGERS_ONLY


# The time of one session


def test_the_clash_names_the_other_session_its_day_and_hours(training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    TrainingSessionFactory(training=training, starts_at=at(40, 18, 30), ends_at=at(40, 20, 15))
    with pytest.raises(ValidationError) as refused:
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(40, 20), ends_at=at(40, 22)
        )
    day = timezone.localdate() + timedelta(days=40)
    months = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre",
    ]  # fmt: skip
    assert plain(refused.value.messages) == [
        f"Cet horaire chevauche la session « {training.title} » du "
        f"{day.day} {months[day.month - 1]} {day.year}, 18:30–20:15."
    ]
    session.refresh_from_db()
    assert session.starts_at == at(10, 18)


def test_the_earliest_clash_is_named(training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    TrainingSessionFactory(training=training, starts_at=at(40, 14), ends_at=at(40, 15))
    TrainingSessionFactory(training=training, starts_at=at(40, 9), ends_at=at(40, 10))
    with pytest.raises(ValidationError) as refused:
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(40, 8), ends_at=at(40, 16)
        )
    assert ", 09:00–10:00." in plain(refused.value.messages[0])


def test_a_session_may_move_within_its_own_time_and_right_next_to_another(training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    TrainingSessionFactory(training=training, starts_at=at(10, 20), ends_at=at(10, 22))
    TrainingSessionFactory(training=training, starts_at=at(10, 15), ends_at=at(10, 17))
    services.session_reschedule(
        session=session, by=keeper, starts_at=at(10, 17), ends_at=at(10, 20)
    )
    session.refresh_from_db()
    assert (session.starts_at, session.ends_at) == (at(10, 17), at(10, 20))


def test_another_trainers_session_at_that_time_is_no_clash(training, keeper):
    training.trainer = UserFactory()
    training.save()
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    TrainingSessionFactory(
        training=TrainingFactory(trainer=UserFactory()), starts_at=at(20, 9), ends_at=at(20, 12)
    )
    TrainingSessionFactory(training=TrainingFactory(), starts_at=at(20, 9), ends_at=at(20, 12))
    services.session_reschedule(session=session, by=keeper, starts_at=at(20, 9), ends_at=at(20, 12))
    assert TrainingSession.objects.get(pk=session.pk).starts_at == at(20, 9)


def test_a_session_without_trainer_ignores_sessions_without_trainer(training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    TrainingSessionFactory(training=TrainingFactory(), starts_at=at(20, 9), ends_at=at(20, 12))
    services.session_reschedule(session=session, by=keeper, starts_at=at(20, 9), ends_at=at(20, 12))
    assert TrainingSession.objects.get(pk=session.pk).starts_at == at(20, 9)


def test_the_same_trainers_other_training_clashes(training, keeper):
    trainer = UserFactory()
    training.trainer = trainer
    training.save()
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    other = TrainingFactory(trainer=trainer, title="Écoute active")
    TrainingSessionFactory(training=other, starts_at=at(20, 9), ends_at=at(20, 12))
    with pytest.raises(ValidationError) as refused:
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(20, 11), ends_at=at(20, 13)
        )
    assert "la session « Écoute active » du" in plain(refused.value.messages[0])


def test_moving_refusals_say_why(training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    with pytest.raises(ValidationError) as refused:
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(11, 18), ends_at=at(11, 18)
        )
    assert refused.value.message_dict == {
        "end_time": ["La fin de la formation doit suivre son début."]
    }
    with pytest.raises(ValidationError) as refused:
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(-1, 18), ends_at=at(-1, 20)
        )
    assert refused.value.message_dict == {"day": ["Choisissez un horaire à venir."]}
    past = TrainingSessionFactory(training=training, starts_at=at(-3, 18), ends_at=at(-3, 20))
    with pytest.raises(ValidationError) as refused:
        services.session_reschedule(session=past, by=keeper, starts_at=at(5, 9), ends_at=at(5, 10))
    assert refused.value.messages == [ALREADY_HELD]
    with pytest.raises(PermissionDenied) as refused:
        services.session_reschedule(
            session=session, by=UserFactory(), starts_at=at(5, 9), ends_at=at(5, 10)
        )
    assert str(refused.value) == MANAGERS_ONLY


def test_moving_tells_only_the_people_with_a_place_and_reminds_them_again(
    training, keeper, django_capture_on_commit_callbacks
):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    placed = book(session, user__email="place@example.org")
    waiting = book(session, BookingStatus.WAITING, user__email="attente@example.org")
    TrainingBooking.objects.update(reminded_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        told = services.session_reschedule(
            session=session, by=keeper, starts_at=at(12, 9), ends_at=at(12, 12)
        )
    assert [b.pk for b in told] == [placed.pk]
    assert told[0].session.starts_at == at(12, 9)
    assert TrainingBooking.objects.get(pk=placed.pk).reminded_at is None
    assert TrainingBooking.objects.get(pk=waiting.pk).reminded_at is not None
    assert [m.to for m in mail.outbox] == [["place@example.org"]]
    assert "de 09:00 à 12:00" in mail.outbox[0].body
    stored = TrainingSession.objects.get(pk=session.pk)
    assert (stored.starts_at, stored.ends_at) == (at(12, 9), at(12, 12))


# The very moment a session starts


@pytest.fixture
def frozen(monkeypatch):
    """Time stands still: `timezone.now()` is this instant for the whole test."""
    now = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def test_a_volunteer_may_be_available_every_half_day_with_every_skill():
    from volunteers.models import SLOTS, Skill

    user = UserFactory()
    services.volunteer_profile_save(
        user=user,
        availability=[code for code, _label in SLOTS],
        skills=list(Skill.values),
        languages="",
        accessibility_needs="",
    )
    stored = VolunteerProfile.objects.get(user=user)
    assert (len(stored.availability), stored.skills) == (14, list(Skill.values))


def test_a_session_starting_this_very_moment_is_neither_booked_nor_cancelled(training, frozen):
    session = TrainingSessionFactory(training=training, starts_at=frozen)
    booking = book(session)
    with pytest.raises(ValidationError, match=ALREADY_HELD):
        services.training_book(session=session, user=VolunteerProfileFactory().user)
    with pytest.raises(ValidationError, match=ALREADY_HELD):
        services.training_cancel(booking=booking, by=booking.user)
    assert TrainingBooking.objects.filter(session=session).count() == 1


def test_attendance_may_be_recorded_from_the_moment_the_session_starts(training, keeper, frozen):
    session = TrainingSessionFactory(training=training, starts_at=frozen)
    came = book(session)
    assert services.training_record_attendance(session=session, present={came.pk}, by=keeper) == 1
    assert TrainingBooking.objects.get(pk=came.pk).attended is True


def test_a_session_starting_this_very_moment_keeps_its_places_and_time(training, keeper, frozen):
    session = TrainingSessionFactory(training=training, starts_at=frozen, capacity=2)
    with pytest.raises(ValidationError, match=ALREADY_HELD):
        services.session_set_capacity(session=session, by=keeper, capacity=5)
    with pytest.raises(ValidationError, match=ALREADY_HELD):
        services.session_reschedule(
            session=session, by=keeper, starts_at=frozen + timedelta(days=1),
            ends_at=frozen + timedelta(days=1, hours=2),
        )  # fmt: skip
    stored = TrainingSession.objects.get(pk=session.pk)
    assert (stored.capacity, stored.starts_at) == (2, frozen)


def test_a_session_is_not_moved_to_this_very_moment(training, keeper, frozen):
    session = TrainingSessionFactory(training=training, starts_at=frozen + timedelta(days=3))
    with pytest.raises(ValidationError) as refused:
        services.session_reschedule(
            session=session, by=keeper, starts_at=frozen, ends_at=frozen + timedelta(hours=2)
        )
    assert refused.value.message_dict == {"day": ["Choisissez un horaire à venir."]}


def test_the_limit_message_keeps_french_typography(volunteer):
    """The message is the French catalogue's: a narrow no-break space before the colon."""
    for _n in range(services.MAX_UPCOMING_BOOKINGS):
        services.training_book(session=TrainingSessionFactory(), user=volunteer)
    with pytest.raises(ValidationError) as refused:
        services.training_book(session=TrainingSessionFactory(), user=volunteer)
    assert refused.value.messages == [
        "Vous avez déjà 3 réservations de formation à venir\u202f: c'est le maximum."
    ]


def test_in_english_the_clash_gives_the_day_first_and_the_24_hour_clock(training, keeper):
    from django.utils import translation

    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    TrainingSessionFactory(training=training, starts_at=at(40, 18, 30), ends_at=at(40, 20, 15))
    day = timezone.localdate() + timedelta(days=40)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(40, 20), ends_at=at(40, 22)
        )
    assert refused.value.messages == [
        f"This time overlaps the session “{training.title}” of "
        f"{day.day} {day:%B} {day.year}, 18:30–20:15."
    ]


def test_the_waiting_list_is_served_in_the_order_people_joined_it(training, keeper):
    session = TrainingSessionFactory(training=training, capacity=1)
    book(session)
    later = book(session, BookingStatus.WAITING)
    earlier = book(session, BookingStatus.WAITING)
    TrainingBooking.objects.filter(pk=earlier.pk).update(
        created_at=later.created_at - timedelta(minutes=5)
    )
    promoted = services.session_set_capacity(session=session, by=keeper, capacity=2)
    assert [b.pk for b in promoted] == [earlier.pk]
    assert TrainingBooking.objects.get(pk=later.pk).status == BookingStatus.WAITING
