"""Who endorses a policy proposal, and when."""

from django.utils import timezone

from congress.registrations.permissions import is_participant
from proposals.outcomes.endorsements.models import EndorsementPeriod
from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus


def endorsement_period_open(congress, now=None) -> bool:
    period = EndorsementPeriod.objects.filter(congress=congress).first()
    return period is not None and period.is_open(now or timezone.now())


def can_endorse(user, proposal: PolicyProposal, *, period_open: bool | None = None) -> bool:
    if proposal.status != PolicyStatus.VALIDATED:
        return False
    if not is_participant(user, proposal.congress):
        return False
    if period_open is None:
        period_open = endorsement_period_open(proposal.congress)
    return period_open
