"""A manager changes a member's role from the organisation page."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from congress.organisations.models import Membership, MembershipRole
from tests.factories import MembershipFactory, OrganisationFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Épicerie solidaire du Maine")


@pytest.fixture
def manager(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER)


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER)


def set_role(client, membership, role):
    url = reverse("membership_set_role", args=[membership.organisation.slug, membership.pk])
    return client.post(url, {"role": role})


def roles():
    return dict(Membership.objects.values_list("pk", "role"))


def test_a_manager_names_a_member_manager(client, manager, member):
    client.force_login(manager.user)
    response = set_role(client, member, MembershipRole.MANAGER)
    assert (response.status_code, response["Location"]) == (
        302,
        member.organisation.get_absolute_url(),
    )
    assert roles() == {manager.pk: "manager", member.pk: "manager"}
    assert plain([str(m) for m in get_messages(response.wsgi_request)]) == plain(
        [f"{member.user.full_name} est maintenant « Gestionnaire »."]
    )


def test_the_last_manager_stepping_down_is_told_why(client, manager, member):
    client.force_login(manager.user)
    response = set_role(client, manager, MembershipRole.MEMBER)
    assert response.status_code == 302
    assert roles() == {manager.pk: "manager", member.pk: "member"}
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "L'organisation doit garder au moins un gestionnaire."
    ]


def test_an_unknown_role_changes_nothing(client, manager, member):
    client.force_login(manager.user)
    response = set_role(client, member, "owner")
    assert response.status_code == 302
    assert roles() == {manager.pk: "manager", member.pk: "member"}


def test_a_member_cannot_promote_themself(client, manager, member):
    client.force_login(member.user)
    response = set_role(client, member, MembershipRole.MANAGER)
    assert response.status_code == 403
    assert roles() == {manager.pk: "manager", member.pk: "member"}


def test_changing_a_role_is_a_post(client, manager, member):
    client.force_login(manager.user)
    url = reverse("membership_set_role", args=[member.organisation.slug, member.pk])
    assert client.get(url).status_code == 405


def test_the_role_buttons_are_shown_to_managers_only(client, manager, member):
    page = member.organisation.get_absolute_url()
    action = reverse("membership_set_role", args=[member.organisation.slug, member.pk])
    client.force_login(member.user)
    assert action not in client.get(page).text
    client.force_login(manager.user)
    text = client.get(page).text
    assert action in text
    assert "Nommer gestionnaire" in text
    assert "Repasser membre" in text
