import pytest
from django.urls import reverse

from proposals.outcomes.models import PolicyProposal, PolicyStatus
from tests.factories import PolicyProposalFactory
from tests.proposals.outcomes.conftest import make_proposals

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who, expected",
    [("anonymous", 302), ("participant", 403), ("moderator", 403), ("organiser", 200)],
)
def test_board_permissions(client, congress, who, expected, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for name in ("policy_board", "transversality", "endorsement_period"):
        assert client.get(reverse(name, args=[congress.slug])).status_code == expected


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


@pytest.mark.parametrize("n", [1, 3])
def test_board_query_count(client, congress, track_a, workshop_a, organiser, n,
                           django_assert_num_queries):  # fmt: skip
    make_proposals(congress, track_a, [workshop_a], n)
    client.force_login(organiser)
    url = reverse("policy_board", args=[congress.slug])
    # +1: the edition's feature switches (issue 15, congress/editions/feature_guard.py)
    with django_assert_num_queries(15):
        response = client.get(url)
    assert len(response.context["page"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_transversality_query_count(client, congress, track_a, workshop_a, organiser, n,
                                    django_assert_num_queries):  # fmt: skip
    make_proposals(congress, track_a, [workshop_a], n)
    client.force_login(organiser)
    with django_assert_num_queries(8):
        response = client.get(reverse("transversality", args=[congress.slug]))
    assert response.context["matrix"].total == n


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


@pytest.mark.parametrize("n", [1, 3])
def test_staff_detail_query_count(client, congress, track_a, workshop_type, organiser, n,
                                  django_assert_num_queries):  # fmt: skip
    from tests.factories import WorkshopFactory

    workshops = [
        WorkshopFactory(
            congress=congress,
            track=track_a,
            session_type=workshop_type,
            title=f"Atelier source {i}",
        )  # fmt: skip
        for i in range(n)
    ]
    proposal = make_proposals(congress, track_a, workshops, 1, status="submitted")[0]
    client.force_login(organiser)
    with django_assert_num_queries(19):
        response = client.get(reverse("policy_staff_detail", args=[congress.slug, proposal.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert [w.title for w in workshops if w.title not in body] == []


def test_board_lists_what_needs_action_first_and_hides_closed_ones(
    client, congress, track_a, organiser
):
    for title, status in [
        ("Écartée", "set_aside"), ("Validée", "validated"), ("Brouillon", "draft"),
        ("Soumise", "submitted"),
    ]:  # fmt: skip
        PolicyProposalFactory(congress=congress, track=track_a, title=title, status=status)
    PolicyProposalFactory(
        congress=congress, track=track_a, title="Fusionnée", status="merged",
        merged_into=PolicyProposal.objects.get(title="Validée"),
    )  # fmt: skip
    client.force_login(organiser)
    url = reverse("policy_board", args=[congress.slug])
    titles = lambda response: [p.title for p in response.context["page"]]  # noqa: E731
    response = client.get(url)
    assert titles(response) == ["Soumise", "Validée", "Brouillon"]
    body = response.content.decode()
    assert '<span class="badge rounded-pill policy-status text-bg-warning">Soumise</span>' in body
    assert titles(client.get(url, {"show_closed": "on"})) == [
        "Soumise", "Validée", "Brouillon", "Fusionnée", "Écartée",
    ]  # fmt: skip
    assert titles(client.get(url, {"status": "set_aside"})) == ["Écartée"]
