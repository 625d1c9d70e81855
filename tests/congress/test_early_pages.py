"""Kept pages served before their view (`keptpages.early_response`, EarlyPageMiddleware; issue
18): to a visitor who is not logged in, while every version the page was made from holds and its
time has not run out; never to a logged-in person, a visitor with a message waiting, a query
string or a form's POST; with each visitor's own CSRF token."""

import datetime
import re
import time

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from congress.core import keptpages
from tests.factories import (
    CongressFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def session():
    congress = CongressFactory(slug="c-early", name="Congrès matinal", is_current=True,
                               signup_closes_at=timezone.now() + datetime.timedelta(days=30))  # fmt: skip
    room = RoomFactory(venue=VenueFactory(congress=congress), name="Salle Verte", capacity=30)
    kind = SessionTypeFactory(congress=congress, slug="atelier", name="Atelier", is_workshop=True)
    track = TrackFactory(congress=congress, slug="insertion", name="Insertion")
    return SessionFactory(
        congress=congress, room=room, session_type=kind, track=track, title="Atelier Mobilité"
    )


def pages(session) -> dict[str, str]:
    slug = session.congress.slug
    return {
        "session": reverse("session_detail", args=[slug, session.pk]),
        "track": reverse("track_detail", args=[slug, session.track.slug]),
        "programme": reverse("programme", args=[slug]),
    }


def without_token(content: bytes) -> bytes:
    return TOKEN.sub(b"", content)


@pytest.mark.parametrize("page", ["session", "track", "programme"])
def test_the_next_visitor_gets_the_kept_page_before_the_view(
    session, page, django_assert_num_queries
):
    url = pages(session)[page]
    made = Client().get(url)
    assert made.status_code == 200

    with django_assert_num_queries(0):  # no edition looked up: the view did not run
        served = Client().get(url)

    assert served.status_code == 200
    assert without_token(served.content) == without_token(made.content)
    assert (served["ETag"], served["Last-Modified"]) == (made["ETag"], made["Last-Modified"])
    assert served["Cache-Control"] == "private, no-cache"
    assert b"\x00" not in served.content
    assert "Atelier Mobilité" in served.content.decode()


def test_a_write_makes_the_next_visit_run_the_view(session, django_assert_max_num_queries):
    url = pages(session)["session"]
    Client().get(url)
    session.title = "Atelier Mobilité solidaire"
    session.save()

    page = Client().get(url).content.decode()

    assert "Atelier Mobilité solidaire" in page
    with django_assert_max_num_queries(0):
        again = Client().get(url).content.decode()
    assert "Atelier Mobilité solidaire" in again


def test_the_session_page_is_not_served_early_once_the_signup_has_closed(session):
    """Time is the one thing no version follows: the sign-up's closing. The kept page is served
    until the deadline, and the view answers from it (« closed »)."""
    congress = session.congress
    congress.signup_closes_at = timezone.now() + datetime.timedelta(seconds=1.5)
    congress.save()
    url = pages(session)["session"]
    before = Client().get(url).content.decode()
    assert 'id="signup-closed"' not in before

    time.sleep(max(0.0, (congress.signup_deadline - timezone.now()).total_seconds()) + 0.1)

    after = Client().get(url).content.decode()
    assert 'id="signup-closed"' in after


def test_the_track_page_is_served_early_until_the_edition_has_ended(
    session, monkeypatch, django_assert_max_num_queries
):
    congress = session.congress
    congress.end_date = timezone.localdate()
    congress.start_date = congress.end_date - datetime.timedelta(days=1)
    congress.save()
    url = pages(session)["track"]
    Client().get(url)
    with django_assert_max_num_queries(0):
        Client().get(url)
    tonight = timezone.make_aware(
        datetime.datetime.combine(congress.end_date + datetime.timedelta(days=1), datetime.time())
    )
    assert congress.ended_at == tonight and not congress.has_ended
    monkeypatch.setattr(keptpages, "_clock", lambda: tonight.timestamp() - 1)
    assert keptpages.early_response(RequestFactory().get(url)) is not None
    monkeypatch.setattr(keptpages, "_clock", lambda: tonight.timestamp())

    assert keptpages.early_response(RequestFactory().get(url)) is None


def test_a_304_is_answered_before_the_view(session, django_assert_num_queries):
    url = pages(session)["session"]
    visitor = Client()
    visitor.get(url)  # sets the visitor's CSRF cookie, which the ETag names
    etag = visitor.get(url)["ETag"]

    with django_assert_num_queries(0):
        response = visitor.get(url, headers={"if-none-match": etag})

    assert (response.status_code, response["ETag"], response.content) == (304, etag, b"")


def test_each_visitor_posts_with_their_own_token(session):
    url = pages(session)["session"]
    Client().get(url)
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url)
    token = TOKEN.search(page.content).group(1).decode()

    posted = visitor.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )

    assert posted.status_code == 302
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(reverse("home"))
    refused = stranger.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}
    )
    assert refused.status_code == 403


def test_never_early_for_a_logged_in_person_a_message_a_query_or_a_post(session, settings):
    url = pages(session)["session"]
    Client().get(url)  # kept, and remembered for early visits
    factory = RequestFactory()

    def request(method="get", cookie=None, **data):
        made = getattr(factory, method)(url, data)
        if cookie:
            made.COOKIES[cookie] = "anything"
        return made

    assert keptpages.early_response(request(cookie=settings.SESSION_COOKIE_NAME)) is None
    assert keptpages.early_response(request(cookie=CookieStorage.cookie_name)) is None
    assert keptpages.early_response(request(utm_source="lettre")) is None
    assert keptpages.early_response(request("post")) is None
    assert keptpages.early_response(request("head")) is None
    assert keptpages.early_response(request()) is not None
    logged_in = Client()
    logged_in.force_login(UserFactory(full_name="Bérénice Connectée"))
    with CaptureQueriesContext(connection) as queries:
        logged_in.get(url)
    assert len(queries) > 0  # the view ran: it read the edition and the person


def test_a_visitor_with_a_message_waiting_sees_it(session, client):
    """The message is read by the page's view (shown once), not hidden by a kept page."""
    url = pages(session)["session"]
    Client().get(url)
    storage = CookieStorage(RequestFactory().get("/"))
    from django.contrib.messages.storage.base import Message

    client.cookies[CookieStorage.cookie_name] = storage._encode(
        [Message(constants.SUCCESS, "Votre inscription est enregistrée.")]
    )

    page = client.get(url).content.decode()

    assert "Votre inscription est enregistrée." in page


def test_the_index_of_early_pages_is_bounded(session, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(keptpages, "EARLY_ENTRIES", 2)
    urls = list(pages(session).values())
    for url in urls:
        Client().get(url)

    assert len(keptpages._early) == 2  # noqa: SLF001
    assert keptpages.early_response(RequestFactory().get(urls[0])) is None  # the oldest dropped
    assert keptpages.early_response(RequestFactory().get(urls[2])) is not None


def test_a_change_of_the_release_is_never_hidden(session, settings):
    """The demo banner (a setting every page draws) and the code are in the site's release, as
    in the kept page's own key: a page remembered before the change is not served after it."""
    url = pages(session)["programme"]
    settings.DEMO_SITE = True
    Client().get(url)
    assert 'id="demo-banner"' in Client().get(url).content.decode()

    settings.DEMO_SITE = False

    assert keptpages.early_response(RequestFactory().get(url)) is None
    assert 'id="demo-banner"' not in Client().get(url).content.decode()
