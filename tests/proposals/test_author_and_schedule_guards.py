"""Guards of submission, withdrawal and scheduling, and the committee's reads (issue 19): each
test fails when its rule is removed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from proposals import selectors, services
from proposals.models import ProposalState, ProposalStateChange
from tests.factories import (
    ReviewFactory,
    RoomFactory,
    SessionTypeFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
)
from tracks.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


def _state(proposal):
    proposal.refresh_from_db()
    return proposal.state


def test_submitting_is_refused_to_someone_outside_the_organisation(congress, call, organisation):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.proposal_submit(proposal=proposal, by=UserFactory())
    assert _state(proposal) == ProposalState.DRAFT
    assert not ProposalStateChange.objects.exists()


def test_submitting_under_the_track_limit_is_accepted(congress, call, track, author, organisation):
    call.tracks.create(track=track, max_proposals=2)
    WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation, track=track)
    services.proposal_submit(proposal=proposal, by=author)
    assert _state(proposal) == ProposalState.SUBMITTED


def test_the_track_limit_counts_decided_proposals_but_not_drafts(
    congress, call, track, author, organisation
):
    call.tracks.create(track=track, max_proposals=2)
    WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)
    WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.DRAFT)
    WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.WITHDRAWN)
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation, track=track)
    services.proposal_submit(proposal=proposal, by=author)  # 1 taken of 2
    other = WorkshopProposalFactory(congress=congress, organisation=organisation, track=track)
    with pytest.raises(ValidationError):
        services.proposal_submit(proposal=other, by=author)  # 2 taken of 2
    assert _state(other) == ProposalState.DRAFT


def test_withdrawing_is_refused_to_someone_outside_the_organisation(congress, call, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, state=ProposalState.SUBMITTED
    )
    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(proposal=proposal, by=UserFactory())
    assert _state(proposal) == ProposalState.SUBMITTED


@pytest.fixture
def accepted(congress, track):
    SessionTypeFactory(congress=congress, slug="atelier", is_workshop=True)
    return WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.ACCEPTED)


@pytest.fixture
def rooms(congress):
    venue = VenueFactory(congress=congress)
    return RoomFactory(venue=venue, capacity=40), RoomFactory(venue=venue, capacity=30)


def _slot(hours):
    start = (timezone.now() + timedelta(days=30)).replace(microsecond=0) + timedelta(hours=hours)
    return {"starts_at": start, "ends_at": start + timedelta(minutes=90)}


def test_scheduling_is_refused_to_someone_not_organising(accepted, rooms):
    with pytest.raises(PermissionDenied):
        services.proposal_schedule(proposal=accepted, by=UserFactory(), room=rooms[0], **_slot(1))
    accepted.refresh_from_db()
    assert accepted.session_id is None
    assert not Session.objects.exists()


def test_scheduling_again_moves_the_same_session(accepted, rooms, organiser):
    later = _slot(3)
    first = services.proposal_schedule(proposal=accepted, by=organiser, room=rooms[0], **_slot(1))
    moved = services.proposal_schedule(proposal=accepted, by=organiser, room=rooms[1], **later)
    assert moved.pk == first.pk
    assert Session.objects.count() == 1
    moved.refresh_from_db()
    assert (moved.room, moved.starts_at, moved.capacity) == (rooms[1], later["starts_at"], 30)
    accepted.refresh_from_db()
    assert accepted.session_id == first.pk


def test_ranking_filters_by_track_and_ranks_by_mean_score(congress, track):
    other_track = TrackFactory(congress=congress)
    best = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    worst = WorkshopProposalFactory(congress=congress, track=track, state=ProposalState.SUBMITTED)
    elsewhere = WorkshopProposalFactory(
        congress=congress, track=other_track, state=ProposalState.SUBMITTED
    )
    ReviewFactory(proposal=best, weighted_score=Decimal("4.50"))
    ReviewFactory(proposal=best, weighted_score=Decimal("3.50"))
    ReviewFactory(proposal=worst, weighted_score=Decimal("1.00"))
    ranked = list(selectors.ranking(congress, track_id=track.pk))
    assert ranked == [best, worst]
    assert (ranked[0].mean_score, ranked[0].review_count, ranked[0].spread) == (4, 2, 1)
    assert elsewhere in selectors.ranking(congress)
    assert elsewhere not in ranked


def test_reviews_of_a_proposal_are_its_own(congress, track):
    proposal = WorkshopProposalFactory(
        congress=congress, track=track, state=ProposalState.SUBMITTED
    )
    mine = ReviewFactory(proposal=proposal)
    ReviewFactory(
        proposal=WorkshopProposalFactory(
            congress=congress, track=track, state=ProposalState.SUBMITTED
        )
    )
    assert list(selectors.reviews_of(proposal)) == [mine]


def test_submitting_again_is_refused(congress, call, author, organisation):
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, state=ProposalState.SUBMITTED
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(proposal=proposal, by=author)
    assert error.value.messages == ["Seul un brouillon peut être soumis."]
    assert _state(proposal) == ProposalState.SUBMITTED
    assert not ProposalStateChange.objects.exists()


@pytest.mark.parametrize(
    "state", [ProposalState.ACCEPTED, ProposalState.WAITLISTED, ProposalState.REJECTED,
              ProposalState.WITHDRAWN],
)  # fmt: skip
def test_withdrawing_a_decided_or_withdrawn_proposal_is_refused(
    congress, call, author, organisation, state
):
    proposal = WorkshopProposalFactory(congress=congress, organisation=organisation, state=state)
    with pytest.raises(ValidationError) as error:
        services.proposal_withdraw(proposal=proposal, by=author)
    assert error.value.messages == ["Une proposition déjà décidée ne peut plus être retirée."]
    assert _state(proposal) == state
    assert not ProposalStateChange.objects.exists()
