"""The session page links to what its workshop produced: the validated policy proposals citing
it (everyone), its outcome form (its moderators and the organisers only); and back."""

import pytest
from django.urls import reverse

from proposals.outcomes.recording import services
from tests.factories import PolicyProposalFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_session_page_lists_validated_proposals_and_the_outcome_for_its_moderators(
    client, congress, workshop_a, moderator
):
    validated = PolicyProposalFactory(congress=congress, track=workshop_a.track,
                                      sources=[workshop_a], status="validated",
                                      title="Un fonds pour les produits frais")  # fmt: skip
    PolicyProposalFactory(congress=congress, track=workshop_a.track, sources=[workshop_a],
                          status="submitted", title="Encore en discussion")  # fmt: skip
    url = reverse("session_detail", args=[congress.slug, workshop_a.pk])
    outcome_url = reverse("outcome_edit", args=[congress.slug, workshop_a.pk])
    html = client.get(url).content.decode()
    assert reverse("public_policy_detail", args=[congress.slug, validated.pk]) in html
    assert "Un fonds pour les produits frais" in html
    assert "Encore en discussion" not in html
    assert outcome_url not in html
    client.force_login(UserFactory())
    assert outcome_url not in client.get(url).content.decode()

    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert outcome_url in html and "pas encore rédigé" in html
    assert html.count('id="produced-title"') == 1
    services.outcome_save(session=workshop_a, by=moderator, version=0, proposals=[])
    assert "(brouillon)" in client.get(url).content.decode()
    # And back: the outcome form links to the session page.
    assert url in client.get(outcome_url).content.decode()


def test_session_page_without_anything_produced_has_no_section(client, congress, workshop_a):
    html = client.get(reverse("session_detail", args=[congress.slug, workshop_a.pk]))
    assert 'id="produced-title"' not in html.content.decode()
