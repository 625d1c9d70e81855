"""Creating and updating an organisation: who may, and what is refused."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from congress.organisations import services
from congress.organisations.models import Membership, MembershipRole, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_organisation_create_refused_to_an_anonymous_visitor():
    with pytest.raises(PermissionDenied):
        services.organisation_create(by=AnonymousUser(), name="Secours du Nord")
    assert Organisation.objects.filter(name="Secours du Nord").exists() is False


def test_organisation_create_unknown_field_is_a_programming_error():
    user = UserFactory()
    with pytest.raises(TypeError) as error:
        services.organisation_create(by=user, name="Secours du Nord", colour="bleu")
    assert str(error.value) == "Unknown organisation fields: ['colour']"
    assert Membership.objects.filter(user=user).exists() is False


def test_organisation_create_makes_the_slug_unique_and_its_creator_manager():
    OrganisationFactory(name="Secours du Nord", slug="secours-du-nord")
    user = UserFactory()
    organisation = services.organisation_create(
        by=user, name="Secours du Nord", kind="association", commune="Lille",
        departement="59", contact_email="contact@secours-nord.fr",
    )  # fmt: skip
    assert organisation.slug == "secours-du-nord-2"
    assert list(organisation.memberships.values_list("user_id", "role")) == [
        (user.pk, MembershipRole.MANAGER)
    ]


def test_organisation_update_refused_to_a_plain_member():
    organisation = OrganisationFactory(name="Secours du Nord")
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    with pytest.raises(PermissionDenied):
        services.organisation_update(organisation=organisation, by=member, name="Autre")
    organisation.refresh_from_db()
    assert organisation.name == "Secours du Nord"


def test_organisation_update_unknown_field_is_a_programming_error():
    organisation = OrganisationFactory()
    manager = MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user
    with pytest.raises(TypeError) as error:
        services.organisation_update(organisation=organisation, by=manager, colour="bleu")
    assert str(error.value) == "Unknown organisation fields: ['colour']"
