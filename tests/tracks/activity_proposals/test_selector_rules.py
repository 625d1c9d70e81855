"""Reads of partners' proposals (issue 15): the partners a person manages in one edition, by
name; a partner's proposals newest first; the organisers' list by start time."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from congress.editions.partners import Partner
from tests.factories import CongressFactory, MembershipFactory
from tests.tracks.activity_proposals.conftest import at, submit
from tracks.activity_proposals import selectors
from tracks.activity_proposals.models import ActivityProposal

pytestmark = pytest.mark.django_db


def test_the_partners_managed_are_the_manager_s_own_in_that_edition_by_name(call):
    organisation = call.partner.organisation
    other_edition = CongressFactory(slug="autre-semaine", kind="programme")
    Partner.objects.create(congress=other_edition, name="Ailleurs", organisation=organisation)
    second = Partner.objects.create(congress=call.week, name="Antenne", organisation=organisation)
    Partner.objects.create(congress=call.week, name="Autre association")  # not theirs
    assert list(selectors.partners_managed(call.manager, call.week)) == [second, call.partner]


def test_a_plain_member_or_an_anonymous_visitor_manages_no_partner(call):
    member = MembershipFactory(organisation=call.partner.organisation, role="member").user
    assert list(selectors.partners_managed(member, call.week)) == []
    assert list(selectors.partners_managed(AnonymousUser(), call.week)) == []


def test_a_partner_s_proposals_come_newest_first(call):
    older = submit(call, title="Première")
    newer = submit(call, title="Seconde")
    ActivityProposal.objects.filter(pk=newer.pk).update(
        created_at=older.created_at + timedelta(hours=1)
    )
    assert list(selectors.proposals_of_partners([call.partner])) == [newer, older]
    ActivityProposal.objects.filter(pk=older.pk).update(
        created_at=older.created_at + timedelta(hours=2)
    )
    assert list(selectors.proposals_of_partners([call.partner])) == [older, newer]


def test_the_organisers_list_follows_the_start_times_of_one_edition(call):
    day = call.week.start_date
    late = submit(call, title="Soirée", starts_at=at(day, 18), ends_at=at(day, 20))
    early = submit(call, title="Matinée", starts_at=at(day, 9), ends_at=at(day, 10))
    assert list(selectors.proposals_for_organisers(call.week)) == [early, late]
    assert list(selectors.proposals_for_organisers(call.week, status="submitted")) == [early, late]
    assert list(selectors.proposals_for_organisers(CongressFactory())) == []
