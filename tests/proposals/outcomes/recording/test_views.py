import pytest
from django.urls import reverse

from proposals.outcomes.models import Outcome
from proposals.outcomes.recording import services
from tests.factories import WorkshopFactory
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
    response = client.post(url, outcome_post(0, proposals, review="1"))
    # Saved as a draft, then the confirmation page: transmitting locks the text.
    confirm_url = reverse("outcome_submit", args=[congress.slug, workshop_a.pk])
    assert response.status_code == 302 and response.url == confirm_url
    outcome = Outcome.objects.get(session=workshop_a)
    assert outcome.status == "draft"
    confirm = client.get(confirm_url)
    assert "La transmission verrouille le texte." in confirm.content.decode()
    assert client.post(confirm_url, {"version": outcome.version}).status_code == 302
    outcome.refresh_from_db()
    assert outcome.status == "submitted"
    assert set(outcome.policy_proposals.values_list("status", flat=True)) == {"submitted"}
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


@pytest.mark.parametrize("n", [1, 3])
def test_workshop_list_query_count(client, congress, track_a, workshop_type, moderator, n,
                                   django_assert_num_queries):  # fmt: skip
    for _k in range(n):
        WorkshopFactory(congress=congress, track=track_a, session_type=workshop_type)
    client.force_login(moderator)
    url = reverse("outcome_workshop_list", args=[congress.slug])
    # +1: the edition's feature switches (issue 15, congress/editions/feature_guard.py)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert len(response.context["workshops"]) == n


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
