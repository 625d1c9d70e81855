import pytest

from proposals.outcomes.models import Outcome
from proposals.outcomes.recording import services
from tests.factories import PolicyProposalFactory
from tests.proposals.outcomes.conftest import base, proposal_data

pytestmark = pytest.mark.django_db


def test_api_moderator_records_outcome_and_conflict_is_400(api, congress, workshop_a, moderator):
    api.force_authenticate(moderator)
    payload = {
        "session": workshop_a.pk, "version": 0, "attendee_count": 18, "summary": "Synthèse",
        "proposals": [{**proposal_data("Fonds"), "addressees": ["senat"]},
                      proposal_data("Épiceries")],
    }  # fmt: skip
    response = api.post(base(congress) + "outcomes/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["version"] == 1
    assert [p["title"] for p in body["policy_proposals"]] == ["Fonds", "Épiceries"]
    outcome_id = body["id"]
    ok = api.patch(base(congress) + f"outcomes/{outcome_id}/", {"version": 1, "summary": "Deux"},
                   format="json")  # fmt: skip
    assert ok.status_code == 200
    assert Outcome.objects.get().policy_proposals.count() == 2
    stale = api.patch(base(congress) + f"outcomes/{outcome_id}/", {"version": 1, "summary": "X"},
                      format="json")  # fmt: skip
    assert stale.status_code == 400
    assert Outcome.objects.get().summary == "Deux"


def test_api_outcome_refused_on_another_track(api, congress, workshop_b, moderator):
    api.force_authenticate(moderator)
    response = api.post(base(congress) + "outcomes/",
                        {"session": workshop_b.pk, "version": 0}, format="json")  # fmt: skip
    assert response.status_code == 403
    assert Outcome.objects.count() == 0


@pytest.mark.parametrize("n", [1, 3])
def test_api_outcome_list_query_count(api, congress, track_a, workshop_type, moderator, n,
                                      django_assert_num_queries):  # fmt: skip
    from proposals.outcomes.recording import services
    from tests.factories import WorkshopFactory

    for _k in range(n):
        session = WorkshopFactory(congress=congress, track=track_a, session_type=workshop_type)
        services.outcome_save(session=session, by=moderator, version=0,
                              proposals=[proposal_data("A"), proposal_data("B")])  # fmt: skip
    api.force_authenticate(moderator)
    with django_assert_num_queries(6):  # + the feature guard of the API (issue 15)
        assert len(api.get(base(congress) + "outcomes/").json()) == n


def test_api_submitted_outcome_is_read_only_for_its_moderator(api, congress, workshop_a, moderator):
    outcome = services.outcome_save(
        session=workshop_a, by=moderator, version=0, submit=True, proposals=[proposal_data("A")]
    )
    api.force_authenticate(moderator)
    url = base(congress) + f"outcomes/{outcome.pk}/"
    # Refused whatever is sent (even an incomplete body): permission comes before validation.
    answers = [
        api.patch(url, {"version": outcome.version, "summary": "Après coup"}, format="json"),
        api.patch(url, {"summary": "Après coup"}, format="json"),
    ]
    outcome.refresh_from_db()
    assert ([r.status_code for r in answers], outcome.summary) == ([403, 403], "")


def test_api_update_without_version_is_400(api, congress, track_a, workshop_a, organiser):
    outcome = services.outcome_save(session=workshop_a, by=organiser, version=0)
    policy = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    api.force_authenticate(organiser)
    answers = [
        api.patch(base(congress) + f"outcomes/{outcome.pk}/", {"summary": "X"}, format="json"),
        api.patch(base(congress) + f"policy-proposals/{policy.pk}/", {"title": "X"}, format="json"),
    ]
    assert [(r.status_code, list(r.json())) for r in answers] == [(400, ["version"])] * 2
