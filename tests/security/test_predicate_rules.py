"""Each permission predicate's own rule, one case per branch (issue 19): who is granted and who
is refused, so that removing or inverting a condition fails a test. Inactive accounts and
superusers are walked for every predicate by test_predicates_refuse_inactive_accounts.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from congress.accounts.permissions import (
    clear_permission_cache,
    has_confirmed_email,
    require_confirmed_email,
)
from congress.editions.permissions import is_organiser
from congress.organisations.models import MembershipRole
from congress.organisations.permissions import is_manager
from congress.registrations.models import RegistrationStatus
from congress.registrations.permissions import (
    can_cancel_order,
    can_register_for,
    can_view_order,
    is_participant,
)
from proposals.models import ProposalState
from proposals.permissions import (
    can_decide,
    can_edit_proposal,
    can_review,
    can_view_proposal,
    has_conflict_of_interest,
    is_author,
    sees_authors,
    user_organisation_ids,
)
from tests.factories import (
    CallFactory,
    CongressFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopProposalFactory,
    make_participant,
)
from tracks.models import TrackRoleKind
from tracks.permissions import (
    can_manage_programme,
    can_moderate,
    can_see_attendees,
    can_sign_up,
    clear_track_roles_cache,
    is_moderator,
    is_reviewer,
    moderator_track_ids,
    reviewer_track_ids,
)

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


# --- accounts -----------------------------------------------------------------------------------


def test_confirmed_email_needs_a_confirmed_active_account():
    confirmed = UserFactory()
    unconfirmed = UserFactory(email_confirmed_at=None)
    assert has_confirmed_email(confirmed) is True
    assert has_confirmed_email(unconfirmed) is False
    assert has_confirmed_email(ANONYMOUS) is False
    require_confirmed_email(confirmed)  # no exception
    with pytest.raises(PermissionDenied, match="Confirmez d'abord votre adresse"):
        require_confirmed_email(unconfirmed)


def test_clearing_the_permission_cache_makes_a_new_membership_count():
    user = UserFactory()
    organisation = OrganisationFactory()
    congress = CongressFactory()
    assert is_manager(user, organisation) is False
    assert is_organiser(user, congress) is False
    MembershipFactory(user=user, organisation=organisation, role=MembershipRole.MANAGER)
    congress.organisers.add(user)
    # Cached answers until the cache is cleared...
    assert is_manager(user, organisation) is False
    assert is_organiser(user, congress) is False
    clear_permission_cache(user)
    assert not hasattr(user, "_memberships_by_org")
    assert not hasattr(user, "_organiser_of")
    assert is_manager(user, organisation) is True
    assert is_organiser(user, congress) is True
    clear_permission_cache(UserFactory())  # nothing cached: no error


# --- registrations ------------------------------------------------------------------------------


def test_participant_needs_a_confirmed_registration_of_that_edition():
    congress, other = CongressFactory(), CongressFactory()
    user = UserFactory()
    assert is_participant(user, congress) is False
    assert is_participant(user, None) is False
    registration = make_participant(user, congress)
    assert is_participant(user, congress) is True
    assert is_participant(user, other) is False
    assert is_participant(ANONYMOUS, congress) is False
    for status in (
        RegistrationStatus.CANCELLED,
        RegistrationStatus.EXPIRED,
        RegistrationStatus.PENDING,
    ):
        registration.status = status
        registration.save(update_fields=["status"])
        assert is_participant(user, congress) is False, status


def test_participant_registered_by_address_once_the_address_is_confirmed():
    congress = CongressFactory()
    user = UserFactory(email_confirmed_at=None)
    RegistrationFactory(
        order=OrderFactory(congress=congress), user=None, full_name="X", email=user.email
    )
    assert is_participant(user, congress) is False
    confirmed = UserFactory()
    RegistrationFactory(
        order=OrderFactory(congress=congress), user=None, full_name="Y", email=confirmed.email
    )
    assert is_participant(confirmed, congress) is True


def test_only_managers_register_for_their_organisation():
    organisation = OrganisationFactory()
    manager = MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    stranger = UserFactory()
    assert can_register_for(stranger, None) is True  # alone
    assert can_register_for(ANONYMOUS, None) is False
    assert can_register_for(manager, organisation) is True
    assert can_register_for(member, organisation) is False
    assert can_register_for(stranger, organisation) is False
    assert can_register_for(UserFactory(is_superuser=True), organisation) is True


def test_order_is_seen_and_cancelled_by_its_author_its_managers_and_organisers():
    congress = CongressFactory()
    organisation = OrganisationFactory()
    author = UserFactory()
    manager = MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user
    member = MembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    organiser = UserFactory()
    congress.organisers.add(organiser)
    other_organiser = UserFactory()
    CongressFactory().organisers.add(other_organiser)
    order = OrderFactory(congress=congress, placed_by=author, organisation=organisation)
    alone = OrderFactory(congress=congress, placed_by=author, organisation=None)
    for predicate in (can_view_order, can_cancel_order):
        assert predicate(author, order) is True
        assert predicate(manager, order) is True
        assert predicate(organiser, order) is True
        assert predicate(member, order) is False
        assert predicate(other_organiser, order) is False
        assert predicate(UserFactory(), order) is False
        assert predicate(ANONYMOUS, order) is False
        assert predicate(author, alone) is True
        assert predicate(manager, alone) is False
        assert predicate(organiser, alone) is True


# --- tracks -------------------------------------------------------------------------------------


def test_reviewer_and_moderator_of_their_own_tracks_only():
    congress = CongressFactory()
    track, other = TrackFactory(congress=congress), TrackFactory(congress=congress)
    reviewer = TrackRoleFactory(track=track, role=TrackRoleKind.REVIEWER).user
    moderator = TrackRoleFactory(track=track, role=TrackRoleKind.MODERATOR).user
    organiser = UserFactory()
    congress.organisers.add(organiser)
    assert is_reviewer(reviewer, track) is True
    assert is_reviewer(reviewer, other) is False
    assert is_reviewer(moderator, track) is False
    assert is_moderator(moderator, track) is True
    assert is_moderator(moderator, other) is False
    assert is_moderator(reviewer, track) is False
    assert is_reviewer(ANONYMOUS, track) is False
    assert is_moderator(ANONYMOUS, track) is False
    assert reviewer_track_ids(reviewer) == {track.pk}
    assert reviewer_track_ids(moderator) == set()
    assert moderator_track_ids(moderator) == {track.pk}
    assert moderator_track_ids(reviewer) == set()
    assert reviewer_track_ids(ANONYMOUS) == set()
    assert moderator_track_ids(ANONYMOUS) == set()
    assert can_moderate(moderator, track) is True
    assert can_moderate(moderator, other) is False
    assert can_moderate(organiser, other) is True
    assert can_moderate(reviewer, track) is False
    assert can_manage_programme(organiser, congress) is True
    assert can_manage_programme(moderator, congress) is False


def test_track_roles_are_cached_until_cleared(django_assert_num_queries):
    track = TrackFactory()
    user = UserFactory()
    assert is_reviewer(user, track) is False
    TrackRoleFactory(track=track, user=user, role=TrackRoleKind.REVIEWER)
    with django_assert_num_queries(0):
        assert is_reviewer(user, track) is False
        assert is_moderator(user, track) is False
    clear_track_roles_cache(user)
    assert not hasattr(user, "_track_roles")
    assert is_reviewer(user, track) is True
    clear_track_roles_cache(UserFactory())  # nothing cached: no error


def test_workshop_sign_up_for_participants_on_workshops_only():
    congress = CongressFactory()
    workshop = WorkshopFactory(congress=congress)
    plenary = WorkshopFactory(congress=congress)
    plenary.session_type.is_workshop = False
    plenary.session_type.save()
    participant, stranger = UserFactory(), UserFactory()
    make_participant(participant, congress)
    assert can_sign_up(participant, workshop) is True
    assert can_sign_up(participant, plenary) is False
    assert can_sign_up(stranger, workshop) is False


def test_attendees_are_seen_by_organisers_and_the_session_moderators():
    congress = CongressFactory()
    session = WorkshopFactory(congress=congress)
    moderator, organiser, participant = UserFactory(), UserFactory(), UserFactory()
    session.moderators.add(moderator)
    congress.organisers.add(organiser)
    make_participant(participant, congress)
    assert can_see_attendees(moderator, session) is True
    assert can_see_attendees(organiser, session) is True
    assert can_see_attendees(participant, session) is False
    assert can_see_attendees(ANONYMOUS, session) is False


# --- proposals ----------------------------------------------------------------------------------


@pytest.fixture
def proposal_world():
    congress = CongressFactory()
    track = TrackFactory(congress=congress)
    organisation, co_presenter = OrganisationFactory(), OrganisationFactory()
    proposal = WorkshopProposalFactory(
        congress=congress, organisation=organisation, track=track, state=ProposalState.SUBMITTED
    )
    proposal.co_organisations.add(co_presenter)
    author = MembershipFactory(organisation=organisation).user
    co_author = MembershipFactory(organisation=co_presenter).user
    reviewer = TrackRoleFactory(track=track, role=TrackRoleKind.REVIEWER).user
    organiser = UserFactory()
    congress.organisers.add(organiser)
    return {
        "congress": congress,
        "track": track,
        "proposal": proposal,
        "author": author,
        "co_author": co_author,
        "reviewer": reviewer,
        "organiser": organiser,
    }


def test_authors_are_the_members_of_the_proposing_organisation(proposal_world):
    w = proposal_world
    assert is_author(w["author"], w["proposal"]) is True
    assert is_author(w["co_author"], w["proposal"]) is False
    assert is_author(w["reviewer"], w["proposal"]) is False
    assert is_author(ANONYMOUS, w["proposal"]) is False
    assert user_organisation_ids(ANONYMOUS) == set()
    assert user_organisation_ids(w["author"]) == {w["proposal"].organisation_id}


def test_authors_edit_drafts_and_submitted_proposals_only(proposal_world):
    w = proposal_world
    proposal = w["proposal"]
    for state, editable in (
        (ProposalState.DRAFT, True),
        (ProposalState.SUBMITTED, True),
        (ProposalState.WITHDRAWN, False),
        (ProposalState.ACCEPTED, False),
        (ProposalState.WAITLISTED, False),
        (ProposalState.REJECTED, False),
    ):
        proposal.state = state
        assert can_edit_proposal(w["author"], proposal) is editable, state
        assert can_edit_proposal(w["co_author"], proposal) is False, state


def test_reviewers_review_submitted_proposals_of_their_track_without_conflict(proposal_world):
    w = proposal_world
    proposal, reviewer = w["proposal"], w["reviewer"]
    assert can_review(reviewer, proposal) is True
    assert has_conflict_of_interest(reviewer, proposal) is False
    for state in (ProposalState.DRAFT, ProposalState.WITHDRAWN):
        proposal.state = state
        assert can_review(reviewer, proposal) is False, state
    for state in (ProposalState.ACCEPTED, ProposalState.WAITLISTED, ProposalState.REJECTED):
        proposal.state = state
        assert can_review(reviewer, proposal) is True, state
    proposal.state = ProposalState.SUBMITTED
    other_track = TrackFactory(congress=w["congress"])
    assert can_review(reviewer, WorkshopProposalFactory(
        congress=w["congress"], track=other_track, state=ProposalState.SUBMITTED
    )) is False  # fmt: skip
    untracked = WorkshopProposalFactory(
        congress=w["congress"], track=None, state=ProposalState.SUBMITTED
    )
    assert can_review(reviewer, untracked) is False
    # A reviewer who is a member of a co-presenting organisation has a conflict of interest.
    MembershipFactory(user=reviewer, organisation=proposal.co_organisations.get())
    reviewer._organisation_ids = None
    assert has_conflict_of_interest(reviewer, proposal) is True
    assert can_review(reviewer, proposal) is False


def test_proposal_is_seen_by_organisers_presenters_and_its_reviewers(proposal_world):
    w = proposal_world
    proposal = w["proposal"]
    for who in ("organiser", "author", "co_author", "reviewer"):
        assert can_view_proposal(w[who], proposal) is True, who
    assert can_view_proposal(UserFactory(), proposal) is False
    assert can_view_proposal(ANONYMOUS, proposal) is False
    other_organiser = UserFactory()
    CongressFactory().organisers.add(other_organiser)
    assert can_view_proposal(other_organiser, proposal) is False
    assert can_decide(w["organiser"], w["congress"]) is True
    assert can_decide(w["reviewer"], w["congress"]) is False


def test_anonymous_review_hides_authors_from_reviewers_only(proposal_world):
    w = proposal_world
    proposal = w["proposal"]
    open_call = CallFactory.build(congress=w["congress"], anonymous_review=False)
    blind_call = CallFactory.build(congress=w["congress"], anonymous_review=True)
    assert sees_authors(w["reviewer"], proposal, None) is True
    assert sees_authors(w["reviewer"], proposal, open_call) is True
    assert sees_authors(w["reviewer"], proposal, blind_call) is False
    assert sees_authors(w["organiser"], proposal, blind_call) is True
    assert sees_authors(w["author"], proposal, blind_call) is True
    assert sees_authors(w["co_author"], proposal, blind_call) is True


def test_organisation_ids_are_read_once_per_request(django_assert_num_queries):
    membership = MembershipFactory()
    user = membership.user
    with django_assert_num_queries(1):
        assert user_organisation_ids(user) == {membership.organisation_id}
    with django_assert_num_queries(0):
        assert user_organisation_ids(user) == {membership.organisation_id}
