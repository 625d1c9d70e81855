"""All the models of the outcomes sub-domain, gathered so that ``proposals/models.py`` registers
them under the ``proposals`` app label, and so that ``proposals.outcomes.models.<Name>`` keeps
working (the OpenAPI enum names in settings, the exports, migration 0002).

Each model is defined in its sub-domain package: recording (outcomes, policy proposals,
revisions), endorsements, followup."""

from proposals.outcomes.endorsements.models import Endorsement, EndorsementPeriod
from proposals.outcomes.followup.models import FollowUp
from proposals.outcomes.recording.models import (
    ADDRESSEES,
    Addressee,
    FollowUpStatus,
    Level,
    Outcome,
    OutcomeStatus,
    PolicyProposal,
    PolicyStatus,
    Revision,
    RevisionAction,
    ensure_addressees,
)

__all__ = [
    "ADDRESSEES",
    "Addressee",
    "Endorsement",
    "EndorsementPeriod",
    "FollowUp",
    "FollowUpStatus",
    "Level",
    "Outcome",
    "OutcomeStatus",
    "PolicyProposal",
    "PolicyStatus",
    "Revision",
    "RevisionAction",
    "ensure_addressees",
]
