"""Conditional requests on the session page, the track page and the home (issue 18): the same
mechanism as the programme (keptpages.conditional_page): 304 to an anonymous visitor holding the
current ETag, a new ETag after a change, and never a 304 or an ETag for a logged-in person (their
sign-up, their header), nor one hiding a change of the time (sign-up closed)."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.editions.models import Congress
from tests.factories import (
    CongressFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
    make_participant,
)
from tracks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    congress = CongressFactory(slug="c-etag", is_current=True)
    room = RoomFactory(venue=VenueFactory(congress=congress), name="Salle Bleue", capacity=30)
    kind = SessionTypeFactory(congress=congress, slug="atelier", name="Atelier", is_workshop=True)
    track = TrackFactory(congress=congress, slug="insertion", name="Insertion")
    session = SessionFactory(
        congress=congress, room=room, session_type=kind, track=track, title="Atelier Logement",
        capacity=12,
    )  # fmt: skip
    return congress, session


def pages(congress, session):
    return {
        "session": reverse("session_detail", args=[congress.slug, session.pk]),
        "track": reverse("track_detail", args=[congress.slug, "insertion"]),
        "home": reverse("home"),
    }


def test_304_while_unchanged_then_a_new_etag_after_a_change(client, edition):
    congress, session = edition
    client.get(pages(congress, session)["home"])  # the visitor gets their CSRF cookie
    etags = {}
    for name, url in pages(congress, session).items():
        first = client.get(url)
        etags[name] = first["ETag"]
        assert first["Last-Modified"]
        again = client.get(url, headers={"if-none-match": etags[name]})
        assert (again.status_code, again.content) == (304, b""), name
    services.session_save(congress=congress, by=None, session=session, title="Atelier Santé")
    congress.fil_rouge = "Nouveau fil"
    congress.save()
    for name, url in pages(congress, session).items():
        response = client.get(url, headers={"if-none-match": etags[name]})
        assert response.status_code == 200, name
        assert response["ETag"] != etags[name], name
    assert "Atelier Santé" in client.get(pages(congress, session)["session"]).content.decode()
    assert "Nouveau fil" in client.get(pages(congress, session)["home"]).content.decode()


def test_the_sign_up_closing_with_the_time_is_never_hidden_by_a_304(client, edition):
    """The deadline passes with the time, no write: neither a 304 nor the kept page served
    before the view (congress/core/keptpages.py, `early_response`) hides it."""
    congress, session = edition
    deadline = timezone.now() + timedelta(seconds=2)
    Congress.objects.filter(pk=congress.pk).update(signup_closes_at=deadline)
    url = pages(congress, session)["session"]
    client.get(url)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    time.sleep(max(0.0, (deadline - timezone.now()).total_seconds()) + 0.1)
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert 'id="signup-closed"' in response.content.decode()


def test_a_logged_in_person_never_gets_a_stale_personal_state(client, edition):
    congress, session = edition
    url = pages(congress, session)["session"]
    client.get(url)
    anonymous_etag = client.get(url)["ETag"]
    alice = UserFactory()
    make_participant(alice, congress)
    client.force_login(alice)
    for page in pages(congress, session).values():
        response = client.get(page, headers={"if-none-match": anonymous_etag})
        assert response.status_code == 200 and "ETag" not in response, page
    before = client.get(url).content.decode()
    assert "M&#x27;inscrire à cet atelier" in before or "M'inscrire à cet atelier" in before
    services.signup_create(session=session, user=alice)  # her sign-up: no page write of hers
    after = client.get(url, headers={"if-none-match": anonymous_etag})
    assert after.status_code == 200
    assert "Annuler mon inscription" in after.content.decode()
