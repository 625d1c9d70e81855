"""Who records outcomes (moderators of the workshop, organisers), who consolidates policy
proposals and reads their history (organisers), who sees a policy proposal."""

from congress.editions.permissions import is_organiser
from proposals.outcomes.recording.models import Outcome, OutcomeStatus, PolicyProposal, PolicyStatus
from tracks.models import Session
from tracks.permissions import is_moderator, moderator_track_ids


def is_session_moderator(user, session: Session) -> bool:
    """Moderators of the workshop's track, and people named moderators of the workshop itself."""
    if not user.is_authenticated or not user.is_active:
        return False
    if session.track_id is not None and session.track_id in moderator_track_ids(user):
        return True
    return any(m.pk == user.pk for m in session.moderators.all())


def can_record_outcome(user, session: Session) -> bool:
    """May open the outcome form of a workshop at all (organisers or its moderators)."""
    return is_organiser(user, session.congress) or is_session_moderator(user, session)


def can_edit_outcome(user, session: Session, outcome: Outcome | None) -> bool:
    """Moderators edit until they submit; organisers always (and reopen)."""
    if is_organiser(user, session.congress):
        return True
    if not is_session_moderator(user, session):
        return False
    return outcome is None or outcome.status == OutcomeStatus.DRAFT


def can_reopen_outcome(user, outcome: Outcome) -> bool:
    return is_organiser(user, outcome.congress)


def can_consolidate(user, congress) -> bool:
    return is_organiser(user, congress)


def can_read_history(user, congress) -> bool:
    return is_organiser(user, congress)


def can_view_policy_proposal(user, proposal: PolicyProposal) -> bool:
    """Validated proposals (and what was merged into them) are public; the rest is work in
    progress for organisers and the moderators of the proposal's track."""
    if proposal.status in (PolicyStatus.VALIDATED, PolicyStatus.MERGED):
        return True
    if is_organiser(user, proposal.congress):
        return True
    return is_moderator(user, proposal.track) if user.is_authenticated else False
