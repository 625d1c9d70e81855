"""Guards of consolidation: validate, set aside, merge, split, restore, update. Each test fails
when its guard is removed, and checks that nothing changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from proposals.outcomes.consolidation import services
from proposals.outcomes.models import PolicyProposal, PolicyStatus, Revision
from tests.factories import CongressFactory, PolicyProposalFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def rows():
    return (
        sorted(
            PolicyProposal.objects.values_list(
                "pk", "status", "version", "title", "set_aside_reason", "merged_into_id"
            )
        ),
        Revision.objects.count(),
    )


def make(congress, status):
    """A proposal in `status` (a merged one points to the proposal it was merged into)."""
    if status == PolicyStatus.MERGED:
        result = PolicyProposalFactory(congress=congress, status=PolicyStatus.SUBMITTED)
        return PolicyProposalFactory(congress=congress, status=status, merged_into=result)
    return PolicyProposalFactory(congress=congress, status=status)


def refused(call, **kwargs):
    before = rows()
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    assert rows() == before
    return error.value


@pytest.fixture
def submitted(congress, track_a):
    return PolicyProposalFactory(congress=congress, track=track_a, status=PolicyStatus.SUBMITTED)


@pytest.mark.parametrize("status", [PolicyStatus.VALIDATED, PolicyStatus.MERGED])
def test_validating_a_validated_or_merged_proposal_is_refused(congress, organiser, status):
    proposal = make(congress, status)
    error = refused(services.policy_proposal_validate, proposal=proposal, by=organiser)
    assert error.messages == ["Cette proposition ne peut pas être validée."]


def test_a_set_aside_proposal_can_be_validated_again(congress, organiser):
    proposal = PolicyProposalFactory(
        congress=congress, status=PolicyStatus.SET_ASIDE, set_aside_reason="Hors sujet"
    )
    services.policy_proposal_validate(proposal=proposal, by=organiser)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.set_aside_reason) == (PolicyStatus.VALIDATED, "")


def test_validating_is_refused_to_a_moderator(submitted, moderator):
    before = rows()
    with pytest.raises(PermissionDenied):
        services.policy_proposal_validate(proposal=submitted, by=moderator)
    assert rows() == before


@pytest.mark.parametrize("reason", ["", "   "])
def test_setting_aside_without_a_reason_is_refused(submitted, organiser, reason):
    error = refused(
        services.policy_proposal_set_aside, proposal=submitted, by=organiser, reason=reason
    )
    assert error.message_dict == {"reason": ["Indiquez le motif."]}


def test_setting_aside_a_merged_proposal_is_refused(congress, organiser):
    proposal = make(congress, PolicyStatus.MERGED)
    error = refused(
        services.policy_proposal_set_aside, proposal=proposal, by=organiser, reason="Doublon"
    )
    assert error.messages == ["Une proposition fusionnée ne peut pas être écartée."]


def merge(congress, proposals, by):
    return dict(congress=congress, proposals=proposals, by=by, title="Fusion", statement="Texte")


def test_merging_a_single_proposal_is_refused(congress, organiser, submitted):
    error = refused(services.policy_proposals_merge, **merge(congress, [submitted], organiser))
    assert error.messages == ["Choisissez au moins deux propositions de cette édition."]


def test_merging_a_proposal_of_another_edition_is_refused(congress, organiser, submitted):
    foreign = PolicyProposalFactory(congress=CongressFactory(), status=PolicyStatus.SUBMITTED)
    error = refused(
        services.policy_proposals_merge, **merge(congress, [submitted, foreign], organiser)
    )
    assert error.messages == ["Choisissez au moins deux propositions de cette édition."]


@pytest.mark.parametrize("status", [PolicyStatus.MERGED, PolicyStatus.SET_ASIDE])
def test_merging_a_merged_or_set_aside_proposal_is_refused(congress, organiser, submitted, status):
    other = make(congress, status)
    error = refused(
        services.policy_proposals_merge, **merge(congress, [submitted, other], organiser)
    )
    assert error.messages == ["Une proposition déjà fusionnée ou écartée ne peut être fusionnée."]


PARTS = [{"title": "A", "statement": "Premier"}, {"title": "B", "statement": "Second"}]


@pytest.mark.parametrize("status", [PolicyStatus.MERGED, PolicyStatus.SET_ASIDE])
def test_splitting_a_merged_or_set_aside_proposal_is_refused(congress, organiser, status):
    proposal = make(congress, status)
    error = refused(services.policy_proposal_split, proposal=proposal, by=organiser, parts=PARTS)
    assert error.messages == ["Cette proposition ne peut plus être scindée."]


def test_splitting_into_one_part_is_refused(submitted, organiser):
    error = refused(
        services.policy_proposal_split, proposal=submitted, by=organiser, parts=PARTS[:1]
    )
    assert error.messages == ["Une scission donne au moins deux propositions."]


def test_restoring_a_revision_of_another_proposal_is_refused(congress, organiser, submitted):
    other = PolicyProposalFactory(congress=congress, status=PolicyStatus.SUBMITTED)
    services.policy_proposal_validate(proposal=other, by=organiser)
    revision = Revision.objects.get(policy_proposal=other)
    error = refused(
        services.policy_proposal_restore, proposal=submitted, revision=revision, by=organiser
    )
    assert error.messages == ["Cette révision ne concerne pas cette proposition."]


def test_restoring_is_refused_to_a_moderator(organiser, moderator, submitted):
    services.policy_proposal_validate(proposal=submitted, by=organiser)
    revision = Revision.objects.get(policy_proposal=submitted)
    before = rows()
    with pytest.raises(PermissionDenied):
        services.policy_proposal_restore(proposal=submitted, revision=revision, by=moderator)
    assert rows() == before


def test_updating_a_merged_proposal_is_refused(congress, organiser):
    proposal = make(congress, PolicyStatus.MERGED)
    error = refused(
        services.policy_proposal_update,
        proposal=proposal,
        by=organiser,
        version=proposal.version,
        title="Nouveau titre",
    )
    assert plain(error.messages) == plain(
        ["Une proposition fusionnée ne se modifie plus : modifiez le résultat."]
    )


def test_updating_from_a_stale_version_is_refused(submitted, organiser):
    error = refused(
        services.policy_proposal_update,
        proposal=submitted,
        by=organiser,
        version=submitted.version - 1,
        title="Nouveau titre",
    )
    assert error.messages == ["Cette proposition a été modifiée entre-temps. Rechargez la page."]


def test_an_unknown_field_is_a_programming_error_and_changes_nothing(congress):
    from tests.factories import UserFactory

    organiser = UserFactory()
    congress.organisers.add(organiser)
    proposal = make(congress, PolicyStatus.SUBMITTED)
    before = rows()
    with pytest.raises(TypeError, match="Unknown policy proposal fields: \\['budget'\\]"):
        services.policy_proposal_update(
            proposal=proposal, by=organiser, version=proposal.version, budget="1"
        )
    assert rows() == before
