"""The public programme's cache (issue 18): served from the cache, fresh after every write,
304 for a client that holds the current version, personal marks filled per person."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.core import pagecache
from congress.editions.models import Room
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

SLUG = "congres-cache"


@pytest.fixture
def edition():
    congress = CongressFactory(slug=SLUG, fil_rouge="Premier fil")
    venue = VenueFactory(congress=congress)
    room = RoomFactory(venue=venue, name="Salle Bleue", capacity=30)
    kind = SessionTypeFactory(congress=congress, slug="atelier", name="Atelier")
    track = TrackFactory(congress=congress, slug="insertion", short_name="Insertion")
    session = SessionFactory(
        congress=congress, room=room, session_type=kind, track=track, title="Atelier Logement"
    )
    return congress, session


def pages(congress, track_slug="insertion"):
    """Every cached public page of an edition, by name."""
    return {
        "programme": reverse("programme", args=[congress.slug]),
        "programme iCal": reverse("programme_ical", args=[congress.slug]),
        "track iCal": reverse("track_ical", args=[congress.slug, track_slug]),
        "API sessions": f"/api/v1/congresses/{congress.slug}/sessions/",
    }


def read_all(client, congress):
    """Every page's text, the CSRF token of each rendering (masked afresh each time) left out."""
    return {
        name: re.sub(
            r'name="csrfmiddlewaretoken" value="\w+"', "", client.get(url).content.decode()
        )
        for name, url in pages(congress).items()
    }


# Every write that changes what the cached pages show, through its service where there is one
# (the others are the organisers' admin forms, which save the model). Each returns the text the
# next read must show (True) or no longer show (False), and on which pages.
HTML_ICAL_API = ("programme", "programme iCal", "track iCal", "API sessions")


def participant(congress):
    user = UserFactory()
    make_participant(user, congress)
    return user


def _new_session(congress, session, _prepared=None):
    services.session_save(
        congress=congress, by=None, title="Atelier Mobilité", session_type=session.session_type,
        track=session.track, room=session.room, starts_at=session.starts_at + timedelta(hours=3),
        ends_at=session.ends_at + timedelta(hours=3), capacity=10,
    )  # fmt: skip
    return "Atelier Mobilité", True, HTML_ICAL_API


def _retitle(congress, session, _prepared=None):
    services.session_save(congress=congress, by=None, session=session, title="Atelier Santé")
    return "Atelier Santé", True, HTML_ICAL_API


def _delete(congress, session, _prepared=None):
    services.session_delete(session=session, by=UserFactory(is_superuser=True, is_staff=True))
    return "Atelier Logement", False, HTML_ICAL_API


def _signup(congress, session, _prepared=None):
    services.signup_create(session=session, user=participant(congress))
    return '"signup_count":1', True, ("API sessions",)


def _prepare_cancel(congress, session):
    return services.signup_create(session=session, user=participant(congress))


def _cancel(congress, session, signup):
    services.signup_cancel(signup=signup, by=signup.user)
    return '"signup_count":0', True, ("API sessions",)


def _rename_room(congress, session, _prepared=None):
    room = Room.objects.get(pk=session.room_id)
    room.name = "Salle Verte"
    room.save()
    return "Salle Verte", True, ("programme", "programme iCal", "API sessions")


def _rename_track(congress, session, _prepared=None):
    track = session.track
    track.short_name = "Emploi"
    track.save()
    return "Emploi", True, ("programme",)


def _rename_type(congress, session, _prepared=None):
    kind = session.session_type
    kind.name = "Table ronde"
    kind.save()
    return "Table ronde", True, ("programme",)


def _edition_settings(congress, session, _prepared=None):
    congress.fil_rouge = "Nouveau fil"
    congress.save()
    return "Nouveau fil", True, ("programme",)


def _accessibility(congress, session, _prepared=None):
    services.session_save(congress=congress, by=None, session=session, lsf_interpretation=True)
    return "LSF", True, ("programme", "programme iCal", "API sessions")


WRITES = [
    _new_session, _retitle, _delete, _signup, _cancel, _rename_room, _rename_track,
    _rename_type, _edition_settings, _accessibility,
]  # fmt: skip

PREPARE = {_cancel: _prepare_cancel}  # what must exist before the pages are read


def test_every_write_makes_the_next_read_fresh(client, edition):
    """One walk over every write: read every page (cached), write, read again: the change shows.
    Each write starts from a fresh edition so they do not hide one another."""
    for write in WRITES:
        congress, session = edition if write is WRITES[0] else _fresh_edition(write)
        prepared = PREPARE[write](congress, session) if write in PREPARE else None
        before = read_all(client, congress)
        assert before == read_all(client, congress)  # the second read comes from the cache
        needle, present, where = write(congress, session, prepared)
        after = read_all(client, congress)
        for name in where:
            assert (needle in after[name]) is present, (write.__name__, name)
            assert (needle in before[name]) is not present, (write.__name__, name)


def _fresh_edition(write):
    congress = CongressFactory(slug=f"c-{write.__name__.strip('_').replace('_', '-')}")
    venue = VenueFactory(congress=congress)
    room = RoomFactory(venue=venue, name="Salle Bleue", capacity=30)
    kind = SessionTypeFactory(congress=congress, slug="atelier", name="Atelier")
    track = TrackFactory(congress=congress, slug="insertion", short_name="Insertion")
    session = SessionFactory(
        congress=congress, room=room, session_type=kind, track=track, title="Atelier Logement"
    )
    return congress, session


def test_a_warm_read_runs_no_programme_query(client, edition, django_assert_max_num_queries):
    congress, _session = edition
    for name, url in pages(congress).items():
        client.get(url)
        # the edition only, and the track of a track's feed or the header's current edition
        with django_assert_max_num_queries(2 if name in {"track iCal", "programme"} else 1):
            assert client.get(url).status_code == 200


def _tables(sql: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', sql))


def test_every_table_a_cached_page_reads_is_watched(client, edition):
    """A page of the cache that starts reading a new model must have that model's writes
    watched (pagecache.watch in the app's ready()), or it would stay stale after them."""
    congress, _session = edition
    watched = pagecache.watched_models()
    covered = {m._meta.db_table for m in watched}
    for model in watched:  # the many-to-many tables of a watched model are watched with it
        covered |= {f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many}
    read = set()
    for url in pages(congress).values():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        read |= {t for q in queries for t in _tables(q["sql"])}
    models = {m._meta.db_table: m._meta.label for m in apps.get_models()}
    assert read, "no query captured"
    assert {models.get(t, t) for t in read - covered} == set()


def test_304_while_unchanged_then_200_after_a_write(client, edition):
    congress, session = edition
    client.get(pages(congress)["programme"])  # the visitor gets their CSRF cookie
    for name, url in pages(congress).items():
        first = client.get(url)
        etag = first["ETag"]
        assert first["Last-Modified"]
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304, name
        assert again.content == b""
    services.session_save(congress=congress, by=None, session=session, title="Atelier Santé")
    for name, url in pages(congress).items():
        response = client.get(url, headers={"if-none-match": etag})
        assert response.status_code == 200, name
        assert "Atelier Santé" in response.content.decode()


def test_the_cache_is_shared_and_the_sign_ups_are_personal(client, edition):
    """Two people read the same cached programme; each sees only their own sign-up marked, and
    a logged-in person never gets a 304 (their header follows their roles)."""
    congress, session = edition
    other = SessionFactory(
        congress=congress, room=session.room, session_type=session.session_type,
        title="Atelier Culture", starts_at=session.starts_at + timedelta(hours=3),
        ends_at=session.ends_at + timedelta(hours=3),
    )  # fmt: skip
    alice, bob = participant(congress), participant(congress)
    services.signup_create(session=session, user=alice)
    services.signup_create(session=other, user=bob)
    url = reverse("programme", args=[congress.slug])
    anonymous = client.get(url).content.decode()
    assert "inscrit·e" not in anonymous and "<!--mine" not in anonymous
    assert "mon programme" not in anonymous
    for person, mine, not_mine in ((alice, "Atelier Logement", "Atelier Culture"),
                                   (bob, "Atelier Culture", "Atelier Logement")):  # fmt: skip
        client.force_login(person)
        response = client.get(url)
        html = response.content.decode()
        assert "ETag" not in response
        assert "mon programme" in html
        marked = re.findall(r">([^<]+)</a>\s*<div class=\"small\">[^<]*<strong>inscrit·e", html)
        assert set(marked) == {mine}, (marked, not_mine)
    client.logout()


def test_each_filter_has_its_entry_and_other_parameters_share_it(client, edition):
    congress, session = edition
    SessionFactory(
        congress=congress, room=session.room, session_type=session.session_type,
        title="Atelier Culture", starts_at=session.starts_at + timedelta(hours=3),
        ends_at=session.ends_at + timedelta(hours=3),
    )  # fmt: skip
    url = reverse("programme", args=[congress.slug])
    everything = client.get(url).content.decode()
    assert "Atelier Culture" in everything and "Atelier Logement" in everything
    one_track = client.get(url, {"track": "insertion"}).content.decode()
    assert "Atelier Culture" not in one_track and "Atelier Logement" in one_track
    tagged = client.get(url, {"track": "insertion", "utm_source": "lettre"})
    assert "Atelier Culture" not in tagged.content.decode()
    assert tagged["ETag"] == client.get(url, {"track": "insertion"})["ETag"]


def test_a_new_release_or_banner_never_answers_with_the_old_page(client, edition, settings):
    """After a deploy (or the demo banner switched), a browser holding the old programme gets
    the new one, not « not modified », and the shared cache does not serve the old HTML."""
    congress, _session = edition
    url = pages(congress)["programme"]
    client.get(url)  # the visitor's CSRF cookie
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    settings.DEMO_SITE = not settings.DEMO_SITE
    switched = client.get(url, headers={"if-none-match": etag})
    assert switched.status_code == 200
    assert switched["ETag"] != etag
    old_key = pagecache.key(congress.pk, "programme")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RELEASE", "next-deploy")
        assert pagecache.key(congress.pk, "programme") != old_key
        assert client.get(url, headers={"if-none-match": switched["ETag"]}).status_code == 200


def test_the_code_token_follows_the_files_pages_are_made_of(tmp_path):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<h1>Programme</h1>")
    (tmp_path / "templates" / "notes.bak").write_text("ignored")
    before = pagecache.code_token.__wrapped__(tmp_path, ("templates",))
    (tmp_path / "templates" / "notes.bak").write_text("ignored, longer")
    assert pagecache.code_token.__wrapped__(tmp_path, ("templates",)) == before
    page.write_text("<h1>Programme du congrès</h1>")
    assert pagecache.code_token.__wrapped__(tmp_path, ("templates",)) != before
