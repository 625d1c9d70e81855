"""Who proposes activities, reads a proposal and decides (issue 15)."""

from congress.editions.models import VISIBLE_STATUSES
from congress.editions.permissions import is_organiser
from congress.organisations.permissions import is_manager


def _call_open(congress) -> bool:
    """Proposals come in while the edition is visible and not over, with the feature on; once
    the programme is published, only if the organisers allow late proposals."""
    if congress.status not in VISIBLE_STATUSES or congress.has_ended:
        return False
    if not congress.feature_on("partner_activities"):
        return False
    return not congress.programme_published or congress.feature_on("late_partner_activities")


def manages_partner(user, partner) -> bool:
    """A manager of the organisation that is this partner on the site."""
    if not user.is_authenticated or not user.is_active or partner.organisation is None:
        return False
    return is_manager(user, partner.organisation)


def can_propose_activity(user, partner) -> bool:
    return manages_partner(user, partner) and _call_open(partner.congress)


def can_view_activity_proposal(user, proposal) -> bool:
    """The partner's managers and the edition's organisers; nobody else."""
    return manages_partner(user, proposal.partner) or is_organiser(user, proposal.congress)


def can_edit_activity_proposal(user, proposal) -> bool:
    return proposal.status == "submitted" and can_propose_activity(user, proposal.partner)


def can_decide_activity_proposal(user, proposal) -> bool:
    return proposal.status == "submitted" and is_organiser(user, proposal.congress)
