"""The rules of congress/accounts/permissions.py that the other tests leave open (issue 19):
what a proven address needs, the exact refusal, and the per-request role caches that must be
forgotten once a role is granted."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from congress.accounts.permissions import (
    clear_permission_cache,
    has_confirmed_email,
    require_confirmed_email,
)
from congress.onsite.models import DeskRole
from congress.onsite.permissions import can_check_in
from congress.organisations.models import MembershipRole
from congress.organisations.permissions import is_manager
from tests.factories import CongressFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

UNCONFIRMED = (
    "Confirmez d'abord votre adresse e-mail\u202f: ouvrez le lien que nous vous avons envoyé, "
    "ou demandez-en un nouveau."
)


def test_a_confirmed_active_account_has_a_proven_address():
    assert has_confirmed_email(UserFactory()) is True
    require_confirmed_email(UserFactory())  # no exception


@pytest.mark.parametrize(
    "person",
    [
        pytest.param(lambda: UserFactory(email_confirmed_at=None), id="unconfirmed"),
        pytest.param(lambda: UserFactory(is_active=False), id="deactivated"),
        pytest.param(AnonymousUser, id="anonymous"),
    ],
)
def test_no_proven_address_without_a_confirmed_active_account(person):
    user = person()
    assert has_confirmed_email(user) is False
    with pytest.raises(PermissionDenied) as excinfo:
        require_confirmed_email(user)
    assert str(excinfo.value) == UNCONFIRMED


def test_a_welcome_desk_role_granted_meanwhile_counts_once_the_cache_is_cleared():
    congress = CongressFactory()
    volunteer = UserFactory()
    assert can_check_in(volunteer, congress) is False
    DeskRole.objects.create(congress=congress, user=volunteer)
    assert can_check_in(volunteer, congress) is False  # read once per request
    clear_permission_cache(volunteer)
    assert not hasattr(volunteer, "_desk_of")
    assert not hasattr(volunteer, "_organiser_of")
    assert can_check_in(volunteer, congress) is True


def test_clearing_forgets_every_role_cache_at_once():
    congress = CongressFactory()
    organisation = OrganisationFactory()
    user = UserFactory()
    assert can_check_in(user, congress) is False
    assert is_manager(user, organisation) is False
    congress.organisers.add(user)
    MembershipFactory(user=user, organisation=organisation, role=MembershipRole.MANAGER)
    clear_permission_cache(user)
    assert can_check_in(user, congress) is True
    assert is_manager(user, organisation) is True


def test_clearing_an_account_with_nothing_cached_is_harmless():
    user = UserFactory()
    clear_permission_cache(user)
    clear_permission_cache(AnonymousUser())
    assert has_confirmed_email(user) is True
