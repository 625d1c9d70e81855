"""The other public pages' cache (issue 18): session page, track page, public policy proposals,
organisations directory. Fresh after every write of what they show, the tables each cold render
reads all watched, warm reads without the page's own queries, keys on normalised parameters."""

import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.core import pagecache
from proposals.outcomes.endorsements.models import Endorsement
from proposals.outcomes.recording.models import Addressee, PolicyStatus
from tests.factories import (
    CongressFactory,
    OrganisationFactory,
    PolicyProposalFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    VenueFactory,
    make_participant,
)
from tracks import services
from tracks.models import TrackRoleKind

pytestmark = pytest.mark.django_db


def _edition(slug):
    congress = CongressFactory(slug=slug)
    room = RoomFactory(venue=VenueFactory(congress=congress), name="Salle Bleue", capacity=30)
    kind = SessionTypeFactory(congress=congress, slug="atelier", name="Atelier", is_workshop=True)
    track = TrackFactory(congress=congress, slug="insertion", name="Insertion")
    session = SessionFactory(
        congress=congress, room=room, session_type=kind, track=track, title="Atelier Logement",
        capacity=12,
    )  # fmt: skip
    organisation = OrganisationFactory(name=f"Épicerie {slug}", public_listing=True)
    session.organisations.add(organisation)
    moderator = UserFactory(full_name="Nadia Martin")
    session.moderators.add(moderator)
    TrackRoleFactory(track=track, user=moderator, role=TrackRoleKind.MODERATOR)
    proposal = PolicyProposalFactory(congress=congress, track=track, title="Pérenniser l'aide")
    proposal.addressees.set([Addressee.objects.order_by("pk").first()])
    return congress, session, track, organisation, moderator, proposal


def pages(congress, session):
    return {
        "session": reverse("session_detail", args=[congress.slug, session.pk]),
        "track": reverse("track_detail", args=[congress.slug, "insertion"]),
        "proposals": reverse("public_policy_list", args=[congress.slug]),
        "directory": reverse("organisation_list"),
    }


def read_all(client, congress, session):
    return {
        name: re.sub(
            r'name="csrfmiddlewaretoken" value="\w+"', "", client.get(url).content.decode()
        )
        for name, url in pages(congress, session).items()
    }


# Each write returns (text, shown or gone, on which pages).
def _retitle(congress, session, track, organisation, moderator, proposal):
    services.session_save(congress=congress, by=None, session=session, title="Atelier Santé")
    return "Atelier Santé", True, ("session", "track")


def _signup(congress, session, track, organisation, moderator, proposal):
    user = UserFactory()
    make_participant(user, congress)
    services.signup_create(session=session, user=user)
    return "11 places libres sur 12", True, ("session",)


def _rename_organisation(congress, session, track, organisation, moderator, proposal):
    organisation.name = "Épicerie de Sarthe"
    organisation.save()
    return "Épicerie de Sarthe", True, ("session", "directory")


def _unlist_organisation(congress, session, track, organisation, moderator, proposal):
    organisation.public_listing = False
    organisation.save()
    return organisation.name, False, ("directory",)


def _rename_moderator(congress, session, track, organisation, moderator, proposal):
    moderator.full_name = "Nadia Bernard"
    moderator.save()
    return "Nadia Bernard", True, ("session", "track")


def _new_track_moderator(congress, session, track, organisation, moderator, proposal):
    TrackRoleFactory(track=track, user=UserFactory(full_name="Yanis Petit"), role="moderator")
    return "Yanis Petit", True, ("track",)


def _unvalidate_proposal(congress, session, track, organisation, moderator, proposal):
    proposal.status = PolicyStatus.DRAFT
    proposal.save()
    return "Pérenniser l&#x27;aide", False, ("proposals",)


def _endorse(congress, session, track, organisation, moderator, proposal):
    Endorsement.objects.create(proposal=proposal, user=UserFactory())
    return "1 soutien", True, ("proposals",)


def _rename_addressee(congress, session, track, organisation, moderator, proposal):
    addressee = proposal.addressees.get()
    addressee.name = "Assemblée des départements"
    addressee.save()
    return "Assemblée des départements", True, ("proposals",)


def _rename_track(congress, session, track, organisation, moderator, proposal):
    track.name = "Emploi et insertion"
    track.save()
    return "Emploi et insertion", True, ("session", "track")


WRITES = [
    _retitle, _signup, _rename_organisation, _unlist_organisation, _rename_moderator,
    _new_track_moderator, _unvalidate_proposal, _endorse, _rename_addressee, _rename_track,
]  # fmt: skip


def test_every_write_makes_the_next_read_fresh(client):
    for index, write in enumerate(WRITES):
        rows = _edition(f"c-{index}")
        congress, session = rows[0], rows[1]
        before = read_all(client, congress, session)
        assert before == read_all(client, congress, session)  # the second read is cached
        needle, present, where = write(*rows)
        after = read_all(client, congress, session)
        for name in where:
            assert (needle in after[name]) is present, (write.__name__, name)
            assert (needle in before[name]) is not present, (write.__name__, name)


def test_every_table_a_cached_page_reads_is_watched(client):
    """A cached page that starts reading a new model must have that model watched."""
    congress, session, *_rest = _edition("c-tables")
    watched = pagecache.watched_models()
    covered = {m._meta.db_table for m in watched}
    for model in watched:
        covered |= {f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many}
    read = set()
    for url in pages(congress, session).values():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        read |= {t for q in queries for t in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', q["sql"])}
    models = {m._meta.db_table: m._meta.label for m in apps.get_models()}
    assert read
    assert {models.get(t, t) for t in read - covered} == set()


WARM = {"session": 2, "track": 2, "proposals": 3, "directory": 1}


def test_a_warm_read_runs_none_of_the_page_queries(client, django_assert_max_num_queries):
    congress, session, *_rest = _edition("c-warm")
    for name, url in pages(congress, session).items():
        client.get(url)
        # the edition and the header's current edition; on the proposals, the edition's
        # feature switch too (congress/editions/feature_guard.py): none of the page's own
        with django_assert_max_num_queries(WARM[name], info=name):
            assert client.get(url).status_code == 200, name


def _page_keys():
    return {k for k in cache._cache if ":pagecache:" in k and ":version:" not in k}  # noqa: SLF001


def test_only_normalised_parameters_make_entries(client):
    """Unknown parameters, junk or out-of-range pages and free-text searches add no entry."""
    OrganisationFactory.create_batch(31, public_listing=True)
    congress, session, *_rest = _edition("c-keys")
    directory = reverse("organisation_list")
    proposals = reverse("public_policy_list", args=[congress.slug])
    for url in (directory, proposals):
        client.get(url)
    client.get(directory, {"page": "2"})
    known = _page_keys()
    for query in ({"utm_source": "x"}, {"page": "abc"}, {"page": "999"}, {"page": "-1"},
                  {"q": "Mans"}, {"q": "zzz", "page": "3"}, {"kind": "nope"}):  # fmt: skip
        for url in (directory, proposals):
            assert client.get(url, query).status_code == 200
    assert _page_keys() == known
    # the same entry, hence the same ETag, for a page number beyond the last
    assert (
        client.get(directory, {"page": "999"})["ETag"]
        == client.get(directory, {"page": "2"})["ETag"]
    )
    searched = client.get(directory, {"q": "Épicerie"}).content.decode()
    assert "Épicerie c-keys" in searched and "ETag" not in client.get(directory, {"q": "x"})


def test_the_endorsed_mark_is_personal(client):
    congress, session, track, organisation, moderator, proposal = _edition("c-mine")
    alice, bob = UserFactory(), UserFactory()
    Endorsement.objects.create(proposal=proposal, user=alice)
    url = reverse("public_policy_list", args=[congress.slug])
    assert "vous la soutenez" not in client.get(url).content.decode()
    for person, marked in ((alice, True), (bob, False)):
        client.force_login(person)
        html = client.get(url).content.decode()
        assert ("vous la soutenez" in html) is marked
        assert "<!--endorsed" not in html
