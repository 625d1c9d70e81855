from datetime import datetime, time
from types import SimpleNamespace

import pytest
from django.utils import timezone

from congress.editions.partners import Partner
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    SessionTypeFactory,
    TrackFactory,
    VenueFactory,
)
from tracks.activity_proposals import services


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def call(db):
    """A public week with a partner (its organisation's manager), its place, another place."""
    week = CongressFactory(slug="semaine", kind="programme", programme_published=False)
    manager = MembershipFactory(role="manager").user
    partner = Partner.objects.create(
        congress=week, name="Bagagerie (démo)", organisation=manager.memberships.get().organisation
    )
    organiser = MembershipFactory().user
    week.organisers.add(organiser)
    return SimpleNamespace(
        week=week,
        manager=manager,
        partner=partner,
        organiser=organiser,
        venue=VenueFactory(congress=week, name="La bagagerie", host=partner),
        other_venue=VenueFactory(congress=week, name="Mairie du 11e"),
        kind=SessionTypeFactory(congress=week, name="Portes ouvertes", is_workshop=False),
        topic=TrackFactory(congress=week, name="Logement"),
    )


def fields(call, **overrides):
    day = call.week.start_date
    values = dict(
        venue=call.venue, title="Portes ouvertes de la bagagerie", session_type=call.kind,
        track=call.topic, description="Visite et rencontre avec l'équipe.",
        starts_at=at(day, 10), ends_at=at(day, 12), capacity=15, is_online=False,
    )  # fmt: skip
    values.update(overrides)
    return values


def submit(call, **overrides):
    """The partner's manager proposes an activity: `fields`, with `overrides`."""
    return services.activity_proposal_submit(
        partner=call.partner, by=call.manager, **fields(call, **overrides)
    )
