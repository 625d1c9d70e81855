"""Organisers' pages of places and activities (issue 15)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from congress.editions.models import Venue
from tests.factories import SessionTypeFactory, UserFactory
from tests.tracks.activities.conftest import make_activity
from tracks.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, week):
    user = UserFactory()
    week.organisers.add(user)
    client.force_login(user)
    return user


def test_an_organiser_adds_a_place_then_an_activity_there(client, week, organiser):
    response = client.post(
        reverse("staff_venues", args=[week.slug]),
        {"name": "Bagagerie (démo)", "address": "2 rue de l'Exemple", "postal_code": "75011",
         "city": "Paris", "arrondissement": "11e", "step_free": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    venue = Venue.objects.get(congress=week)
    kind = SessionTypeFactory(congress=week, is_workshop=False)
    start = (week.start_date + timedelta(days=0)).isoformat() + "T10:00"
    response = client.post(
        reverse("staff_activities", args=[week.slug]),
        {"title": "Visite de la bagagerie", "venue": venue.pk, "session_type": kind.pk,
         "starts_at": start, "ends_at": start.replace("10:00", "11:30"), "capacity": "12",
         "registration_required": "on", "has_waitlist": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    session = Session.objects.get(congress=week)
    assert (session.title, session.room.venue, session.capacity) == (
        "Visite de la bagagerie",
        venue,
        12,
    )


def test_a_bad_activity_is_refused_with_nothing_stored(client, week, organiser):
    response = client.post(reverse("staff_activities", args=[week.slug]), {"title": ""})
    assert (response.status_code, Session.objects.count()) == (400, 0)
    assert "Ce champ est obligatoire." in response.content.decode()


def test_only_organisers_reach_the_pages(client, week):
    client.force_login(UserFactory())
    assert client.get(reverse("staff_activities", args=[week.slug])).status_code == 403


@pytest.mark.parametrize("n", [1, 3])
def test_staff_activities_query_count(client, week, organiser, n, django_assert_num_queries):
    for i in range(n):
        make_activity(week, title=f"Activité {i}")
    with django_assert_num_queries(11):
        response = client.get(reverse("staff_activities", args=[week.slug]))
    assert [f"Activité {i}" in response.content.decode() for i in range(n)] == [True] * n


@pytest.mark.parametrize("n", [1, 3])
def test_staff_venues_query_count(client, week, organiser, n, django_assert_num_queries):
    for i in range(n):
        Venue.objects.create(congress=week, name=f"Lieu {i}", address="1 rue", city="Paris")
    with django_assert_num_queries(8):
        response = client.get(reverse("staff_venues", args=[week.slug]))
    assert [f"Lieu {i}" in response.content.decode() for i in range(n)] == [True] * n
