import pytest

from tests.factories import PolicyProposalFactory
from tests.proposals.outcomes.conftest import base

pytestmark = pytest.mark.django_db


def test_api_policy_proposals_public_read_validated_only(api, congress, track_a):
    validated = PolicyProposalFactory(congress=congress, track=track_a)
    PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    response = api.get(base(congress) + "policy-proposals/")
    assert [p["id"] for p in response.json()["results"]] == [validated.pk]
    assert api.patch(base(congress) + f"policy-proposals/{validated.pk}/",
                     {"version": 1, "title": "X"}, format="json").status_code == 403  # fmt: skip


def test_api_organiser_merges_and_validates(api, congress, track_a, workshop_a, workshop_b, organiser,
                                            moderator):  # fmt: skip
    p1 = PolicyProposalFactory(
        congress=congress, track=track_a, sources=[workshop_a], status="submitted"
    )
    p2 = PolicyProposalFactory(
        congress=congress, track=track_a, sources=[workshop_b], status="submitted"
    )
    api.force_authenticate(moderator)
    denied = api.post(base(congress) + "policy-proposals/merge/",
                      {"ids": [p1.pk, p2.pk], "title": "F", "statement": "S"}, format="json")  # fmt: skip
    assert denied.status_code == 403
    api.force_authenticate(organiser)
    response = api.post(base(congress) + "policy-proposals/merge/",
                        {"ids": [p1.pk, p2.pk], "title": "F", "statement": "S"}, format="json")  # fmt: skip
    assert response.status_code == 201
    merged = response.json()
    assert sorted(merged["sources"]) == sorted([workshop_a.pk, workshop_b.pk])
    validated = api.post(base(congress) + f"policy-proposals/{merged['id']}/validate/")
    assert validated.json()["status"] == "validated"


@pytest.mark.parametrize(
    "path", ["policy-proposals/merge/", "follow-ups/", "policy-proposals/{pk}/set-aside/",
             "policy-proposals/{pk}/split/"],
)  # fmt: skip
def test_api_consolidation_writes_refused_to_moderators_before_validation(
    api, congress, track_a, moderator, path
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    api.force_authenticate(moderator)
    response = api.post(base(congress) + path.format(pk=proposal.pk), {}, format="json")
    proposal.refresh_from_db()
    assert (response.status_code, proposal.status) == (403, "submitted")
