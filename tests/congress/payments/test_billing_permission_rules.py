"""The rule of congress/payments/permissions.py (issue 19): the seller's identity, VAT and
invoice numbering of an edition are managed by that edition's organisers (and superusers) only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from congress.payments.permissions import can_manage_billing
from tests.factories import CongressFactory, UserFactory, make_participant

pytestmark = pytest.mark.django_db


def test_the_organisers_of_the_edition_manage_its_billing():
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    assert can_manage_billing(organiser, congress) is True


def test_a_superuser_manages_the_billing_of_any_edition():
    assert can_manage_billing(UserFactory(is_superuser=True), CongressFactory()) is True


def test_an_organiser_of_another_edition_a_participant_or_a_visitor_is_refused():
    congress = CongressFactory()
    other_organiser = UserFactory()
    CongressFactory().organisers.add(other_organiser)
    participant = UserFactory()
    make_participant(participant, congress)
    assert can_manage_billing(other_organiser, congress) is False
    assert can_manage_billing(participant, congress) is False
    assert can_manage_billing(AnonymousUser(), congress) is False


def test_a_deactivated_organiser_is_refused():
    congress = CongressFactory()
    organiser = UserFactory(is_active=False)
    congress.organisers.add(organiser)
    assert can_manage_billing(organiser, congress) is False
