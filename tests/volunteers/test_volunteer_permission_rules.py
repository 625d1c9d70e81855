"""Rules of volunteering's permission predicates (volunteers/permissions.py), each stated with
its exact answer."""

import pytest

from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.volunteers import MissionFactory, VolunteerProfileFactory
from volunteers.models import ApplicationStatus, MissionApplication
from volunteers.permissions import can_see_volunteer_needs, can_view_volunteer

pytestmark = pytest.mark.django_db


def test_needs_are_seen_by_the_association_that_accepted_the_volunteer_only():
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    our_manager = MembershipFactory(organisation=ours, role="manager").user
    their_manager = MembershipFactory(organisation=theirs, role="manager").user
    person = VolunteerProfileFactory().user
    MissionApplication.objects.create(
        mission=MissionFactory(organisation=ours), user=person, status=ApplicationStatus.ACCEPTED
    )
    assert can_see_volunteer_needs(our_manager, person) is True
    assert can_see_volunteer_needs(their_manager, person) is False
    assert can_view_volunteer(their_manager, person) is False


def test_needs_stay_hidden_while_the_offer_is_pending_though_the_profile_is_seen():
    ours = OrganisationFactory()
    our_manager = MembershipFactory(organisation=ours, role="manager").user
    member = MembershipFactory(organisation=ours, role="member").user
    person = VolunteerProfileFactory().user
    MissionApplication.objects.create(mission=MissionFactory(organisation=ours), user=person)
    assert can_view_volunteer(our_manager, person) is True
    assert can_see_volunteer_needs(our_manager, person) is False
    assert can_view_volunteer(member, person) is False
