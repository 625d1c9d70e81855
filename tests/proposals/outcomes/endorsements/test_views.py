import pytest
from django.urls import reverse

from proposals.outcomes.models import Endorsement
from tests.factories import (
    TEST_PASSWORD,
    PolicyProposalFactory,
    UserFactory,
)
from tests.proposals.outcomes.conftest import make_proposals

pytestmark = pytest.mark.django_db


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


QUERIES_OF_A_WARM_LIST = 7


@pytest.mark.parametrize("n", [1, 3])
def test_public_list_query_count(client, congress, track_a, workshop_a, participant, n,
                                 django_assert_num_queries):  # fmt: skip
    proposals = make_proposals(congress, track_a, [workshop_a], n)
    client.force_login(participant)
    url = reverse("public_policy_list", args=[congress.slug])
    # +1: the edition's feature switches (issue 15, congress/editions/feature_guard.py); the
    # filter's choices (tracks, addressees) read only when filtering (issue 18)
    with django_assert_num_queries(13):
        response = client.get(url)
    assert all(p.title in response.content.decode() for p in proposals)
    # From the cache (issue 18): the person's endorsements, the page's own reads (session,
    # user, edition, roles for the header...), none of the list's.
    with django_assert_num_queries(QUERIES_OF_A_WARM_LIST):
        again = client.get(url)
    assert all(p.title in again.content.decode() for p in proposals)


@pytest.mark.parametrize("n", [1, 3])
def test_public_detail_query_count(client, congress, track_a, workshop_a, workshop_b, n,
                                   django_assert_num_queries):  # fmt: skip
    (proposal,) = make_proposals(congress, track_a, [workshop_a, workshop_b][: 1 + (n > 1)], 1)
    for k in range(n):
        proposal.followups.create(status="sent", date="2024-03-01", institution=f"Sénat {k}")
    # +1: the edition's feature switches (issue 15, congress/editions/feature_guard.py)
    with django_assert_num_queries(13):
        response = client.get(reverse("public_policy_detail", args=[congress.slug, proposal.pk]))
    assert response.status_code == 200


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


def test_anonymous_visitor_gets_a_login_link_back_to_the_proposal(
    client, congress, track_a, open_period
):
    proposal = PolicyProposalFactory(congress=congress, track=track_a)
    detail = reverse("public_policy_detail", args=[congress.slug, proposal.pk])
    page = client.get(detail).content.decode()
    login_href = f"{reverse('login')}?next={detail}"
    assert f'<a href="{login_href}">' in page
    user = UserFactory()
    response = client.post(login_href, {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == detail
