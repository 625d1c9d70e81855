"""The edition page is served before its view to visitors who are not logged in (issue 18):
its live part « Il reste N places » / « S'inscrire au congrès » must follow every write that
changes the places left — those no signal sees too (a new order's registrations, an order
released, offers lapsed) — and the moments they change with the clock alone."""

import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.core import pagecache
from congress.editions.cached import live_scope
from congress.registrations import seats, services
from congress.registrations.models import Order, WaitlistEntry, WaitlistState
from tests.congress.editions.test_edition_page_cache import CSRF, _upcoming
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PLACES = re.compile(r"Il reste (\d+) places?\.")


def places_left(client, url) -> int | None:
    found = PLACES.search(CSRF.sub("", client.get(url).content.decode()))
    return int(found.group(1)) if found else None


def test_the_places_left_follow_every_write_and_the_clock(client, django_assert_max_num_queries):
    congress = _upcoming("c-live")
    home, page = reverse("home"), reverse("congress_detail", args=[congress.slug])
    assert [places_left(client, url) for url in (home, page)] == [10, 10]
    with django_assert_max_num_queries(1):  # served before the view: the versions, one read
        assert places_left(client, home) == 10

    person = UserFactory()
    order = services.order_create(
        congress=congress,
        by=person,
        tariff=congress.tariffs.get(),
        delegates=[{"full_name": "Awa Diallo", "email": "awa@example.org"}],
    )  # fmt: skip  (a bulk_create: no signal)
    assert [places_left(client, url) for url in (home, page)] == [9, 9]

    services.order_cancel(order=Order.objects.get(pk=order.pk), by=person)  # an update()
    assert [places_left(client, url) for url in (home, page)] == [10, 10]

    lapses_at = timezone.now() + timedelta(seconds=1.5)
    WaitlistEntry.objects.create(
        congress=congress, user=UserFactory(), state=WaitlistState.OFFERED,
        offered_until=lapses_at,
    )  # fmt: skip
    assert [places_left(client, url) for url in (home, page)] == [9, 9]
    assert places_left(client, home) == 9  # kept again, until the offer lapses
    time.sleep(max(0.0, (lapses_at - timezone.now()).total_seconds()) + 0.1)
    assert [places_left(client, url) for url in (home, page)] == [10, 10]  # no write: the clock

    with seats.transaction.atomic():
        seats.waitlist_advance(congress=seats.lock_congress(congress.pk))  # lapsed: an update()
    assert WaitlistEntry.objects.get().state == WaitlistState.LAPSED
    assert [places_left(client, url) for url in (home, page)] == [10, 10]

    congress.capacity = 12  # the edition's own row
    congress.save()
    assert [places_left(client, url) for url in (home, page)] == [12, 12]


def test_orders_change_only_the_live_part(client):
    """A rush of orders changes the places left, not what the edition's page shares with the
    programme, the tracks and the sessions: their version stays, only the live part's moves,
    so those pages stay kept while places are taken."""
    congress = _upcoming("c-rush")
    places_left(client, reverse("home"))
    edition_before, live_before = (
        pagecache.version(congress.pk),
        pagecache.version(live_scope(congress.pk)),
    )
    for n in range(3):
        services.order_create(
            congress=congress,
            by=UserFactory(),
            tariff=congress.tariffs.get(),
            delegates=[{"full_name": f"Personne {n}", "email": f"p{n}@example.org"}],
        )
    assert pagecache.version(congress.pk) == edition_before
    assert pagecache.version(live_scope(congress.pk)) != live_before
    assert places_left(client, reverse("home")) == 7
