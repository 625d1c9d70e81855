"""The public programme of a week (issue 15): filters, the view by place, registration pages,
the video-call link kept from the public."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import RoomFactory, TrackFactory, VenueFactory
from tests.tracks.activities.conftest import make_activity
from tracks.activities import services
from tracks.activities.models import ActivityRegistration

pytestmark = pytest.mark.django_db


def programme(client, week, **query):
    return client.get(reverse("activity_programme", args=[week.slug]), query)


def titles(response) -> list[str]:
    return [s.title for group in response.context["groups"] for s in group.sessions]


def at(week, name, district, **fields):
    venue = VenueFactory(congress=week, name=name, arrondissement=district, address=f"1 rue {name}")
    return make_activity(week, room=RoomFactory(venue=venue), **fields)


@pytest.mark.parametrize("n", [1, 3])
def test_programme_query_count(client, week, n, django_assert_num_queries):
    for i in range(n):
        at(week, f"Lieu {i}", f"{10 + i}e", title=f"Activité {i}")
    with django_assert_num_queries(7):
        response = programme(client, week, view="place")
    assert response.status_code == 200
    for i in range(n):
        assert f"Activité {i}" in response.content.decode()


def test_programme_filters_by_venue_arrondissement_day_type_and_topic(client, week):
    topic = TrackFactory(congress=week, slug="logement")
    a = at(week, "Mairie", "10e", title="A", track=topic)
    b = at(week, "Bagagerie", "13e", title="B")
    c = at(
        week,
        "Épicerie",
        "11e",
        title="C",
        starts_at=a.starts_at + timedelta(days=1),
        ends_at=a.ends_at + timedelta(days=1),
    )
    assert titles(programme(client, week)) == ["B", "A", "C"]  # by time, then place
    assert titles(programme(client, week, venue=b.room.venue_id)) == ["B"]
    assert titles(programme(client, week, arrondissement="11e")) == ["C"]
    assert titles(programme(client, week, day=c.starts_at.date().isoformat())) == ["C"]
    assert titles(programme(client, week, track="logement")) == ["A"]
    assert titles(programme(client, week, type=b.session_type.slug)) == ["B"]


def test_programme_by_place_orders_arrondissements_numerically_online_last(client, week):
    at(week, "Mairie du 10e", "10e", title="Dix")
    at(week, "Mairie du 4e", "4e", title="Quatre")
    online = VenueFactory(congress=week, name="En ligne", address="")
    make_activity(week, title="Webinaire", room=RoomFactory(venue=online), is_online=True)
    response = programme(client, week, view="place")
    assert [g.key.name for g in response.context["groups"]] == [
        "Mairie du 4e",
        "Mairie du 10e",
        "En ligne",
    ]


def test_the_congress_programme_url_leads_to_the_week_programme(client, week):
    response = client.get(reverse("programme", args=[week.slug]), {"view": "place"})
    assert (
        response.headers["Location"]
        == reverse("activity_programme", args=[week.slug]) + "?view=place"
    )


def test_programme_a_venir_until_published(client, week):
    make_activity(week, title="Pas encore publiée")
    week.programme_published = False
    week.save()
    response = programme(client, week)
    assert "Programme à venir" in response.content.decode()
    assert "Pas encore publiée" not in response.content.decode()
    assert client.get(reverse("activity_register", args=[week.slug, 1])).status_code == 404


def test_venue_access_and_map_links_are_on_the_programme(client, week):
    venue = VenueFactory(
        congress=week,
        name="ESI",
        address="3 rue Exemple",
        postal_code="75010",
        city="Paris",
        transport_notes="Métro ligne 5",
        step_free=True,
    )
    make_activity(week, room=RoomFactory(venue=venue))
    html = programme(client, week).content.decode()
    assert "Métro ligne 5" in html
    assert "Accès de plain-pied" in html
    assert 'href="geo:0,0?q=3%20rue%20Exemple%2C%2075010%20Paris"' in html
    assert "https://www.openstreetmap.org/search?query=3+rue+Exemple%2C+75010+Paris" in html


def test_register_page_then_confirmation_and_cancel_from_the_email(
    client, week, activity, django_capture_on_commit_callbacks
):
    url = reverse("activity_register", args=[week.slug, activity.pk])
    assert "2 places restantes" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"full_name": "Camille Martin", "email": "camille@example.org"})
    assert "Votre place est réservée" in response.content.decode()
    link = mail.outbox[0].body.split("http://127.0.0.1:8000")[1].split()[0]
    detail = client.get(link)
    assert "Confirmée" in detail.content.decode()
    client.post(link + "cancel/")
    assert ActivityRegistration.objects.get().status == "cancelled"


def test_register_twice_shows_the_error_and_changes_nothing(client, week, activity):
    url = reverse("activity_register", args=[week.slug, activity.pk])
    data = {"full_name": "Camille Martin", "email": "camille@example.org"}
    client.post(url, data)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "déjà inscrite" in response.content.decode()
    assert ActivityRegistration.objects.count() == 1


def test_full_activity_without_waitlist_shows_complet_and_no_form(client, week):
    activity = make_activity(week, capacity=1, has_waitlist=False)
    services.activity_register(
        congress=week, session=activity, full_name="A", email="a@example.org"
    )
    html = client.get(reverse("activity_register", args=[week.slug, activity.pk])).content.decode()
    assert "Complet" in html
    assert 'name="email"' not in html


def test_the_video_call_link_never_reaches_the_public(client, week):
    webinar = make_activity(
        week, is_online=True, online_url="https://visio.example.org/secret-room"
    )
    pages = [
        programme(client, week),
        client.get(reverse("session_detail", args=[week.slug, webinar.pk])),
        client.get(reverse("activity_register", args=[week.slug, webinar.pk])),
        client.get(reverse("session_ical", args=[week.slug, webinar.pk])),
        client.get(reverse("programme_ical", args=[week.slug])),
        client.get(f"/api/v1/congresses/{week.slug}/sessions/"),
        client.get(f"/api/v1/congresses/{week.slug}/sessions/{webinar.pk}/"),
    ]
    assert [p.status_code for p in pages] == [200, 200, 200, 200, 200, 200, 200]
    for page in pages:
        assert b"secret-room" not in page.content
    # The registered person sees it on their own page; a person waiting does not.
    confirmed = services.activity_register(
        congress=week, session=webinar, full_name="A", email="a@example.org"
    )
    token = services.registration_token(confirmed)
    page = client.get(reverse("activity_registration_detail", args=[week.slug, token]))
    assert b"secret-room" in page.content
