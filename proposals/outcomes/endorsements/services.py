"""Writes of endorsements: organisers set the endorsement period; participants support a
validated policy proposal (once) and withdraw their support while the period is open."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.editions.models import Congress
from proposals.outcomes.endorsements.models import Endorsement, EndorsementPeriod
from proposals.outcomes.endorsements.permissions import can_endorse, endorsement_period_open
from proposals.outcomes.recording.models import PolicyProposal, PolicyStatus
from proposals.outcomes.recording.permissions import can_consolidate


def endorsement_period_save(
    *, congress: Congress, by: User, starts_at, ends_at
) -> EndorsementPeriod:
    with transaction.atomic():
        if not can_consolidate(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs fixent la période de soutien."))
        period = EndorsementPeriod.objects.filter(congress=congress).first() or EndorsementPeriod(
            congress=congress
        )
        period.starts_at = starts_at
        period.ends_at = ends_at
        period.full_clean()
        period.save()
        return period


def endorsement_create(*, proposal: PolicyProposal, user: User) -> Endorsement:
    """Support a validated proposal; once per person (a double click changes nothing)."""
    if not can_endorse(user, proposal):
        if proposal.status == PolicyStatus.VALIDATED and not endorsement_period_open(
            proposal.congress
        ):
            raise ValidationError(_("La période de soutien n'est pas ouverte."), code="closed")
        raise PermissionDenied(_("Seuls les participants inscrits soutiennent une proposition."))
    try:
        with transaction.atomic():
            return Endorsement.objects.create(proposal=proposal, user=user)
    except IntegrityError:
        return Endorsement.objects.get(proposal=proposal, user=user)


def endorsement_withdraw(*, proposal: PolicyProposal, user: User) -> int:
    with transaction.atomic():
        if not endorsement_period_open(proposal.congress):
            raise ValidationError(_("La période de soutien n'est pas ouverte."), code="closed")
        deleted, _detail = Endorsement.objects.filter(proposal=proposal, user=user).delete()
        return deleted
