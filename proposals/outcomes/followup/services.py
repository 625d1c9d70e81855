"""Writes of the follow-up: organisers record what happened to a validated policy proposal
after the congress (a sending, an answer...); its latest step is its follow-up status."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from congress.accounts.models import User
from proposals.outcomes.followup.models import FollowUp
from proposals.outcomes.followup.permissions import can_record_followup
from proposals.outcomes.recording.models import PolicyProposal


def _locked(proposal: PolicyProposal) -> PolicyProposal:
    return PolicyProposal.objects.select_for_update().get(pk=proposal.pk)


def followup_record(
    *,
    proposal: PolicyProposal,
    by: User,
    status: str,
    date,
    institution: str,
    addressee=None,
    summary: str = "",
    document=None,
) -> FollowUp:
    with transaction.atomic():
        proposal = _locked(proposal)
        if not can_record_followup(by, proposal):
            raise PermissionDenied(
                _("Seuls les organisateurs enregistrent les suites d'une proposition validée.")
            )
        followup = FollowUp(
            proposal=proposal, status=status, date=date, institution=institution,
            addressee=addressee, summary=summary, recorded_by=by,
        )  # fmt: skip
        if document is not None:
            followup.document = document
        followup.full_clean()
        followup.save()
        latest = proposal.followups.order_by("-date", "-pk").first()
        proposal.followup_status = latest.status
        proposal.save(update_fields=["followup_status", "updated_at"])
        return followup
