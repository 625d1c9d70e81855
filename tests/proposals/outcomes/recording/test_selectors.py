"""The policy proposals' filter by status (issue 19): only that status is listed. The full-text
branch of search() runs on PostgreSQL only (scripts/test.sh); SQLite takes icontains."""

import pytest

from proposals.outcomes.models import PolicyProposal, PolicyStatus
from proposals.outcomes.recording.selectors import filter_policy_proposals
from tests.factories import CongressFactory, PolicyProposalFactory

pytestmark = pytest.mark.django_db


def test_filter_by_status_keeps_only_that_status():
    congress = CongressFactory()
    validated = PolicyProposalFactory(congress=congress, status=PolicyStatus.VALIDATED)
    submitted = PolicyProposalFactory(congress=congress, status=PolicyStatus.SUBMITTED)
    everything = PolicyProposal.objects.filter(congress=congress)
    assert list(filter_policy_proposals(everything, status=PolicyStatus.VALIDATED)) == [validated]
    assert list(filter_policy_proposals(everything, status=PolicyStatus.SUBMITTED)) == [submitted]
    assert set(filter_policy_proposals(everything)) == {validated, submitted}
