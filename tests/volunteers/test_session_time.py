"""A training's managers move one coming session to another time (issue 17): under the
session's lock, never onto another session of the same training or of the same trainer, never
into the past; the people with a place get the new time by e-mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from tests.factories.volunteers import (
    TrainingFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from tests.spaces import plain
from volunteers import services
from volunteers.models import BookingStatus, TrainingBooking

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(training):
    return MembershipFactory(organisation=training.organisation, role="manager").user


def at(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time())) + (
        timedelta(hours=hour)
    )


def test_moving_a_session_tells_the_people_with_a_place(
    training, keeper, django_capture_on_commit_callbacks
):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    booked = VolunteerProfileFactory(user__email="place@example.org").user
    waiting = VolunteerProfileFactory(user__email="attente@example.org").user
    TrainingBooking.objects.create(
        session=session, user=booked, status=BookingStatus.BOOKED, reminded_at=timezone.now()
    )
    TrainingBooking.objects.create(session=session, user=waiting, status=BookingStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        told = services.session_reschedule(
            session=session, by=keeper, starts_at=at(12, 9), ends_at=at(12, 12)
        )
    session.refresh_from_db()
    assert (session.starts_at, session.ends_at) == (at(12, 9), at(12, 12))
    assert [b.user for b in told] == [booked]
    assert TrainingBooking.objects.get(user=booked).reminded_at is None  # reminded again at D-1
    assert [m.to for m in mail.outbox] == [["place@example.org"]]
    assert plain(mail.outbox[0].subject) == f"Nouvel horaire : {training.title}"
    assert "de 09:00 à 12:00" in mail.outbox[0].body


def test_a_new_time_meeting_another_session_is_refused(training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    TrainingSessionFactory(training=training, starts_at=at(40, 18), ends_at=at(40, 20))
    with pytest.raises(ValidationError, match="chevauche la session"):
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(40, 19), ends_at=at(40, 21)
        )
    # the trainer's session of another training, at the same time
    trainer = UserFactory()
    training.trainer = trainer
    training.save()
    other = TrainingFactory(organisation=training.organisation, trainer=trainer, title="Écoute")
    TrainingSessionFactory(training=other, starts_at=at(20, 9), ends_at=at(20, 12))
    with pytest.raises(ValidationError, match="chevauche la session") as refused:
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(20, 11), ends_at=at(20, 13)
        )
    assert "la session « Écoute »" in plain(refused.value.messages[0])
    # right after is fine
    services.session_reschedule(
        session=session, by=keeper, starts_at=at(20, 12), ends_at=at(20, 14)
    )


def test_moving_is_refused_in_the_past_backwards_or_for_a_past_session(training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    with pytest.raises(ValidationError, match="horaire à venir"):
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(-1, 18), ends_at=at(-1, 20)
        )
    with pytest.raises(ValidationError, match="doit suivre son début"):
        services.session_reschedule(
            session=session, by=keeper, starts_at=at(11, 18), ends_at=at(11, 17)
        )
    past = TrainingSessionFactory(training=training, starts_at=at(-3, 18), ends_at=at(-3, 20))
    with pytest.raises(ValidationError, match="déjà eu lieu"):
        services.session_reschedule(session=past, by=keeper, starts_at=at(5, 9), ends_at=at(5, 10))
    session.refresh_from_db()
    assert session.starts_at == at(10, 18)


def test_only_the_organisations_managers_move_a_session(training, volunteer):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    with pytest.raises(PermissionDenied):
        services.session_reschedule(
            session=session, by=volunteer, starts_at=at(11, 18), ends_at=at(11, 20)
        )


def test_the_session_time_page(client, training, keeper):
    session = TrainingSessionFactory(training=training, starts_at=at(10, 18), ends_at=at(10, 20))
    client.force_login(keeper)
    url = reverse("staff_session_time", args=[session.pk])
    assert client.get(url).status_code == 200
    day = (timezone.localdate() + timedelta(days=11)).isoformat()
    response = client.post(url, {"day": day, "start_time": "10:00", "end_time": "09:00"})
    assert response.status_code == 400
    assert "La fin de la formation doit suivre son début." in response.content.decode()
    response = client.post(url, {"day": day, "start_time": "10:00", "end_time": "12:00"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == at(11, 10)
