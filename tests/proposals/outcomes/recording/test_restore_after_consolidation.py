"""Restoring an outcome to a version taken before a consolidation step never resurrects (nor
duplicates) the proposals merged, split, set aside or validated since, never deletes the
proposals born of a split, and says what it left as it is."""

import pytest
from django.urls import reverse

from proposals.outcomes.consolidation import services as consolidation
from proposals.outcomes.models import PolicyProposal, PolicyStatus, Revision
from proposals.outcomes.recording import services
from tests.proposals.outcomes.conftest import proposal_data
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def first_version(workshop, moderator, *titles):
    outcome = services.outcome_save(
        session=workshop, by=moderator, version=0, summary="Version A", attendee_count=10,
        proposals=[proposal_data(t) for t in titles], submit=True,
    )  # fmt: skip
    return outcome, outcome.revisions.get()


def test_restore_after_merge_does_not_recreate_the_merged_proposals(
    workshop_a, workshop_b, moderator, organiser, congress
):
    outcome, before = first_version(workshop_a, moderator, "Fonds national", "Tarif social")
    mine = outcome.policy_proposals.get(title="Fonds national")
    other = services.outcome_save(
        session=workshop_b, by=organiser, version=0, attendee_count=3,
        proposals=[proposal_data("Fonds pour l'aide")],
    ).policy_proposals.get()  # fmt: skip
    merged = consolidation.policy_proposals_merge(
        congress=congress, proposals=[mine, other], by=organiser,
        title="Un fonds national", statement="Créer un fonds.",
    )  # fmt: skip
    restored, not_restored = services.outcome_restore(
        outcome=outcome, revision=before, by=organiser
    )
    assert [p.pk for p in not_restored] == [mine.pk]
    assert PolicyProposal.objects.filter(title="Fonds national").count() == 1
    mine.refresh_from_db()
    assert (mine.status, mine.merged_into_id) == (PolicyStatus.MERGED, merged.pk)
    assert sorted(restored.policy_proposals.values_list("title", "status")) == [
        ("Fonds national", "merged"), ("Tarif social", "submitted"),
    ]  # fmt: skip
    assert restored.summary == "Version A"
    assert before.outcome.revisions.first().note.endswith(
        "1 proposition consolidée depuis n'est pas restaurée"
    )


def test_restore_after_split_keeps_the_parts_and_does_not_resurrect_the_original(
    workshop_a, moderator, organiser
):
    outcome, before = first_version(workshop_a, moderator, "Fonds et tarif")
    original = outcome.policy_proposals.get()
    parts = consolidation.policy_proposal_split(
        proposal=original, by=organiser,
        parts=[{"title": "Fonds", "statement": "Un fonds."},
               {"title": "Tarif", "statement": "Un tarif."}],
    )  # fmt: skip
    restored, not_restored = services.outcome_restore(
        outcome=outcome, revision=before, by=organiser
    )
    assert not_restored == [original]
    assert sorted(restored.policy_proposals.values_list("title", "status")) == [
        ("Fonds", "submitted"), ("Fonds et tarif", "set_aside"), ("Tarif", "submitted"),
    ]  # fmt: skip
    assert sorted(p.pk for p in parts) == sorted(
        restored.policy_proposals.filter(split_from=original).values_list("pk", flat=True)
    )


def test_restore_after_set_aside_and_validation_leaves_them_as_they_are(
    workshop_a, moderator, organiser
):
    outcome, before = first_version(workshop_a, moderator, "Écartée", "Validée", "Reste")
    aside = outcome.policy_proposals.get(title="Écartée")
    consolidation.policy_proposal_set_aside(proposal=aside, by=organiser, reason="Hors sujet")
    valid = outcome.policy_proposals.get(title="Validée")
    consolidation.policy_proposal_validate(proposal=valid, by=organiser)
    restored, not_restored = services.outcome_restore(
        outcome=outcome, revision=before, by=organiser
    )
    assert sorted(p.title for p in not_restored) == ["Validée", "Écartée"]
    assert sorted(restored.policy_proposals.values_list("title", "status")) == [
        ("Reste", "submitted"), ("Validée", "validated"), ("Écartée", "set_aside"),
    ]  # fmt: skip
    assert PolicyProposal.objects.count() == 3
    assert restored.revisions.first().note.endswith(
        "2 propositions consolidées depuis ne sont pas restaurées"
    )


def test_plain_restore_brings_back_a_proposal_deleted_since(workshop_a, moderator, organiser):
    outcome, before = first_version(workshop_a, moderator, "Gardée", "Supprimée")
    outcome = services.outcome_reopen(outcome=outcome, by=organiser)
    kept = outcome.policy_proposals.get(title="Gardée")
    services.outcome_save(
        session=workshop_a, by=moderator, version=outcome.version, summary="Version B",
        proposals=[{"id": kept.pk, **proposal_data("Gardée")}],
    )  # fmt: skip
    restored, not_restored = services.outcome_restore(
        outcome=outcome, revision=before, by=organiser
    )
    assert not_restored == []
    assert sorted(restored.policy_proposals.values_list("title", flat=True)) == [
        "Gardée", "Supprimée",
    ]  # fmt: skip
    assert restored.policy_proposals.filter(pk=kept.pk).exists()
    assert restored.revisions.first().note.startswith("Version du ")


def test_restore_view_tells_what_it_could_not_restore(
    client, congress, workshop_a, workshop_b, moderator, organiser
):
    outcome, before = first_version(workshop_a, moderator, "Fonds", "Coupée", "Écartée", "Reste")
    fonds = outcome.policy_proposals.get(title="Fonds")
    other = services.outcome_save(
        session=workshop_b, by=organiser, version=0, attendee_count=3,
        proposals=[proposal_data("Fonds bis")],
    ).policy_proposals.get()  # fmt: skip
    consolidation.policy_proposals_merge(
        congress=congress, proposals=[fonds, other], by=organiser,
        title="Un fonds commun", statement="Créer un fonds.",
    )  # fmt: skip
    consolidation.policy_proposal_split(
        proposal=outcome.policy_proposals.get(title="Coupée"), by=organiser,
        parts=[{"title": "C1", "statement": "Un."}, {"title": "C2", "statement": "Deux."}],
    )  # fmt: skip
    consolidation.policy_proposal_set_aside(
        proposal=outcome.policy_proposals.get(title="Écartée"), by=organiser, reason="Doublon"
    )
    client.force_login(organiser)
    url = reverse("outcome_restore", args=[congress.slug, workshop_a.pk, before.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    assert plain(texts) == plain(
        [
            "La version choisie est restaurée (nouvelle révision).",
            "Ces 3 propositions ont été consolidées depuis cette version et n'ont pas été restaurées "
            "(elles restent telles quelles) : « Fonds » (fusionnée dans « Un fonds commun ») ; "
            "« Coupée » (scindée) ; « Écartée » (écartée).",
        ]
    )
    assert Revision.objects.filter(outcome__session=workshop_a, action="restored").count() == 1
    assert PolicyProposal.objects.filter(title__in=["Fonds", "Coupée", "Écartée"]).count() == 3


def test_restore_view_single_not_restored_proposal(
    client, congress, workshop_a, moderator, organiser
):
    outcome, before = first_version(workshop_a, moderator, "Validée")
    consolidation.policy_proposal_validate(proposal=outcome.policy_proposals.get(), by=organiser)
    client.force_login(organiser)
    url = reverse("outcome_restore", args=[congress.slug, workshop_a.pk, before.pk])
    response = client.post(url, follow=True)
    assert plain([str(m) for m in response.context["messages"]][1]) == (
        plain(
            "Cette proposition a été consolidée depuis cette version et n'a pas été restaurée "
            "(elle reste telle quelle) : « Validée » (validée)."
        )
    )
