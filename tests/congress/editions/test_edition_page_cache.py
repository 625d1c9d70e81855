"""The edition's page cache (issue 18): the home (`/`) and /editions/<slug>/ are served from the
cache, fresh after every write of what they show; what depends on the time or the person
(« Il reste N places », registration open or closed, an evening full or not, the CSRF form) is
rendered for each request and never hidden behind a 304."""

import re
import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from congress.core import pagecache
from congress.editions import cached
from congress.editions.models import Congress
from congress.editions.partners import Partner
from congress.registrations import services as registrations
from reports.models import ReportSettings
from tests.factories import (
    CongressFactory,
    PolicyProposalFactory,
    RoomFactory,
    SessionFactory,
    TariffFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
)
from tests.factories.funding import FundingCallFactory
from tracks.activities.models import ActivityRegistration
from tracks.stands.models import Stand

pytestmark = pytest.mark.django_db
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="\w+"')


def _upcoming(slug="c-home", **extra):
    congress = CongressFactory(
        slug=slug, is_current=True, capacity=10, fil_rouge="Premier fil",
        features={"paid_registration": True}, **extra,
    )  # fmt: skip
    venue = VenueFactory(congress=congress, name="Halle Sud")
    RoomFactory(venue=venue, name="Salle Bleue", capacity=30)
    TrackFactory(congress=congress, slug="insertion", name="Insertion")
    TariffFactory(congress=congress, audience="individual", price=0)
    return Congress.objects.get(pk=congress.pk)


def _ended(slug):
    day = timezone.localdate() - timedelta(days=30)
    return CongressFactory(slug=slug, start_date=day, end_date=day + timedelta(days=1))


def read(client, url):
    return CSRF.sub("", client.get(url).content.decode())


def urls(congress):
    return [reverse("home"), reverse("congress_detail", args=[congress.slug])]


# Each write returns (text, shown or gone).
def _fil_rouge(congress):
    congress.fil_rouge = "Nouveau fil"
    congress.save()
    return "Nouveau fil", True


def _venue(congress):
    venue = congress.venues.get()
    venue.name = "Halle Nord"
    venue.save()
    return "Halle Nord", True


def _room(congress):
    room = congress.venues.get().rooms.get()
    room.name = "Salle Verte"
    room.save()
    return "Salle Verte", True


def _track(congress):
    TrackFactory(congress=congress, slug="logement", name="Logement d'abord")
    return "Logement d&#x27;abord", True


def _track_deleted(congress):
    congress.tracks.get(slug="insertion").delete()
    return "Insertion", False


def _partner(congress):
    Partner.objects.create(congress=congress, name="Fondation Lumière")
    return "Fondation Lumière", True


def _funding_call(congress):
    FundingCallFactory(congress=congress, title="Appel Solidaire")
    return "Appel Solidaire", True


def _order(congress):
    """A seat taken: the live « Il reste N places » follows at once."""
    registrations.order_create(
        congress=congress, by=UserFactory(), tariff=congress.tariffs.get(),
        delegates=[{"full_name": "Awa Diallo", "email": "awa@example.org"}],
    )  # fmt: skip
    return "Il reste 9 places.", True


WRITES = [_fil_rouge, _venue, _room, _track, _track_deleted, _partner, _funding_call, _order]


def test_the_registration_closing_with_the_clock_shows_at_once(client):
    """The phase changes with the time alone, no write: the page served before its view is
    served only until the closing moment the call-to-action gave (a real wait, as time does)."""
    closes_at = timezone.now() + timedelta(seconds=1.5)
    congress = _upcoming("c-closing", registration_closes_at=closes_at)
    for url in urls(congress):
        assert "S'inscrire au congrès" in read(client, url)
        assert "S'inscrire au congrès" in read(client, url)  # kept, served before the view
    time.sleep(max(0.0, (closes_at - timezone.now()).total_seconds()) + 0.1)
    for url in urls(congress):
        assert "S'inscrire au congrès" not in read(client, url), url


def test_every_write_makes_the_next_read_fresh(client):
    for index, write in enumerate(WRITES):
        Congress.objects.update(is_current=False)
        congress = _upcoming(f"c-{index}")
        for url in urls(congress):
            before = read(client, url)
            assert before == read(client, url), write.__name__  # the second read is cached
        needle, present = write(congress)
        for url in urls(congress):
            assert (needle in read(client, url)) is present, (write.__name__, url)
            assert (needle in before) is not present, (write.__name__, url)


def _result_policy(congress):
    PolicyProposalFactory(congress=congress)
    return "1 proposition adressée aux décideurs", True


def _result_programme(congress):
    SessionFactory(congress=congress)
    return "Le programme tel qu'il s'est déroulé", True


def _result_report(congress):
    ReportSettings.objects.create(
        congress=congress, published_file="reports/rapport.pdf", published_at=timezone.now()
    )
    return "Télécharger le rapport final (PDF)", True


def test_the_results_of_an_ended_edition_are_fresh(client):
    for index, write in enumerate((_result_policy, _result_programme, _result_report)):
        congress = _ended(f"past-{index}")
        url = reverse("congress_detail", args=[congress.slug])
        before = read(client, url)
        assert before == read(client, url)
        needle, present = write(congress)
        assert (needle in read(client, url)) is present, write.__name__
        assert (needle in before) is not present, write.__name__


def test_an_evening_full_and_its_stands_are_fresh(client):
    evening = CongressFactory(slug="soiree", kind="evening", capacity=1)
    url = reverse("congress_detail", args=[evening.slug])
    assert "S'inscrire à la soirée" in read(client, url) and "Complet" not in read(client, url)
    assert "1 stand d" not in read(client, url)
    Stand.objects.create(congress=evening, name="Association A", holder_kind="association")
    assert "1 stand d" in read(client, url)
    ActivityRegistration.objects.create(
        congress=evening, full_name="Awa Diallo", email="awa@example.org", status="confirmed"
    )  # a seat of the evening: not watched, rendered live
    assert "Complet" in read(client, url)


def test_every_table_the_cold_page_reads_is_watched(client):
    """The cached part's cold render reads only watched tables (else a write to them would leave
    it stale); the live parts (places left, the phase, an evening's seats) are not cached."""
    congress = _upcoming("c-tables", kind="congress")
    FundingCallFactory(congress=congress)
    Partner.objects.create(congress=congress, name="Fondation Lumière")
    past = _ended("past-tables")
    PolicyProposalFactory(congress=past)
    evening = CongressFactory(slug="soiree-tables", kind="evening", capacity=5)
    Stand.objects.create(congress=evening, name="Association A", holder_kind="association")
    programme = CongressFactory(slug="semaine-tables", kind="programme")
    watched = pagecache.watched_models()
    covered = {m._meta.db_table for m in watched}
    for model in watched:
        covered |= {f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many}
    models = {m._meta.db_table: m._meta.label for m in apps.get_models()}
    read_tables = set()
    for edition, home in ((congress, True), (congress, False), (past, False), (evening, False),
                          (programme, False)):  # fmt: skip
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            body, _key = cached.edition_body(edition, home=home)
        assert edition.name in body or home is False
        read_tables |= {
            t for q in queries for t in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', q["sql"])
        }
    assert {"congress_venue", "congress_partner", "funding_fundingcall"} <= read_tables
    assert {models.get(t, t) for t in read_tables - covered} == set()


def test_a_warm_read_runs_only_the_live_queries(client, django_assert_max_num_queries):
    congress = _upcoming("c-warm")
    client.get("/")
    # the current edition, the header's current edition, the live call-to-action (the tariffs,
    # the seats held): none of the venue, rooms, tracks, partners, calls or results
    with django_assert_max_num_queries(5):
        page = client.get("/").content.decode()
    assert "Il reste 10 places." in page and "Halle Sud" in page and congress.name in page
