"""Managers' side: the association's list of missions with who applied, a volunteer withdrawing
an application, the organisation's trainings page (create, schedule, places, attendance)."""

from datetime import time, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories.volunteers import (
    MissionFactory,
    TrainingFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from volunteers import services
from volunteers.missions import services as mission_services
from volunteers.models import BookingStatus, MissionApplication, Training, TrainingBooking

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 3])
def n(request):
    return request.param


# --- withdrawing an application ------------------------------------------------------------


def test_withdrawing_an_accepted_application_frees_the_place(
    association, manager, volunteer, django_capture_on_commit_callbacks
):
    mission = MissionFactory(organisation=association, volunteers_needed=1)
    mine = mission_services.mission_apply(mission=mission, user=volunteer)
    other = mission_services.mission_apply(mission=mission, user=VolunteerProfileFactory().user)
    mission_services.application_decide(application=mine, accept=True, by=manager)
    with pytest.raises(ValidationError, match="tous les bénévoles"):
        mission_services.application_decide(application=other, accept=True, by=manager)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert mission_services.application_withdraw(application=mine, by=volunteer) is True
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert "Alice Martin" in mail.outbox[0].body
    mission_services.application_decide(application=other, accept=True, by=manager)
    assert list(MissionApplication.objects.values_list("status", flat=True)) == ["accepted"]


def test_withdrawing_a_pending_application_tells_nobody(
    association, volunteer, django_capture_on_commit_callbacks
):
    mission = MissionFactory(organisation=association)
    mine = mission_services.mission_apply(mission=mission, user=volunteer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert mission_services.application_withdraw(application=mine, by=volunteer) is False
    assert mail.outbox == []
    assert MissionApplication.objects.count() == 0


def test_only_ones_own_application_and_not_once_started(association, volunteer, stranger):
    mission = MissionFactory(organisation=association)
    mine = mission_services.mission_apply(mission=mission, user=volunteer)
    with pytest.raises(PermissionDenied):
        mission_services.application_withdraw(application=mine, by=stranger)
    mission.starts_at = timezone.now() - timedelta(hours=1)
    mission.ends_at = timezone.now() + timedelta(hours=1)
    mission.save()
    with pytest.raises(ValidationError, match="commencé"):
        mission_services.application_withdraw(application=mine, by=volunteer)
    assert MissionApplication.objects.count() == 1


def test_the_withdraw_button_and_page(client, association, volunteer):
    mission = MissionFactory(organisation=association)
    mission_services.mission_apply(mission=mission, user=volunteer)
    client.force_login(volunteer)
    assert "Retirer ma candidature" in client.get(mission.get_absolute_url()).content.decode()
    response = client.post(reverse("application_withdraw", args=[mission.pk]), follow=True)
    assert "Votre candidature est retirée." in response.content.decode()
    assert MissionApplication.objects.count() == 0
    assert client.post(reverse("application_withdraw", args=[mission.pk])).status_code == 404


# --- the association's missions -------------------------------------------------------------


def test_organisation_missions_query_count(
    client, association, manager, n, django_assert_num_queries
):
    missions = [MissionFactory(organisation=association, title=f"Maraude {i}") for i in range(n)]
    people = [VolunteerProfileFactory(user__full_name=f"Personne {i}").user for i in range(n)]
    for mission, person in zip(missions, people, strict=True):
        MissionApplication.objects.create(mission=mission, user=person)
    MissionFactory(title="Mission d'une autre association")
    client.force_login(manager)
    with django_assert_num_queries(8):
        response = client.get(reverse("organisation_missions", args=[association.slug]))
    body = response.content.decode()
    assert all(m.title in body for m in missions)
    assert all(p.full_name in body for p in people)
    assert body.count("1 en attente de réponse") == n
    assert "Mission d'une autre association" not in body


def test_organisation_missions_are_for_its_managers(client, association, volunteer):
    client.force_login(volunteer)
    url = reverse("organisation_missions", args=[association.slug])
    assert client.get(url).status_code == 403


# --- trainings, the managers' page ----------------------------------------------------------

FIELDS = dict(
    title="Premiers secours", description="", place="Salle 2", weekday=1, week_of_month=2,
    start_time=time(18, 30), end_time=time(21, 0), capacity=12,
)  # fmt: skip


def test_managers_create_and_schedule_a_training(association, manager, stranger):
    training = services.training_save(organisation=association, by=manager, **FIELDS)
    assert (training.organisation, training.capacity) == (association, 12)
    with pytest.raises(PermissionDenied):
        services.training_save(organisation=association, by=stranger, **FIELDS)
    today = timezone.localdate()
    created = services.training_sessions_add(
        training=training, by=manager, start=today, until=today + timedelta(days=92)
    )
    assert len(created) in (3, 4)  # the 2nd Tuesday of each month in about three months
    assert all(s.starts_at.weekday() == 1 and s.capacity == 12 for s in created)
    with pytest.raises(ValidationError):
        services.training_sessions_add(
            training=training, by=manager, start=today, until=today + timedelta(days=400)
        )
    with pytest.raises(PermissionDenied):
        services.training_sessions_add(training=training, by=stranger, start=today, until=today)
    assert training.sessions.count() == len(created)
    assert Training.objects.count() == 1


def test_more_places_promote_the_waiting_list_in_order(
    association, manager, django_capture_on_commit_callbacks
):
    session = TrainingSessionFactory(training=TrainingFactory(organisation=association), capacity=1)
    people = [VolunteerProfileFactory().user for _ in range(4)]
    for person in people:
        services.training_book(session=session, user=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.session_set_capacity(session=session, by=manager, capacity=3)
    assert [b.user for b in promoted] == people[1:3]
    assert len(mail.outbox) == 2
    statuses = [TrainingBooking.objects.get(user=p, session=session).status for p in people]
    assert statuses == ["booked", "booked", "booked", BookingStatus.WAITING]
    with pytest.raises(ValidationError, match="3 personnes ont déjà une place"):
        services.session_set_capacity(session=session, by=manager, capacity=2)
    session.refresh_from_db()
    assert session.capacity == 3


def test_the_trainings_page_creates_a_training_with_a_clear_error_first(
    client, association, manager
):
    client.force_login(manager)
    url = reverse("staff_trainings", args=[association.slug])
    data = {"title": "Écoute active", "place": "Salle 1", "week_of_month": "1", "weekday": "3",
            "start_time": "18:00", "end_time": "17:00", "capacity": "10"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    assert "La fin de la formation doit suivre son début." in response.content.decode()
    assert Training.objects.count() == 0
    data["end_time"] = "20:00"
    response = client.post(url, data)
    training = Training.objects.get()
    assert response.url == reverse("staff_training_edit", args=[training.pk])
    edit = reverse("staff_training_edit", args=[training.pk])
    # From tomorrow: a session of today may already have started (its capacity then stays).
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(edit, {"action": "schedule", "start": tomorrow.isoformat(),
                                  "until": (tomorrow + timedelta(days=62)).isoformat()})  # fmt: skip
    assert response.status_code == 302
    session = training.sessions.first()
    capacity = reverse("staff_session_capacity", args=[session.pk])
    assert client.post(capacity, {"capacity": "4"}).status_code == 302
    session.refresh_from_db()
    assert session.capacity == 4
    page = client.get(edit).content.decode()
    assert f'id="capacity-{session.pk}" value="4"' in page


def test_staff_trainings_query_count(client, association, manager, n, django_assert_num_queries):
    trainings = [TrainingFactory(organisation=association) for _ in range(n)]
    for training in trainings:
        TrainingSessionFactory(training=training)
    client.force_login(manager)
    with django_assert_num_queries(8):
        response = client.get(reverse("staff_trainings", args=[association.slug]))
    body = response.content.decode()
    assert all(t.title in body for t in trainings)
    assert body.count("0 / 2 places prises") == n


def test_staff_training_sessions_query_count(
    client, association, manager, n, django_assert_num_queries
):
    training = TrainingFactory(organisation=association)
    sessions = [
        TrainingSessionFactory(training=training, starts_at=timezone.now() + timedelta(days=3 + i))
        for i in range(n)
    ]
    client.force_login(manager)
    with django_assert_num_queries(7):
        response = client.get(reverse("staff_training_edit", args=[training.pk]))
    body = response.content.decode()
    assert all(f'id="capacity-{s.pk}"' in body for s in sessions)


def test_trainings_pages_are_for_the_managers(client, association, volunteer):
    training = TrainingFactory(organisation=association)
    session = TrainingSessionFactory(training=training)
    client.force_login(volunteer)
    assert client.get(reverse("staff_trainings", args=[association.slug])).status_code == 403
    assert client.get(reverse("staff_training_edit", args=[training.pk])).status_code == 403
    response = client.post(reverse("staff_session_capacity", args=[session.pk]), {"capacity": 9})
    assert response.status_code == 403


def test_a_training_must_end_after_it_starts(association, manager):
    for end in (time(18, 30), time(18, 0)):
        with pytest.raises(ValidationError, match="La fin de la formation doit suivre son début"):
            services.training_save(
                organisation=association, by=manager, **{**FIELDS, "end_time": end}
            )
    assert Training.objects.count() == 0


def test_an_inactive_or_anonymous_manager_runs_no_training(association, manager):
    with pytest.raises(PermissionDenied):
        services.training_save(organisation=association, by=AnonymousUser(), **FIELDS)
    manager.is_active = False
    manager.save()
    with pytest.raises(PermissionDenied):
        services.training_save(organisation=association, by=manager, **FIELDS)
    assert Training.objects.count() == 0


def test_a_training_of_another_organisation_is_not_changed_in_this_ones_name(association, manager):
    elsewhere = TrainingFactory(title="Écoute active")
    owner = elsewhere.organisation_id
    with pytest.raises(PermissionDenied):
        services.training_save(organisation=association, by=manager, training=elsewhere, **FIELDS)
    elsewhere.refresh_from_db()
    assert (elsewhere.title, elsewhere.organisation_id) == ("Écoute active", owner)
    assert owner != association.pk


def test_sessions_are_scheduled_over_a_period_in_order_and_not_in_the_past(association, manager):
    training = TrainingFactory(organisation=association)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="précède son début"):
        services.training_sessions_add(
            training=training, by=manager, start=today + timedelta(days=30), until=today
        )
    with pytest.raises(ValidationError, match="dans le passé"):
        services.training_sessions_add(
            training=training, by=manager, start=today - timedelta(days=1),
            until=today + timedelta(days=60),
        )  # fmt: skip
    assert training.sessions.count() == 0


def test_only_the_managers_change_the_places_and_never_of_a_past_session(
    association, manager, stranger
):
    session = TrainingSessionFactory(training=TrainingFactory(organisation=association), capacity=4)
    with pytest.raises(PermissionDenied):
        services.session_set_capacity(session=session, by=stranger, capacity=10)
    past = TrainingSessionFactory(
        training=session.training, capacity=4, starts_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="déjà eu lieu"):
        services.session_set_capacity(session=past, by=manager, capacity=10)
    session.refresh_from_db()
    past.refresh_from_db()
    assert (session.capacity, past.capacity) == (4, 4)
