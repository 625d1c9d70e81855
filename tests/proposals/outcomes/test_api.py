import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from proposals.outcomes import services
from proposals.outcomes.models import Endorsement, Outcome
from tests.factories import PolicyProposalFactory, UserFactory
from tests.factories.documents import pdf_upload
from tests.proposals.outcomes.conftest import proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def base(congress):
    return f"/api/v1/congresses/{congress.slug}/"


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


def test_api_followup_organiser_writes_pdf_public_reads(api, congress, track_a, organiser, settings,
                                                         tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    data = {"proposal": proposal.pk, "status": "acknowledged", "date": "2024-03-20",
            "institution": "Assemblée nationale", "addressee": "assemblee-nationale"}  # fmt: skip
    assert api.post(base(congress) + "follow-ups/", data).status_code == 403
    api.force_authenticate(organiser)
    bad = api.post(base(congress) + "follow-ups/",
                   {**data, "document": SimpleUploadedFile("r.pdf", b"nope")}, format="multipart")  # fmt: skip
    assert bad.status_code == 400
    good = api.post(base(congress) + "follow-ups/",
                    {**data, "document": pdf_upload("r.pdf")}, format="multipart")  # fmt: skip
    assert good.status_code == 201, good.json()
    api.force_authenticate(None)
    listed = api.get(base(congress) + f"follow-ups/?proposal={proposal.pk}").json()
    assert [f["status"] for f in listed] == ["acknowledged"]
    proposal.refresh_from_db()
    assert proposal.followup_status == "acknowledged"


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
    with django_assert_num_queries(6):
        assert len(api.get(base(congress) + "policy-proposals/").json()["results"]) == n
    with django_assert_num_queries(2):
        assert len(api.get(base(congress) + "follow-ups/").json()) == n
    api.force_authenticate(participant)
    with django_assert_num_queries(2):
        assert len(api.get(base(congress) + "endorsements/").json()) == n


@pytest.mark.parametrize("n", [1, 3])
def test_api_outcome_list_query_count(api, congress, track_a, workshop_type, moderator, n,
                                      django_assert_num_queries):  # fmt: skip
    from proposals.outcomes import services
    from tests.factories import WorkshopFactory

    for _k in range(n):
        session = WorkshopFactory(congress=congress, track=track_a, session_type=workshop_type)
        services.outcome_save(session=session, by=moderator, version=0,
                              proposals=[proposal_data("A"), proposal_data("B")])  # fmt: skip
    api.force_authenticate(moderator)
    with django_assert_num_queries(5):
        assert len(api.get(base(congress) + "outcomes/").json()) == n


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
