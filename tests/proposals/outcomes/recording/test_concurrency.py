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


def test_an_organisers_restore_racing_a_save_loses_nothing(
    workshop_a, moderator, organiser, monkeypatch
):
    """A moderator saves (from version 2) while an organiser restores version 1: both lock the
    workshop, so the save either comes first (and the restore is applied on top) or finds the
    new version and gets a conflict. Before, the restore locked only the outcome: the save,
    having read version 2 first, waited for it, then wrote its own version 3 over it (the
    restore silently lost). Reopening takes the same lock."""
    services.outcome_save(session=workshop_a, by=moderator, version=0,
                          proposals=[proposal_data("Fonds")], summary="Départ")  # fmt: skip
    outcome = services.outcome_save(session=workshop_a, by=moderator, version=1,
                                    proposals=[proposal_data("Fonds")], summary="Suite")  # fmt: skip
    first = outcome.revisions.order_by("pk").first()
    widen(monkeypatch, Outcome, "full_clean")  # each writer pauses between reading and writing
    results = race(
        lambda: services.outcome_restore(outcome=outcome, revision=first, by=organiser),
        lambda: services.outcome_save(session=workshop_a, by=moderator, version=2,
                                      summary="Modérateur"),
    )  # fmt: skip
    assert isinstance(results[0], services.OutcomeRestored), results
    final = Outcome.objects.get()
    if isinstance(results[1], services.EditConflict):  # the restore first: it stands
        assert (final.version, final.summary) == (3, "Départ")
    else:  # the save first, the restore on top of it
        assert isinstance(results[1], Outcome), results
        assert (final.version, final.summary) == (4, "Départ")
    assert final.revisions.count() == final.version
