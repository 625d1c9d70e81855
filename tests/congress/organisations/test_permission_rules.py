"""The organisation predicates, rule by rule (issue 19, mutants of
congress/organisations/permissions.py): who sees an organisation, its private details, who
manages it; deactivated accounts and superusers; memberships read once per request."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congress.organisations.models import MembershipRole
from congress.organisations.permissions import (
    can_manage_organisation,
    can_view_organisation,
    can_view_organisation_private,
    is_manager,
    is_member,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _people(organisation):
    return {
        "manager": MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user,
        "member": MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user,
        "stranger": UserFactory(),
        "superuser": UserFactory(is_superuser=True),
        "inactive superuser": UserFactory(is_superuser=True, is_active=False),
        "anonymous": AnonymousUser(),
    }


def _who(predicate, organisation):
    return sorted(
        name for name, user in _people(organisation).items() if predicate(user, organisation)
    )


def test_only_managers_and_active_superusers_manage_an_organisation():
    organisation = OrganisationFactory()

    assert _who(can_manage_organisation, organisation) == ["manager", "superuser"]
    assert _who(is_manager, organisation) == ["manager"]


def test_members_and_active_superusers_see_the_private_details():
    organisation = OrganisationFactory(public_listing=False)

    assert _who(can_view_organisation_private, organisation) == ["manager", "member", "superuser"]
    assert _who(is_member, organisation) == ["manager", "member"]


def test_a_listed_organisation_is_seen_by_everyone():
    organisation = OrganisationFactory(public_listing=True)

    assert len(_who(can_view_organisation, organisation)) == 6


def test_an_unlisted_or_orphaned_organisation_is_seen_only_by_its_members_and_superusers():
    unlisted = OrganisationFactory(public_listing=False)
    orphaned = OrganisationFactory(public_listing=True, orphaned_at=timezone.now())

    assert _who(can_view_organisation, unlisted) == ["manager", "member", "superuser"]
    assert _who(can_view_organisation, orphaned) == ["manager", "member", "superuser"]


def test_a_deactivated_manager_is_neither_member_nor_manager():
    organisation = OrganisationFactory(public_listing=False)
    manager = MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user
    manager.is_active = False
    manager.save()

    assert [
        predicate(manager, organisation)
        for predicate in (is_member, is_manager, can_manage_organisation, can_view_organisation)
    ] == [False, False, False, False]


def test_a_membership_elsewhere_gives_nothing_here():
    here = OrganisationFactory(public_listing=False)
    elsewhere = MembershipFactory(role=MembershipRole.MANAGER).user

    assert is_member(elsewhere, here) is False
    assert can_manage_organisation(elsewhere, here) is False


def test_memberships_are_read_once_for_every_organisation_asked_about():
    """A page asking about several organisations reads the person's memberships once."""
    user = UserFactory()
    organisations = [MembershipFactory(user=user).organisation for _ in range(3)]
    other = OrganisationFactory()

    with CaptureQueriesContext(connection) as queries:
        answers = [is_member(user, o) for o in [*organisations, other]]
        answers.append(is_manager(user, organisations[0]))

    assert answers == [True, True, True, False, False]
    assert len(queries) == 1
