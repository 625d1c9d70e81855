"""The rule of congress/payments/transfers/permissions.py (issue 19): reading the bank
statement and marking orders paid is for that edition's organisers (and superusers) only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from congress.payments.transfers.permissions import can_reconcile_transfers
from tests.factories import CongressFactory, UserFactory, make_participant

pytestmark = pytest.mark.django_db


def test_the_organisers_of_the_edition_reconcile_its_transfers():
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    assert can_reconcile_transfers(organiser, congress) is True


def test_a_superuser_reconciles_the_transfers_of_any_edition():
    assert can_reconcile_transfers(UserFactory(is_superuser=True), CongressFactory()) is True


def test_an_organiser_of_another_edition_a_participant_or_a_visitor_is_refused():
    congress = CongressFactory()
    other_organiser = UserFactory()
    CongressFactory().organisers.add(other_organiser)
    participant = UserFactory()
    make_participant(participant, congress)
    assert can_reconcile_transfers(other_organiser, congress) is False
    assert can_reconcile_transfers(participant, congress) is False
    assert can_reconcile_transfers(AnonymousUser(), congress) is False


def test_a_deactivated_organiser_is_refused():
    congress = CongressFactory()
    organiser = UserFactory(is_active=False)
    congress.organisers.add(organiser)
    assert can_reconcile_transfers(organiser, congress) is False
