"""Reads of the record (issue 19): the filter by status, the search on both of its branches —
PostgreSQL's French full-text search, and the icontains fallback of other databases, run on any
database by making search() believe it is not on PostgreSQL — and the warnings before
transmitting."""

from types import SimpleNamespace

import pytest

from proposals.outcomes.models import Addressee, PolicyProposal, PolicyStatus
from proposals.outcomes.recording import selectors, services
from proposals.outcomes.recording.selectors import (
    editable_proposals,
    filter_policy_proposals,
    submission_warnings,
)
from tests.factories import CongressFactory, PolicyProposalFactory
from tests.proposals.outcomes.conftest import proposal_data

pytestmark = pytest.mark.django_db


def test_filter_by_status_keeps_only_that_status():
    congress = CongressFactory()
    validated = PolicyProposalFactory(congress=congress, status=PolicyStatus.VALIDATED)
    submitted = PolicyProposalFactory(congress=congress, status=PolicyStatus.SUBMITTED)
    everything = PolicyProposal.objects.filter(congress=congress)
    assert list(filter_policy_proposals(everything, status=PolicyStatus.VALIDATED)) == [validated]
    assert list(filter_policy_proposals(everything, status=PolicyStatus.SUBMITTED)) == [submitted]
    assert set(filter_policy_proposals(everything)) == {validated, submitted}


@pytest.fixture
def searched():
    """Two proposals; the first one's rationale is the only place "fragilisent" appears."""
    congress = CongressFactory()
    food = PolicyProposalFactory(congress=congress, title="Fonds alimentaire",
                                 statement="Pérenniser les crédits.",
                                 rationale="Les crédits annuels fragilisent les épiceries.")  # fmt: skip
    PolicyProposalFactory(congress=congress, title="Interprétation LSF",
                          statement="Financer l'interprétation.", rationale="Peu d'interprètes.")  # fmt: skip
    return food, PolicyProposal.objects.filter(congress=congress)


def found(qs, text):
    return [p.title for p in filter_policy_proposals(qs, q=text)]


@pytest.mark.postgres
def test_search_on_postgresql_is_french_full_text(searched):
    food, everything = searched
    # Another form of the word (stemming): icontains alone would find nothing.
    assert found(everything, "alimentaires") == ["Fonds alimentaire"]
    assert found(everything, "épicerie") == ["Fonds alimentaire"]  # in the rationale
    # A fragment of the title or statement still matches.
    assert found(everything, "limentai") == ["Fonds alimentaire"]
    assert found(everything, "ragilis") == []  # a fragment of the rationale is not searched


def test_search_elsewhere_is_icontains_on_title_statement_and_rationale(searched, monkeypatch):
    monkeypatch.setattr(selectors, "connection", SimpleNamespace(vendor="sqlite"))
    food, everything = searched
    assert found(everything, "alimentaires") == []  # no stemming
    assert found(everything, "LIMENTAI") == ["Fonds alimentaire"]
    assert found(everything, "ragilis") == ["Fonds alimentaire"]
    assert found(everything, "interprétation") == ["Interprétation LSF"]
    assert found(everything, "") == ["Fonds alimentaire", "Interprétation LSF"]


def test_no_warning_before_transmitting_a_complete_outcome(workshop_a, moderator):
    outcome = services.outcome_save(
        session=workshop_a, by=moderator, version=0, summary="Synthèse", attendee_count=9,
        proposals=[proposal_data("Une", addressees=list(Addressee.objects.filter(slug="senat")))],
    )  # fmt: skip
    assert submission_warnings(outcome, editable_proposals(outcome)) == []
