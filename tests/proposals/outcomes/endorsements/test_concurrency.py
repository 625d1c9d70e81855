"""Races on PostgreSQL with real threads: a participant's double click on « Soutenir »."""

import pytest

from proposals.outcomes.endorsements import services
from proposals.outcomes.models import Endorsement
from tests.factories import PolicyProposalFactory
from tests.proposals.outcomes.conftest import race
from tests.races import without_constraint

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    from proposals.outcomes.models import ensure_addressees

    ensure_addressees()


def test_double_click_endorsement_ends_with_one(congress, track_a, participant, open_period):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    results = race(*[lambda: services.endorsement_create(proposal=proposal, user=participant)] * 4)
    assert all(isinstance(r, Endorsement) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Endorsement.objects.filter(proposal=proposal, user=participant).count() == 1


def test_without_the_unique_constraint_the_double_click_endorses_twice(
    congress, track_a, participant, open_period
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    with without_constraint(Endorsement, "endorsement_once_per_user"):
        race(*[lambda: services.endorsement_create(proposal=proposal, user=participant)] * 4)
        assert Endorsement.objects.filter(proposal=proposal, user=participant).count() == 4
