"""Who records the follow-up of a policy proposal."""

from congress.editions.permissions import is_organiser
from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus


def can_record_followup(user, proposal: PolicyProposal) -> bool:
    return is_organiser(user, proposal.congress) and proposal.status == PolicyStatus.VALIDATED
