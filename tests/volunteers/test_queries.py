"""Every list page of volunteering costs the same number of queries for 1 item or 3."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CongressFactory, MembershipFactory, UserFactory
from tests.factories.volunteers import (
    LentRoomFactory,
    MissionFactory,
    ShiftFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from tests.spaces import plain
from volunteers.models import MissionApplication, ShiftSignup, TrainingBooking

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[1, 3])
def n(request):
    return request.param


def test_training_list_query_count(client, volunteer, n, django_assert_num_queries):
    sessions = [
        TrainingSessionFactory(starts_at=timezone.now() + timedelta(days=5 + i)) for i in range(n)
    ]
    for session in sessions:
        TrainingBooking.objects.create(session=session, user=volunteer, status="booked")
    client.force_login(volunteer)
    with django_assert_num_queries(6):
        response = client.get(reverse("training_list"))
    body = response.content.decode()
    assert all(s.training.title in body for s in sessions)
    assert body.count("Votre place est réservée") == n


def test_mission_list_query_count(client, volunteer, n, django_assert_num_queries):
    missions = [MissionFactory() for _ in range(n)]
    MissionApplication.objects.create(mission=missions[0], user=volunteer)
    client.force_login(volunteer)
    with django_assert_num_queries(8):
        response = client.get(reverse("mission_list"))
    body = response.content.decode()
    assert all(m.title in body for m in missions)


def test_mission_applications_query_count(
    client, association, manager, n, django_assert_num_queries
):
    mission = MissionFactory(organisation=association)
    people = [VolunteerProfileFactory().user for _ in range(n)]
    for person in people:
        MissionApplication.objects.create(mission=mission, user=person)
    client.force_login(manager)
    with django_assert_num_queries(7):
        response = client.get(reverse("mission_applications", args=[mission.pk]))
    body = response.content.decode()
    assert all(p.full_name in body for p in people)


def test_shift_list_query_count(client, volunteer, n, django_assert_num_queries):
    congress = CongressFactory()
    shifts = [ShiftFactory(congress=congress, title=f"Poste {i}") for i in range(n)]
    ShiftSignup.objects.create(shift=shifts[0], user=volunteer)
    client.force_login(volunteer)
    with django_assert_num_queries(8):
        response = client.get(reverse("shift_list", args=[congress.slug]))
    body = response.content.decode()
    assert all(s.title in body for s in shifts)


def test_staff_shifts_query_count(client, n, django_assert_num_queries):
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    shifts = [ShiftFactory(congress=congress, title=f"Poste {i}") for i in range(n)]
    for shift in shifts:
        ShiftSignup.objects.create(shift=shift, user=VolunteerProfileFactory().user)
    client.force_login(organiser)
    with django_assert_num_queries(8):
        response = client.get(reverse("staff_shifts", args=[congress.slug]))
    body = response.content.decode()
    assert all(s.title in body for s in shifts)
    assert all(s.signups.get().user.full_name in body for s in shifts)


def test_volunteer_home_query_count(client, volunteer, n, django_assert_num_queries):
    congress = CongressFactory()
    for i in range(n):
        session = TrainingSessionFactory(starts_at=timezone.now() + timedelta(days=3 + i))
        TrainingBooking.objects.create(session=session, user=volunteer, status="booked")
        MissionApplication.objects.create(mission=MissionFactory(), user=volunteer)
        shift = ShiftFactory(
            congress=congress, title=f"Poste {i}",
            starts_at=timezone.now() + timedelta(days=10 + i),
            ends_at=timezone.now() + timedelta(days=10 + i, hours=2),
        )  # fmt: skip
        ShiftSignup.objects.create(shift=shift, user=volunteer)
        MembershipFactory(user=volunteer, role="manager", organisation__name=f"Asso {i}")
        LentRoomFactory(place__name=f"Lieu {i}")
    client.force_login(volunteer)
    with django_assert_num_queries(11):
        response = client.get(reverse("volunteer_home"))
    body = plain(response.content.decode())
    assert body.count("place réservée") == n
    assert all(f"Asso {i} :" in body and f"Lieu {i} :" in body for i in range(n))
    assert all(f"Poste {i}" in body for i in range(n))
