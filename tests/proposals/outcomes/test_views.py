import pytest
from django.urls import reverse

from proposals.outcomes import services
from proposals.outcomes.models import Endorsement, Outcome, PolicyProposal, PolicyStatus
from tests.factories import (
    OrganisationFactory,
    PolicyProposalFactory,
    UserFactory,
    WorkshopFactory,
)
from tests.factories.documents import pdf_upload
from tests.proposals.outcomes.conftest import proposal_data

pytestmark = pytest.mark.django_db


def outcome_post(version, proposals, **extra):
    data = {
        "version": version, "attendee_count": 14, "summary": "Synthèse", "findings": "",
        "successes": "", "difficulties": "", "other_organisations": "",
        "p-TOTAL_FORMS": len(proposals), "p-INITIAL_FORMS": 0, "p-MIN_NUM_FORMS": 0,
        "p-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for n, p in enumerate(proposals):
        for key, value in p.items():
            data[f"p-{n}-{key}"] = value
    data.update(extra)
    return data


def test_moderator_records_outcome_with_three_proposals(client, congress, workshop_a, moderator):
    client.force_login(moderator)
    url = reverse("outcome_edit", args=[congress.slug, workshop_a.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["attendee_count"] == 0
    proposals = [
        {**proposal_data(f"Proposition {n}"), "track": workshop_a.track_id} for n in range(3)
    ]
    response = client.post(url, outcome_post(0, proposals, submit="1"))
    assert response.status_code == 302
    outcome = Outcome.objects.get(session=workshop_a)
    assert outcome.status == "submitted"
    assert list(outcome.policy_proposals.order_by("rank").values_list("title", flat=True)) == [
        "Proposition 0", "Proposition 1", "Proposition 2"
    ]  # fmt: skip


def test_moderator_gets_403_on_another_tracks_workshop(client, congress, workshop_b, moderator):
    client.force_login(moderator)
    assert (
        client.get(reverse("outcome_edit", args=[congress.slug, workshop_b.pk])).status_code == 403
    )
    response = client.post(
        reverse("outcome_edit", args=[congress.slug, workshop_b.pk]), outcome_post(0, [])
    )
    assert response.status_code == 403
    assert Outcome.objects.count() == 0


def test_outcome_conflict_shows_both_versions_and_keeps_input(
    client, congress, workshop_a, moderator, other_moderator
):
    services.outcome_save(session=workshop_a, by=moderator, version=0, proposals=[],
                          summary="Version d'Amina")  # fmt: skip
    client.force_login(other_moderator)
    url = reverse("outcome_edit", args=[congress.slug, workshop_a.pk])
    response = client.post(url, outcome_post(0, [], summary="Version de Bernard"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Modification simultanée" in html
    assert "Version d&#x27;Amina" in html
    assert response.context["form"]["summary"].value() == "Version de Bernard"
    assert response.context["form"]["version"].value() == 1
    assert Outcome.objects.get().summary == "Version d'Amina"
    # Saving again from the conflict page (now at version 1) succeeds.
    again = client.post(url, outcome_post(1, [], summary="Version de Bernard"))
    assert again.status_code == 302
    assert Outcome.objects.get().summary == "Version de Bernard"


@pytest.mark.parametrize(
    "who, expected",
    [("anonymous", 302), ("participant", 403), ("moderator", 403), ("organiser", 200)],
)
def test_board_permissions(client, congress, who, expected, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for name in ("policy_board", "transversality", "endorsement_period"):
        assert client.get(reverse(name, args=[congress.slug])).status_code == expected


def test_public_detail_hides_unvalidated_proposals(client, congress, track_a, moderator):
    draft = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    url = reverse("public_policy_detail", args=[congress.slug, draft.pk])
    assert client.get(url).status_code == 404
    client.force_login(moderator)
    assert client.get(url).status_code == 200


def test_participant_endorses_once_and_withdraws(
    client, congress, track_a, participant, open_period
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    client.force_login(participant)
    url = reverse("endorse", args=[congress.slug, proposal.pk])
    client.post(url)
    client.post(url)
    assert Endorsement.objects.filter(proposal=proposal).count() == 1
    page = client.get(reverse("public_policy_detail", args=[congress.slug, proposal.pk]))
    assert page.context["endorsed"] is True
    client.post(reverse("endorsement_withdraw", args=[congress.slug, proposal.pk]))
    assert Endorsement.objects.count() == 0


def test_non_participant_cannot_endorse(client, congress, track_a, open_period):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    client.force_login(UserFactory())
    response = client.post(reverse("endorse", args=[congress.slug, proposal.pk]))
    assert response.status_code == 403
    assert Endorsement.objects.count() == 0


def test_organiser_merges_from_board_and_validates(
    client, congress, track_a, workshop_a, workshop_b, organiser
):
    p1 = PolicyProposalFactory(
        congress=congress, track=track_a, sources=[workshop_a], status="submitted"
    )
    p2 = PolicyProposalFactory(
        congress=congress, track=track_a, sources=[workshop_b], status="submitted"
    )
    client.force_login(organiser)
    form = client.get(reverse("policy_merge", args=[congress.slug]), {"ids": [p1.pk, p2.pk]})
    assert form.status_code == 200
    response = client.post(
        reverse("policy_merge", args=[congress.slug]),
        {"ids": [p1.pk, p2.pk], "title": "Fusion", "statement": "Ensemble.", "confirm": "1"},
    )
    merged = PolicyProposal.objects.get(title="Fusion")
    assert response.url == reverse("policy_staff_detail", args=[congress.slug, merged.pk])
    client.post(reverse("policy_validate", args=[congress.slug, merged.pk]))
    merged.refresh_from_db()
    assert merged.status == PolicyStatus.VALIDATED
    assert sorted(merged.sources.values_list("pk", flat=True)) == sorted(
        [workshop_a.pk, workshop_b.pk]
    )


def test_followup_upload_rejects_non_pdf(client, congress, track_a, organiser, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    client.force_login(organiser)
    url = reverse("followup_create", args=[congress.slug, proposal.pk])
    data = {"status": "sent", "date": "2024-03-01", "institution": "Sénat"}
    client.post(url, {**data, "document": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert proposal.followups.count() == 0
    client.post(url, {**data, "document": pdf_upload("x.pdf")})
    assert proposal.followups.count() == 1


# --- query counts: 1 and 3 items, same number of queries ---------------------------------------


def make_proposals(congress, track, workshops, n, **extra):
    org = OrganisationFactory()
    other = type(track).objects.create(congress=congress, name="Autre", slug=f"autre-{n}", order=9)
    proposals = []
    for _k in range(n):
        p = PolicyProposalFactory(congress=congress, track=track, sources=workshops, **extra)
        p.related_tracks.add(other)
        p.supporting_organisations.add(org)
        p.addressees.set([1, 2])
        proposals.append(p)
    return proposals


@pytest.mark.parametrize("n", [1, 3])
def test_public_list_query_count(client, congress, track_a, workshop_a, participant, n,
                                 django_assert_num_queries):  # fmt: skip
    make_proposals(congress, track_a, [workshop_a], n)
    client.force_login(participant)
    url = reverse("public_policy_list", args=[congress.slug])
    with django_assert_num_queries(13):
        response = client.get(url)
    assert len(response.context["page"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_board_query_count(client, congress, track_a, workshop_a, organiser, n,
                           django_assert_num_queries):  # fmt: skip
    make_proposals(congress, track_a, [workshop_a], n)
    client.force_login(organiser)
    url = reverse("policy_board", args=[congress.slug])
    with django_assert_num_queries(14):
        response = client.get(url)
    assert len(response.context["page"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_workshop_list_query_count(client, congress, track_a, workshop_type, moderator, n,
                                   django_assert_num_queries):  # fmt: skip
    for _k in range(n):
        WorkshopFactory(congress=congress, track=track_a, session_type=workshop_type)
    client.force_login(moderator)
    url = reverse("outcome_workshop_list", args=[congress.slug])
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(response.context["workshops"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_transversality_query_count(client, congress, track_a, workshop_a, organiser, n,
                                    django_assert_num_queries):  # fmt: skip
    make_proposals(congress, track_a, [workshop_a], n)
    client.force_login(organiser)
    with django_assert_num_queries(8):
        response = client.get(reverse("transversality", args=[congress.slug]))
    assert response.context["matrix"].total == n


@pytest.mark.parametrize("n", [1, 3])
def test_public_detail_query_count(client, congress, track_a, workshop_a, workshop_b, n,
                                   django_assert_num_queries):  # fmt: skip
    (proposal,) = make_proposals(congress, track_a, [workshop_a, workshop_b][: 1 + (n > 1)], 1)
    for k in range(n):
        proposal.followups.create(status="sent", date="2024-03-01", institution=f"Sénat {k}")
    with django_assert_num_queries(12):
        response = client.get(reverse("public_policy_detail", args=[congress.slug, proposal.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_outcome_history_query_count(client, congress, workshop_a, moderator, organiser, n,
                                     django_assert_num_queries):  # fmt: skip
    for k in range(n):
        services.outcome_save(session=workshop_a, by=moderator, version=k, proposals=[],
                              summary=f"Version {k}")  # fmt: skip
    client.force_login(organiser)
    url = reverse("outcome_history", args=[congress.slug, workshop_a.pk])
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["revisions"]) == n


def test_public_list_filters_by_follow_up(client, congress, track_a):
    sent = PolicyProposalFactory(congress=congress, track=track_a, followup_status="sent")
    PolicyProposalFactory(congress=congress, track=track_a)
    response = client.get(
        reverse("public_policy_list", args=[congress.slug]), {"followup_status": "sent"}
    )
    assert [p.pk for p in response.context["page"]] == [sent.pk]


def test_public_list_from_a_transversality_cell(client, congress, track_a, track_b):
    both = PolicyProposalFactory(congress=congress, track=track_a)
    both.related_tracks.add(track_b)
    PolicyProposalFactory(congress=congress, track=track_a)
    response = client.get(
        reverse("public_policy_list", args=[congress.slug]),
        {"involves": [track_a.slug, track_b.slug]},
    )
    assert [p.pk for p in response.context["page"]] == [both.pk]
    assert [t.name for t in response.context["involved_tracks"]] == [track_a.name, track_b.name]


@pytest.mark.parametrize("name", ["policy_set_aside", "followup_create"])
def test_staff_actions_refuse_moderators_before_reading_the_form(
    client, congress, track_a, moderator, name
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    client.force_login(moderator)
    response = client.post(reverse(name, args=[congress.slug, proposal.pk]), {})
    proposal.refresh_from_db()
    assert (response.status_code, proposal.status, proposal.followups.count()) == (
        403,
        PolicyStatus.VALIDATED,
        0,
    )
