"""Whole pages for visitors who are not logged in, the process's own copies of cached entries and
the versions read once per request (congress/core/pagecache.py, issue 18).

A kept page must never leak one visitor's CSRF token or « next » to another, never outlive a
change of its edition or of the site (the menu's current edition), and never be kept for a
logged-in person or a visitor with a message waiting."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from congress.core import pagecache
from congress.core.localcache import LocalEntries
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
NEXT = re.compile(rb'<input name="next" type="hidden" value="([^"]*)"')


@pytest.fixture
def session():
    congress = CongressFactory(slug="c-whole", name="Congrès entier", is_current=True)
    room = RoomFactory(venue=VenueFactory(congress=congress), name="Salle Bleue", capacity=30)
    kind = SessionTypeFactory(congress=congress, slug="atelier", name="Atelier", is_workshop=True)
    track = TrackFactory(congress=congress, slug="insertion", name="Insertion")
    return SessionFactory(
        congress=congress, room=room, session_type=kind, track=track, title="Atelier Logement"
    )


def _url(session):
    return reverse("session_detail", args=[session.congress.slug, session.pk])


def _whole_keys():
    return {k for k in cache._cache if ":whole-page:" in k}  # noqa: SLF001


def test_a_kept_page_carries_each_visitors_own_csrf_token(session):
    """The second visitor gets the page from the cache, with a token of their own cookie: the
    language form posts with it (CSRF checks on), and never with the first visitor's."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(_url(session))
    assert len(_whole_keys()) == 1
    page_two = second.get(_url(session))
    assert len(_whole_keys()) == 1  # served from the entry, not rendered again
    assert b"Atelier Logement" in page_two.content
    assert b"\x00" not in page_two.content
    token_one = TOKEN.search(page_one.content).group(1).decode()
    token_two = TOKEN.search(page_two.content).group(1).decode()
    assert token_one != token_two
    language = reverse("set_language")
    posted = second.post(
        language, {"language": "en", "next": "/", "csrfmiddlewaretoken": token_two}
    )
    assert posted.status_code == 302
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(reverse("home"))  # a cookie of their own
    refused = stranger.post(language, {"language": "en", "csrfmiddlewaretoken": token_two})
    assert refused.status_code == 403


def test_the_language_forms_next_is_the_visitors_own_path_escaped(client, session):
    client.get(_url(session))
    page = client.get(_url(session), {"utm_source": '"><script>x</script>'})
    assert len(_whole_keys()) == 1  # a made-up query string makes no entry
    expected = _url(session) + "?utm_source=%22%3E%3Cscript%3Ex%3C%2Fscript%3E"
    assert NEXT.search(page.content).group(1).decode() == expected
    assert b"<script>x" not in page.content
    plain = client.get(_url(session))
    assert NEXT.search(plain.content).group(1).decode() == _url(session)


def test_a_change_of_the_edition_or_of_the_current_edition_shows_at_once(client, session):
    client.get(_url(session))
    session.title = "Atelier Santé"
    session.save()
    assert b"Atelier Sant" in client.get(_url(session)).content
    # the menu links to the current edition: another becomes current (the site's version)
    other = CongressFactory(slug="c-next", name="Congrès suivant", is_current=False)
    session.congress.is_current = False
    session.congress.save()
    other.is_current = True
    other.save()
    page = client.get(_url(session)).content.decode()
    assert reverse("programme", args=["c-next"]) in page
    assert reverse("programme", args=["c-whole"]) not in page.split("<main", 1)[0]


def test_never_kept_for_a_logged_in_person_nor_with_a_message_waiting(client, session):
    client.force_login(UserFactory())
    client.get(_url(session))
    assert _whole_keys() == set()
    visitor = Client()
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Votre message a bien été envoyé.")
    response = visitor.get(reverse("home"))  # any page: to get the cookie's name
    storage.update(response)
    visitor.cookies.update(response.cookies)
    kept = _whole_keys()  # the home's
    page = visitor.get(_url(session))
    assert "Votre message a bien été envoyé." in page.content.decode()
    assert _whole_keys() == kept
    # the next plain visit is kept, and shows no message
    again = Client().get(_url(session))
    assert "Votre message" not in again.content.decode()
    assert len(_whole_keys() - kept) == 1


def test_a_page_that_is_not_a_plain_200_is_not_kept(client, session):
    assert client.get(reverse("session_detail", args=["c-whole", 999999])).status_code == 404
    assert _whole_keys() == set()


def test_the_processes_copies_are_copies_and_bounded():
    local = LocalEntries(max_bytes=8_000)
    local.put("a", {"rows": [1, 2]})
    mine = local.get("a")
    mine["rows"].append(3)
    assert local.get("a") == {"rows": [1, 2]}  # a reader's change never reaches the next one
    local.put("text", "x" * 600)
    assert local.get("text") is not None
    local.put("big", "y" * 2_000)  # more than an eighth of the room: not kept
    assert local.get("big") is None
    for n in range(20):  # 20 × ~600 B > 8,000 B: the least recently used go first
        local.get("text")
        local.put(f"k{n}", "z" * 600)
    assert local.get("k0") is None
    assert local.get("k19") is not None
    assert local.get("text") is not None  # read all along
    assert local.size <= 8_000


def test_a_shared_entry_is_read_once_then_from_the_process(django_assert_num_queries, settings):
    rendered = []
    cache_key = pagecache.key(pagecache.SITE, "test-entry")
    assert pagecache.get_or_render(cache_key, lambda: rendered.append(1) or "page") == "page"
    cache.delete(cache_key)  # the shared copy gone: the process's own still answers
    assert pagecache.get_or_render(cache_key, lambda: rendered.append(1) or "other") == "page"
    assert rendered == [1]
    pagecache.clear_local()
    assert pagecache.get_or_render(cache_key, lambda: rendered.append(1) or "fresh") == "fresh"


def test_versions_are_read_once_per_request_and_a_write_during_it_is_seen(session):
    """Outside a request every read goes to the shared cache; inside one, a version is read
    once, and the request's own bump is seen by its later reads."""
    scope = session.congress_id
    before = pagecache.version(scope)
    cache.set(pagecache.version_key(scope), "changed-elsewhere", None)
    assert pagecache.version(scope) == "changed-elsewhere"  # no memo outside a request
    pagecache._request_started()  # noqa: SLF001
    try:
        assert pagecache.version(scope) == "changed-elsewhere"
        cache.set(pagecache.version_key(scope), "changed-again", None)
        assert pagecache.version(scope) == "changed-elsewhere"  # read once in the request
        pagecache.bump(scope)  # this request's own write (a test: at once)
        assert pagecache.version(scope) not in {"changed-elsewhere", "changed-again", before}
    finally:
        pagecache._request_finished()  # noqa: SLF001
    assert pagecache.version(scope) == cache.get(pagecache.version_key(scope))


def test_the_api_sessions_json_is_kept_and_equals_drfs_rendering(client, session):
    """The kept JSON (plain `application/json`) is what DRF renders (`; indent=2`, which goes
    through its renderer), and a change of the programme shows at once."""
    import json

    url = f"/api/v1/congresses/{session.congress.slug}/sessions/"
    kept = client.get(url, headers={"accept": "application/json"})
    assert kept["Content-Type"] == "application/json"
    assert any(":api-sessions-json:" in k for k in cache._cache)  # noqa: SLF001
    assert client.get(url).content == kept.content  # served from the entry
    rendered = client.get(url, headers={"accept": "application/json; indent=2"})
    assert b"\n  " in rendered.content
    assert json.loads(kept.content) == json.loads(rendered.content)
    assert [item["title"] for item in json.loads(kept.content)] == ["Atelier Logement"]
    browsable = client.get(url, headers={"accept": "text/html"})
    assert browsable["Content-Type"].startswith("text/html")
    session.title = "Atelier Santé"
    session.save()
    assert [item["title"] for item in client.get(url).json()] == ["Atelier Santé"]


def test_anonymous_api_clients_are_counted_once_members_by_account(client, session, settings):
    """One throttle counter per anonymous client (its address), one per account for members:
    DRF's UserRateThrottle would count an anonymous client a second time."""
    url = f"/api/v1/congresses/{session.congress.slug}/sessions/"

    def counters():
        return {k.split(":", 2)[2].rsplit("_", 1)[0] for k in cache._cache if "throttle_" in k}  # noqa: SLF001

    client.get(url)
    assert counters() == {"throttle_anon"}
    member = UserFactory()
    client.force_login(member)
    client.get(url)
    assert counters() == {"throttle_anon", "throttle_user"}
    assert any(k.endswith(f"throttle_user_{member.pk}") for k in cache._cache)  # noqa: SLF001


def test_no_kept_page_carries_one_visitors_query_string_to_another(session):
    """A stranger opens every kept page first with a planted parameter (a link they would send
    around); the next visitor's copy shows none of it: the pages are kept under their
    normalised filters only, and the return address is put back per visitor."""
    slug = session.congress.slug
    urls = [
        reverse("home"),
        reverse("congress_detail", args=[slug]),
        reverse("programme", args=[slug]),
        _url(session),
        reverse("track_detail", args=[slug, "insertion"]),
        reverse("public_policy_list", args=[slug]),
        reverse("organisation_list"),
    ]
    planted = "zz-planted-9f3"
    stranger = Client()
    for url in urls:
        assert stranger.get(url, {"utm": planted, "page": "1"}).status_code == 200, url
    kept = _whole_keys()
    assert len(kept) == len(urls)  # each page kept once, from the stranger's visit
    visitor = Client()
    for url in urls:
        page = visitor.get(url)
        assert page.status_code == 200, url
        assert planted not in page.content.decode(), url
    assert _whole_keys() == kept  # served from the stranger's entries
