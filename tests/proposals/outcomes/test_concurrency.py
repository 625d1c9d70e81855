"""Races on PostgreSQL with real threads: two moderators saving the same outcome at once, and
a participant's double click on « Soutenir »."""

import threading

import pytest

from proposals.outcomes import services
from proposals.outcomes.models import Endorsement, Outcome
from tests.factories import PolicyProposalFactory
from tests.proposals.outcomes.conftest import proposal_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    from proposals.outcomes.models import ensure_addressees

    ensure_addressees()


def race(*calls):
    """Run the calls in threads released together; return their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        from django.db import connections

        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_concurrent_outcome_edits_one_wins_other_gets_conflict(
    workshop_a, moderator, other_moderator
):
    services.outcome_save(session=workshop_a, by=moderator, version=0,
                          proposals=[proposal_data("Fonds")], summary="Départ")  # fmt: skip
    results = race(
        lambda: services.outcome_save(session=workshop_a, by=moderator, version=1,
                                      proposals=[proposal_data("A")], summary="Amina"),
        lambda: services.outcome_save(session=workshop_a, by=other_moderator, version=1,
                                      proposals=[proposal_data("B")], summary="Bernard"),
    )  # fmt: skip
    conflicts = [r for r in results if isinstance(r, services.EditConflict)]
    saved = [r for r in results if isinstance(r, Outcome)]
    assert (len(saved), len(conflicts)) == (1, 1)
    outcome = Outcome.objects.get()
    assert outcome.version == 2
    assert outcome.summary == saved[0].summary
    assert conflicts[0].current.summary == saved[0].summary
    assert outcome.revisions.count() == 2


def test_concurrent_first_saves_create_one_outcome(workshop_a, moderator, other_moderator):
    results = race(
        lambda: services.outcome_save(session=workshop_a, by=moderator, version=0, summary="A"),
        lambda: services.outcome_save(session=workshop_a, by=other_moderator, version=0, summary="B"),
    )  # fmt: skip
    assert sorted(type(r).__name__ for r in results) == ["EditConflict", "Outcome"]
    assert Outcome.objects.count() == 1


def test_double_click_endorsement_ends_with_one(congress, track_a, participant, open_period):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    results = race(*[lambda: services.endorsement_create(proposal=proposal, user=participant)] * 4)
    assert all(isinstance(r, Endorsement) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Endorsement.objects.filter(proposal=proposal, user=participant).count() == 1
