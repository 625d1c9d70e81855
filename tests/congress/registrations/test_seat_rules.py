"""Rules of the places count (`seats_held`, `places_left`; mutation testing, issue 19): what holds
a place at this edition, and only at this one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from congress.registrations import seats
from congress.registrations.models import WaitlistEntry, WaitlistState
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


def offer(congress, *, tariff=None, hours=24):
    return WaitlistEntry.objects.create(
        congress=congress,
        tariff=tariff,
        user=UserFactory(),
        state=WaitlistState.OFFERED,
        offered_at=timezone.now(),
        offered_until=timezone.now() + timedelta(hours=hours),
    )


def test_a_live_offer_at_another_edition_holds_no_place_here(edition):
    other = CongressFactory(capacity=10)
    offer(other)
    offer(edition)

    assert seats.seats_held(edition) == 1
    assert seats.places_left(edition) == 9
    assert seats.places_left(other) == 9


def test_a_live_offer_at_a_tariff_holds_a_place_of_its_quota(edition, tariffs):
    quota = tariffs["association"]
    quota.quota = 3
    quota.save()
    offer(edition, tariff=quota)
    offer(edition, tariff=tariffs["public"])

    assert seats.seats_held(edition, tariff=quota) == 1
    assert seats.places_left(edition, tariff=quota) == 2
    assert seats.places_left(edition) == 8
