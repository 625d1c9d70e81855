import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from proposals.outcomes.consolidation import selectors, services
from proposals.outcomes.models import (
    Addressee,
    Endorsement,
    PolicyProposal,
    PolicyStatus,
)
from tests.factories import OrganisationFactory, PolicyProposalFactory

pytestmark = pytest.mark.django_db


def test_merge_keeps_sources_supporters_and_readable_originals(
    congress, track_a, track_b, workshop_a, workshop_b, organiser, participant
):
    org1, org2 = OrganisationFactory(), OrganisationFactory()
    senat, an = (
        Addressee.objects.get(slug="senat"),
        Addressee.objects.get(slug="assemblee-nationale"),
    )
    p1 = PolicyProposalFactory(
        congress=congress, track=track_a, sources=[workshop_a], status="submitted"
    )
    p2 = PolicyProposalFactory(
        congress=congress, track=track_b, sources=[workshop_b], status="submitted"
    )
    p1.supporting_organisations.add(org1)
    p2.supporting_organisations.add(org2)
    p1.addressees.add(senat)
    p2.addressees.add(an)
    Endorsement.objects.create(proposal=p1, user=participant)
    Endorsement.objects.create(proposal=p2, user=participant)
    with pytest.raises(PermissionDenied):
        services.policy_proposals_merge(congress=congress, proposals=[p1, p2], by=participant,
                                        title="X", statement="Y")  # fmt: skip
    merged = services.policy_proposals_merge(
        congress=congress, proposals=[p1, p2], by=organiser, title="Fonds national",
        statement="Créer un fonds national.",
    )  # fmt: skip
    assert merged.status == PolicyStatus.SUBMITTED
    assert sorted(s.pk for s in merged.sources.all()) == sorted([workshop_a.pk, workshop_b.pk])
    assert sorted(o.pk for o in merged.supporting_organisations.all()) == sorted([org1.pk, org2.pk])
    assert sorted(a.slug for a in merged.addressees.all()) == ["assemblee-nationale", "senat"]
    assert merged.track == track_a
    assert [t.pk for t in merged.related_tracks.all()] == [track_b.pk]
    assert merged.endorsements.count() == 1
    for original in (p1, p2):
        original.refresh_from_db()
        assert (original.status, original.merged_into_id) == (PolicyStatus.MERGED, merged.pk)
        assert original.title.startswith("Proposition")
    assert sorted(p.pk for p in merged.merged_from.all()) == sorted([p1.pk, p2.pk])
    # The merge is in the organisers' audit log, once for the result and once per original.
    assert sorted(congress.audit_entries.values_list("action", "target_id")) == sorted(
        [("policy_proposal.merged", str(pk)) for pk in (merged.pk, p1.pk, p2.pk)]
    )
    with pytest.raises(ValidationError):
        services.policy_proposals_merge(congress=congress, proposals=[p1, merged], by=organiser,
                                        title="X", statement="Y")  # fmt: skip


def test_split_keeps_sources_and_sets_the_original_aside(congress, track_a, workshop_a, organiser):
    original = PolicyProposalFactory(congress=congress, track=track_a, sources=[workshop_a],
                                     status="submitted")  # fmt: skip
    org = OrganisationFactory()
    original.supporting_organisations.add(org)
    parts = services.policy_proposal_split(proposal=original, by=organiser, parts=[
        {"title": "Partie 1", "statement": "Un."}, {"title": "Partie 2", "statement": "Deux."}])  # fmt: skip
    assert [p.title for p in parts] == ["Partie 1", "Partie 2"]
    for part in parts:
        assert [s.pk for s in part.sources.all()] == [workshop_a.pk]
        assert [o.pk for o in part.supporting_organisations.all()] == [org.pk]
        assert part.split_from_id == original.pk
    original.refresh_from_db()
    assert original.status == PolicyStatus.SET_ASIDE
    assert original.set_aside_reason == services.SPLIT_REASON


def test_validate_and_set_aside_are_for_organisers(congress, track_a, moderator, organiser):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, status="submitted")
    with pytest.raises(PermissionDenied):
        services.policy_proposal_validate(proposal=proposal, by=moderator)
    with pytest.raises(ValidationError):
        services.policy_proposal_set_aside(proposal=proposal, by=organiser, reason=" ")
    services.policy_proposal_set_aside(proposal=proposal, by=organiser, reason="Hors sujet")
    proposal = services.policy_proposal_validate(proposal=proposal, by=organiser)
    assert (proposal.status, proposal.set_aside_reason) == (PolicyStatus.VALIDATED, "")
    assert list(proposal.revisions.values_list("action", flat=True)) == ["validated", "set_aside"]


def test_policy_update_and_restore(congress, track_a, organiser):
    proposal = PolicyProposalFactory(congress=congress, track=track_a, title="Avant")
    services.policy_proposal_update(proposal=proposal, by=organiser, version=1, title="Premier")
    services.policy_proposal_update(proposal=proposal, by=organiser, version=2, title="Second")
    with pytest.raises(services.EditConflict):
        services.policy_proposal_update(
            proposal=proposal, by=organiser, version=2, title="Trop tard"
        )
    first = proposal.revisions.get(snapshot__title="Premier")
    restored = services.policy_proposal_restore(proposal=proposal, revision=first, by=organiser)
    assert (restored.title, restored.version) == ("Premier", 4)
    assert proposal.revisions.count() == 3


def test_transversality_matrix_counts_pairs_in_one_query(
    congress, track_a, track_b, django_assert_num_queries
):
    p1 = PolicyProposalFactory(congress=congress, track=track_a)
    p1.related_tracks.add(track_b)
    PolicyProposalFactory(congress=congress, track=track_a)
    draft = PolicyProposalFactory(congress=congress, track=track_b, status="draft")
    draft.related_tracks.add(track_a)
    with django_assert_num_queries(2):
        matrix = selectors.transversality_matrix(congress)
    counts = {(a.slug, b.slug): n for a, cells in matrix.rows for b, n in cells}
    assert counts == {("aide", "aide"): 2, ("aide", "handicap"): 1, ("handicap", "aide"): 1,
                      ("handicap", "handicap"): 1}  # fmt: skip
    assert matrix.total == 2


def test_search_and_filters(congress, track_a, track_b, workshop_a):
    p1 = PolicyProposalFactory(congress=congress, track=track_a, title="Fonds alimentaire",
                               sources=[workshop_a])  # fmt: skip
    p1.addressees.add(Addressee.objects.get(slug="senat"))
    p2 = PolicyProposalFactory(congress=congress, track=track_b, title="Interprétation LSF",
                               level="local")  # fmt: skip
    p2.related_tracks.add(track_a)
    board = lambda **f: sorted(p.pk for p in selectors.policy_board(congress, **f))  # noqa: E731
    assert board(q="LSF") == [p2.pk]
    assert board(track="aide") == [p1.pk]
    assert board(related_track="aide") == [p2.pk]
    assert board(involves=["aide"]) == sorted([p1.pk, p2.pk])
    assert board(involves=["aide", "handicap"]) == [p2.pk]
    assert board(level="local") == [p2.pk]
    assert board(addressee="senat") == [p1.pk]
    assert board(workshop=workshop_a.pk) == [p1.pk]
    assert PolicyProposal.objects.count() == 2
