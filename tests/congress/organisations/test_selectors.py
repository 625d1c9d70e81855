"""Reads of the organisations sub-domain (issue 19): each filter of the public directory narrows
the list, hidden organisations never show, members and pending invitations are the right rows."""

import pytest
from django.utils import timezone

from congress.organisations import selectors
from congress.organisations.models import Invitation, MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _names(qs):
    return list(qs.values_list("name", flat=True))


@pytest.fixture
def directory():
    return {
        "epicerie": OrganisationFactory(
            name="Épicerie du Maine", commune="Le Mans", departement="72"
        ),
        "ccas": OrganisationFactory(
            ccas=True, name="CCAS d'Angers", commune="Angers", departement="49"
        ),
        "banque": OrganisationFactory(
            name="Banque alimentaire", commune="Saumur", departement="49"
        ),
        "private": OrganisationFactory(name="Association discrète", public_listing=False),
        "orphan": OrganisationFactory(name="Association orpheline", orphaned_at=timezone.now()),
    }


def test_directory_lists_only_listed_organisations_by_name(directory):
    assert _names(selectors.organisation_directory()) == [
        "Banque alimentaire",
        "CCAS d'Angers",
        "Épicerie du Maine",
    ]


def test_directory_search_matches_the_name_or_the_commune(directory):
    assert _names(selectors.organisation_directory(search="maine")) == ["Épicerie du Maine"]
    assert _names(selectors.organisation_directory(search="saumur")) == ["Banque alimentaire"]
    assert _names(selectors.organisation_directory(search="discrète")) == []


def test_directory_filters_by_kind_and_departement(directory):
    assert _names(selectors.organisation_directory(kind=OrganisationKind.CCAS)) == ["CCAS d'Angers"]
    assert _names(selectors.organisation_directory(departement="49")) == [
        "Banque alimentaire",
        "CCAS d'Angers",
    ]
    assert _names(
        selectors.organisation_directory(kind=OrganisationKind.ASSOCIATION, departement="49")
    ) == ["Banque alimentaire"]


def test_members_grouped_by_role_then_by_name():
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=UserFactory(full_name="Zoé Membre"))
    MembershipFactory(organisation=organisation, user=UserFactory(full_name="Alice Membre"))
    MembershipFactory(
        organisation=organisation,
        user=UserFactory(full_name="Yves Gestionnaire"),
        role=MembershipRole.MANAGER,
    )
    MembershipFactory(user=UserFactory(full_name="Ailleurs"))
    # Grouped by role (ordered "-role": the "member" rows come before the "manager" ones,
    # the order of the code values), by name within a role; nobody from elsewhere.
    assert [m.user.full_name for m in selectors.organisation_members(organisation)] == [
        "Alice Membre",
        "Zoé Membre",
        "Yves Gestionnaire",
    ]


def test_pending_invitations_leave_out_accepted_and_revoked_ones():
    organisation = OrganisationFactory()
    now = timezone.now()
    Invitation.objects.create(organisation=organisation, email="attente@example.org")
    Invitation.objects.create(
        organisation=organisation, email="acceptee@example.org", accepted_at=now
    )
    Invitation.objects.create(
        organisation=organisation, email="revoquee@example.org", revoked_at=now
    )
    Invitation.objects.create(organisation=OrganisationFactory(), email="autre@example.org")
    pending = selectors.organisation_pending_invitations(organisation)
    assert [i.email for i in pending] == ["attente@example.org"]


def test_user_memberships_are_the_persons_own():
    user = UserFactory()
    mine = MembershipFactory(user=user)
    MembershipFactory()
    assert list(selectors.user_memberships(user)) == [mine]
