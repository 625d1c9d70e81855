import subprocess
import sys

import pytest

from proposals.outcomes.models import Endorsement
from tests.factories import PolicyProposalFactory
from tests.proposals.outcomes.conftest import base

pytestmark = pytest.mark.django_db


def make(congress, track, workshops, n):
    out = []
    for _k in range(n):
        p = PolicyProposalFactory(congress=congress, track=track, sources=workshops)
        p.addressees.set([1, 2])
        p.followups.create(status="sent", date="2024-03-01", institution="Sénat")
        out.append(p)
    return out


@pytest.mark.parametrize("n", [1, 3])
def test_api_list_query_counts(api, congress, track_a, workshop_a, organiser, participant, n,
                               django_assert_num_queries, open_period):  # fmt: skip
    proposals = make(congress, track_a, [workshop_a], n)
    for p in proposals:
        Endorsement.objects.create(proposal=p, user=participant)
    with django_assert_num_queries(7):  # + the feature guard of the API (issue 15)
        assert len(api.get(base(congress) + "policy-proposals/").json()["results"]) == n
    with django_assert_num_queries(3):  # + the feature guard
        assert len(api.get(base(congress) + "follow-ups/").json()) == n
    api.force_authenticate(participant)
    with django_assert_num_queries(3):  # + the feature guard
        assert len(api.get(base(congress) + "endorsements/").json()) == n


def test_schema_has_no_warnings_for_outcomes():
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--file", "/dev/null"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = [
        line
        for line in result.stderr.splitlines()
        if "proposals/outcomes/" in line or "Enum" in line
    ]
    assert lines == []
    assert result.returncode == 0
