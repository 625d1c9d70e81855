import pytest

from proposals.outcomes.models import Endorsement
from tests.factories import PolicyProposalFactory, UserFactory
from tests.proposals.outcomes.conftest import base

pytestmark = pytest.mark.django_db


def test_api_endorsement_once(api, congress, track_a, participant, open_period):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    api.force_authenticate(participant)
    first = api.post(base(congress) + "endorsements/", {"proposal": proposal.pk}, format="json")
    second = api.post(base(congress) + "endorsements/", {"proposal": proposal.pk}, format="json")
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] == second.json()["id"]
    assert Endorsement.objects.count() == 1
    assert api.delete(base(congress) + f"endorsements/{first.json()['id']}/").status_code == 204
    assert Endorsement.objects.count() == 0
    api.force_authenticate(UserFactory())
    refused = api.post(base(congress) + "endorsements/", {"proposal": proposal.pk}, format="json")
    assert refused.status_code == 403
