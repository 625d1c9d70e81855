"""Guards of reviews, decisions and tracks: each test fails when its guard is removed."""

import pytest
from django.core.exceptions import ValidationError

from proposals import services
from proposals.models import ProposalState, ProposalStateChange, Review, ReviewScore
from tests.factories import (
    CongressFactory,
    SessionFactory,
    TrackFactory,
    UserFactory,
    WorkshopProposalFactory,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


def proposal_rows():
    return (
        sorted(
            services.WorkshopProposal.objects.values_list("pk", "state", "version", "session_id")
        ),
        ProposalStateChange.objects.count(),
    )


def review_rows():
    return Review.objects.count(), ReviewScore.objects.count()


def decide(congress, proposal, decision, by):
    return services.proposals_decide(
        congress=congress, proposal_ids=[proposal.pk], decision=decision, by=by
    )


@pytest.mark.parametrize("state", [ProposalState.DRAFT, ProposalState.WITHDRAWN])
def test_deciding_a_proposal_that_is_not_submitted_is_refused(congress, track, organiser, state):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state=state)
    before = proposal_rows()
    with pytest.raises(ValidationError) as error:
        decide(congress, proposal, ProposalState.ACCEPTED, organiser)
    assert plain(error.value.messages) == plain(
        [f"« {proposal.title} » n'est pas soumise : pas de décision possible."]
    )
    assert proposal_rows() == before


@pytest.mark.parametrize("decision", [ProposalState.REJECTED, ProposalState.WAITLISTED])
def test_rejecting_a_scheduled_proposal_is_refused(congress, track, organiser, decision):
    session = SessionFactory(congress=congress)
    proposal = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.ACCEPTED, session=session
    )
    before = proposal_rows()
    with pytest.raises(ValidationError) as error:
        decide(congress, proposal, decision, organiser)
    assert plain(error.value.messages) == plain(
        [f"« {proposal.title} » est déjà au programme : retirez d'abord la session."]
    )
    assert proposal_rows() == before


@pytest.mark.parametrize("decision", ["submitted", "draft", "approved"])
def test_an_unknown_decision_is_refused(congress, track, organiser, decision):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state="submitted")
    before = proposal_rows()
    with pytest.raises(ValidationError) as error:
        decide(congress, proposal, decision, organiser)
    assert error.value.messages == ["Décision inconnue."]
    assert proposal_rows() == before


def test_deciding_the_same_decision_again_changes_nothing(congress, track, organiser):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state="accepted")
    before = proposal_rows()
    decide(congress, proposal, ProposalState.ACCEPTED, organiser)
    assert proposal_rows() == before


def scores(call, *values):
    return {c.pk: v for c, v in zip(call.criteria.order_by("pk"), values, strict=True)}


def test_a_review_missing_a_criterion_is_refused(congress, call, track, reviewer):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state="submitted")
    first = call.criteria.order_by("pk").first()
    with pytest.raises(ValidationError) as error:
        services.review_save(proposal=proposal, by=reviewer, scores={first.pk: 4})
    assert error.value.messages == ["Notez chacun des critères."]
    assert review_rows() == (0, 0)


def test_a_review_scoring_a_criterion_of_another_call_is_refused(congress, call, track, reviewer):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state="submitted")
    with pytest.raises(ValidationError) as error:
        services.review_save(
            proposal=proposal, by=reviewer, scores={**scores(call, 3, 3), 999999: 3}
        )
    assert error.value.messages == ["Notez chacun des critères."]
    assert review_rows() == (0, 0)


@pytest.mark.parametrize("values", [(6, 3), (3, -1)])
def test_a_review_scoring_outside_0_to_5_is_refused(congress, call, track, reviewer, values):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state="submitted")
    with pytest.raises(ValidationError) as error:
        services.review_save(proposal=proposal, by=reviewer, scores=scores(call, *values))
    assert error.value.messages == ["Chaque note va de 0 à 5."]
    assert review_rows() == (0, 0)


@pytest.mark.parametrize("values", [(0, 0), (5, 5)])
def test_a_review_at_the_bounds_is_accepted(congress, call, track, reviewer, values):
    proposal = WorkshopProposalFactory(congress=congress, track=track, state="submitted")
    services.review_save(proposal=proposal, by=reviewer, scores=scores(call, *values))
    assert review_rows() == (1, 2)


# --- tracks of another edition ----------------------------------------------------------------


def test_a_proposal_on_a_track_of_another_edition_is_refused(congress, call, author, organisation):
    foreign = TrackFactory(congress=CongressFactory())
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            congress=congress, organisation=organisation, by=author, title="T", track=foreign
        )
    assert error.value.message_dict == {"track": ["Ce thème n'appartient pas à cette édition."]}
    assert proposal_rows() == ([], 0)


def test_a_related_track_of_another_edition_is_refused(congress, call, track, author, organisation):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation, track=track)
    foreign = TrackFactory(congress=CongressFactory())
    before = proposal_rows()
    with pytest.raises(ValidationError) as error:
        services.proposal_update(
            proposal=proposal, by=author, version=proposal.version, related_tracks=[foreign]
        )
    assert error.value.message_dict == {"track": ["Ce thème n'appartient pas à cette édition."]}
    assert proposal_rows() == before
    assert list(proposal.related_tracks.all()) == []
