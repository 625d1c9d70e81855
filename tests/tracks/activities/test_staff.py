"""Organisers' pages of places and activities (issue 15)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from congress.audit.models import AuditEntry
from congress.editions.models import Venue
from tests.factories import SessionTypeFactory, UserFactory
from tests.spaces import plain
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
    with django_assert_num_queries(9):  # the edition's partners, hosts of places
        response = client.get(reverse("staff_venues", args=[week.slug]))
    assert [f"Lieu {i}" in response.content.decode() for i in range(n)] == [True] * n


# --- deleting places and activities, cancelling an activity with people registered -----------


def _register(week, activity, email):
    from tracks.activities import services

    return services.activity_register(
        congress=week, session=activity, full_name="Camille Martin", email=email
    )


def test_an_activity_without_registrations_is_deleted_and_audited(client, week, organiser):
    activity = make_activity(week, title="Visite annulable")
    edit = client.get(reverse("staff_activity_edit", args=[week.slug, activity.pk]))
    assert "Supprimer l'activité" in edit.content.decode()
    response = client.post(reverse("staff_activity_delete", args=[week.slug, activity.pk]))
    assert (response.status_code, Session.objects.filter(pk=activity.pk).exists()) == (302, False)
    entry = AuditEntry.objects.get(action="session.deleted")
    assert (entry.actor, entry.details["title"]) == (organiser, "Visite annulable")


def test_an_activity_with_registrations_is_not_deleted_but_can_be_cancelled(
    client, week, organiser, django_capture_on_commit_callbacks
):
    activity = make_activity(week, title="Visite complète", capacity=1, has_waitlist=True)
    _register(week, activity, "a@example.org")
    _register(week, activity, "b@example.org")  # waiting
    mail.outbox.clear()
    response = client.post(
        reverse("staff_activity_delete", args=[week.slug, activity.pk]), follow=True
    )
    assert "annulez-la plutôt" in plain(response.content.decode())
    assert Session.objects.filter(pk=activity.pk).exists()
    assert "2 personnes sont inscrites ou attendent une place" in plain(response.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff_activity_cancel", args=[week.slug, activity.pk]), follow=True
        )
    assert "2 personnes sont prévenues par e-mail" in plain(response.content.decode())
    activity.refresh_from_db()
    assert activity.cancelled_at is not None  # kept, marked cancelled
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert plain(mail.outbox[0].subject) == "Activité annulée : Visite complète"
    assert "est annulée" in mail.outbox[0].body
    cancelled = AuditEntry.objects.get(action="activity.cancelled")
    assert (cancelled.actor, cancelled.details["people_told"]) == (organiser, 2)


def test_a_place_is_deleted_once_empty_and_audited(client, week, organiser):
    activity = make_activity(week)
    venue = activity.room.venue
    response = client.post(reverse("staff_venue_delete", args=[week.slug, venue.pk]), follow=True)
    assert "Des activités ont lieu dans ce lieu" in plain(response.content.decode())
    assert Venue.objects.filter(pk=venue.pk).exists()
    client.post(reverse("staff_activity_delete", args=[week.slug, activity.pk]))
    response = client.post(reverse("staff_venue_delete", args=[week.slug, venue.pk]))
    assert (response.status_code, Venue.objects.filter(pk=venue.pk).exists()) == (302, False)
    entry = AuditEntry.objects.get(action="venue.deleted")
    assert (entry.actor, entry.details["name"]) == (organiser, venue.name)


def test_only_organisers_delete_or_cancel(week):
    from django.core.exceptions import PermissionDenied

    from tracks.activities import staff

    activity = make_activity(week)
    someone = UserFactory()
    for action, kwargs in (
        (staff.activity_delete, {"session": activity}),
        (staff.activity_cancel, {"session": activity}),
        (staff.venue_delete, {"venue": activity.room.venue}),
    ):
        with pytest.raises(PermissionDenied):
            action(congress=week, by=someone, **kwargs)
    assert Session.objects.filter(pk=activity.pk).exists()


def test_a_cancelled_activity_stays_on_the_programme_struck_through_and_closed(
    client, week, organiser, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    from tracks.activities import services, staff

    activity = make_activity(week, title="Atelier numérique", capacity=5)
    _register(week, activity, "a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.activity_cancel(congress=week, session=activity, by=organiser) == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # twice: nobody told again
        assert staff.activity_cancel(congress=week, session=activity, by=organiser) == 0
    assert (mail.outbox, AuditEntry.objects.filter(action="activity.cancelled").count()) == ([], 1)
    client.logout()
    programme = plain(client.get(reverse("activity_programme", args=[week.slug])).content.decode())
    assert "<del>Atelier numérique</del> <span" in programme
    assert "Cette activité est annulée" in programme
    page = client.get(reverse("activity_register", args=[week.slug, activity.pk]))
    assert page.status_code == 200
    assert "Cette activité est annulée" in plain(page.content.decode())
    with pytest.raises(ValidationError):
        services.activity_register(
            congress=week, session=activity, full_name="B", email="b@example.org"
        )
    detail = client.get(activity.get_absolute_url())
    assert (detail.status_code, 'id="cancelled"' in detail.content.decode()) == (200, True)
    # The API and the calendar say so too.
    listed = client.get(f"/api/v1/congresses/{week.slug}/sessions/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["cancelled_at"] is not None for row in rows if row["id"] == activity.pk] == [True]
