"""Who organises an edition: superusers, the edition's organisers, nobody else."""

import pytest
from django.contrib.auth.models import AnonymousUser

from congress.editions.permissions import can_access_staff_area, is_organiser
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_superuser_organises_every_edition_but_not_none():
    superuser = UserFactory(is_superuser=True)
    assert is_organiser(superuser, CongressFactory()) is True
    assert is_organiser(superuser, None) is True


def test_organiser_of_no_edition_when_there_is_none():
    congress = CongressFactory()
    user = UserFactory()
    congress.organisers.add(user)
    assert is_organiser(user, None) is False
    assert is_organiser(user, congress) is True


def test_organiser_of_one_edition_only():
    congress, other = CongressFactory(), CongressFactory()
    user = UserFactory()
    congress.organisers.add(user)
    assert (is_organiser(user, congress), is_organiser(user, other)) == (True, False)


def test_staff_area_refused_to_anonymous_and_deactivated_accounts():
    congress = CongressFactory()
    deactivated = UserFactory(is_active=False)
    congress.organisers.add(deactivated)
    assert can_access_staff_area(AnonymousUser()) is False
    assert can_access_staff_area(deactivated) is False
    assert is_organiser(deactivated, congress) is False


def test_staff_area_open_to_superusers_and_organisers_only():
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    assert can_access_staff_area(UserFactory(is_superuser=True)) is True
    assert can_access_staff_area(organiser) is True
    assert can_access_staff_area(UserFactory()) is False
