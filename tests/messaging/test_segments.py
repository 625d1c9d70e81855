"""Who each segment reaches (messaging/selectors.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from congress.registrations.models import OrderState
from messaging.models import Audience
from messaging.selectors import segment_choices, segment_people

pytestmark = pytest.mark.django_db


def emails(world, audience, value=""):
    return [p.email for p in segment_people(world.congress, audience, str(value))]


def test_segment_delegates_are_the_confirmed_ones_in_french_order(world):
    assert emails(world, Audience.DELEGATES) == [
        "bruno@example.org", "elodie@example.org", "jane@example.org",
        world.transfer_order.placed_by.email,
    ]  # fmt: skip
    assert world.pending.email not in emails(world, Audience.DELEGATES)


def test_segment_carries_organisation_order_and_language(world):
    people = {p.email: p for p in segment_people(world.congress, Audience.DELEGATES)}
    jane = people["jane@example.org"]
    assert (jane.organisation, jane.order_reference, jane.language) == (
        "Épicerie solidaire du Maine",
        world.delegates[2].order.reference,
        "en",
    )
    assert people["elodie@example.org"].language == "fr"


def test_segment_managers_of_organisations_with_orders(world):
    people = segment_people(world.congress, Audience.MANAGERS)
    assert [(p.email, p.organisation) for p in people] == [
        ("marc@example.org", "Épicerie solidaire du Maine")
    ]


def test_segment_by_tariff(world):
    assert emails(world, Audience.TARIFF, world.other_tariff.pk) == ["bruno@example.org"]


def test_segment_by_payment_state_includes_pending_registrations(world):
    assert emails(world, Audience.PAYMENT_STATE, OrderState.PENDING_PAYMENT) == [
        world.pending.email
    ]


def test_segment_by_day(world):
    second = world.congress.days[1].isoformat()
    assert sorted(emails(world, Audience.DAY, second)) == [
        "bruno@example.org",
        "elodie@example.org",
    ]


def test_segment_by_workshop_with_registration_details(world):
    people = segment_people(world.congress, Audience.WORKSHOP, str(world.workshop.pk))
    assert [(p.email, p.organisation) for p in people] == [
        ("elodie@example.org", "Épicerie solidaire du Maine"),
        ("jane@example.org", "Épicerie solidaire du Maine"),
    ]


def test_segment_track_roles_and_speakers(world):
    track = world.track.pk
    assert emails(world, Audience.MODERATORS, track) == [world.moderator.email]
    assert emails(world, Audience.REVIEWERS, track) == [world.reviewer.email]
    assert emails(world, Audience.SPEAKERS, track) == ["sara@example.org"]


def test_segment_waitlist(world):
    people = segment_people(world.congress, Audience.WAITLIST)
    assert [(p.email, p.organisation, p.order_reference) for p in people] == [
        (world.waiting.email, "", "")
    ]


def test_segment_unpaid_transfer_only_when_due_soon(world):
    congress = world.congress
    congress.payment_terms_days = 3
    congress.save(update_fields=["payment_terms_days"])
    assert emails(world, Audience.UNPAID_TRANSFER) == [world.transfer_order.placed_by.email]
    world.transfer_order.created_at = timezone.now() - timedelta(days=10)  # overdue: not a reminder
    world.transfer_order.save(update_fields=["created_at"])
    assert emails(world, Audience.UNPAID_TRANSFER) == []


def test_segment_person_matching_twice_counts_once(world):
    """Two registrations under one address (whatever its case): one recipient."""
    world.delegates[1].email = "JANE@example.org"  # same address, other case
    world.delegates[1].save(update_fields=["email"])
    assert (
        sorted(e.lower() for e in emails(world, Audience.DELEGATES)).count("jane@example.org") == 1
    )


def test_segment_choices_offer_every_kind_of_segment(world):
    values = [value for _group, options in segment_choices(world.congress) for value, _ in options]
    assert "delegates" in values and "managers" in values and "waitlist" in values
    assert f"tariff:{world.tariff.pk}" in values
    assert f"workshop:{world.workshop.pk}" in values
    assert f"day:{world.congress.days[0].isoformat()}" in values
    assert f"speakers:{world.track.pk}" in values and f"reviewers:{world.track.pk}" in values
    assert "payment_state:paid" in values and "payment_state:cancelled" not in values
