"""Races on PostgreSQL with real threads: two moderators saving the same outcome at once."""

import pytest

from proposals.outcomes.models import Outcome
from proposals.outcomes.recording import services
from tests.proposals.outcomes.conftest import proposal_data, race
from tests.races import widen, without_row_locks

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    from proposals.outcomes.models import ensure_addressees

    ensure_addressees()


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


def test_without_the_lock_the_same_race_loses_an_update(
    workshop_a, moderator, other_moderator, monkeypatch
):
    services.outcome_save(session=workshop_a, by=moderator, version=0,
                          proposals=[proposal_data("Fonds")], summary="Départ")  # fmt: skip
    without_row_locks(monkeypatch)
    widen(monkeypatch, Outcome, "full_clean")  # between reading the version and saving
    results = race(
        lambda: services.outcome_save(session=workshop_a, by=moderator, version=1, summary="Amina"),
        lambda: services.outcome_save(session=workshop_a, by=other_moderator, version=1,
                                      summary="Bernard"),
    )  # fmt: skip
    # Both believe they saved version 2: one of the two edits is silently lost.
    assert [type(r).__name__ for r in results] == ["Outcome", "Outcome"], results
    assert Outcome.objects.get().version == 2
