"""Permission predicates for workshop proposals and their review."""

from congress.editions.permissions import is_organiser
from congress.organisations.permissions import is_member
from proposals.models import ProposalState, WorkshopProposal
from tracks.permissions import is_reviewer


def user_organisation_ids(user) -> set[int]:
    if not user.is_authenticated or not user.is_active:
        return set()
    cache = getattr(user, "_organisation_ids", None)
    if cache is None:
        cache = set(user.memberships.values_list("organisation_id", flat=True))
        user._organisation_ids = cache
    return cache


def presenting_organisation_ids(proposal: WorkshopProposal) -> set[int]:
    ids = {proposal.organisation_id}
    ids.update(o.pk for o in proposal.co_organisations.all())
    return ids


def is_author(user, proposal: WorkshopProposal) -> bool:
    """Members of the proposing organisation: they write, submit and withdraw."""
    return user.is_authenticated and is_member(user, proposal.organisation)


def has_conflict_of_interest(user, proposal: WorkshopProposal) -> bool:
    """A member of the proposing or of a co-presenting organisation never reviews it."""
    return bool(user_organisation_ids(user) & presenting_organisation_ids(proposal))


def can_view_proposal(user, proposal: WorkshopProposal) -> bool:
    if not user.is_authenticated:
        return False
    if is_organiser(user, proposal.congress):
        return True
    if user_organisation_ids(user) & presenting_organisation_ids(proposal):
        return True  # authors and co-presenting organisations
    return can_review(user, proposal)


def can_edit_proposal(user, proposal: WorkshopProposal) -> bool:
    return is_author(user, proposal) and proposal.state in (
        ProposalState.DRAFT,
        ProposalState.SUBMITTED,
    )


def can_review(user, proposal: WorkshopProposal) -> bool:
    return (
        proposal.track_id is not None
        and proposal.state != ProposalState.DRAFT
        and proposal.state != ProposalState.WITHDRAWN
        and is_reviewer(user, proposal.track)
        and not has_conflict_of_interest(user, proposal)
    )


def can_decide(user, congress) -> bool:
    return is_organiser(user, congress)


def sees_authors(user, proposal: WorkshopProposal, call) -> bool:
    """Under anonymous review, reviewers do not see who proposed."""
    if call is None or not call.anonymous_review:
        return True
    if is_organiser(user, proposal.congress):
        return True
    return bool(user_organisation_ids(user) & presenting_organisation_ids(proposal))
