"""Writes of a call's jury, by the edition's organisers: jurors added by e-mail (an existing
account at once, anyone else by an invitation), removed, and the weighted criteria edited while
no assessment exists. Every change is written to the audit log."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.accounts.invitations import (
    invitation_accepted,
    invitation_claim,
    invitation_link_token,
    pending_invitation,
)
from congress.audit.services import audit_record
from congress.core.mail import send_after_commit
from funding.jury.emails import send_juror_invitation
from funding.models import Assessment, FundingCall, JurorInvitation, JuryCriterion
from funding.permissions import can_manage_call

INVITATION_SALT = "funding.juror-invitation"


def _check_organiser(by, call: FundingCall) -> None:
    if not can_manage_call(by, call):
        raise PermissionDenied(_("Seuls les organisateurs gèrent le jury."))


def invitation_token(invitation: JurorInvitation) -> str:
    return invitation_link_token(invitation, salt=INVITATION_SALT, key="j")


def juror_add(*, call: FundingCall, email: str, by) -> JurorInvitation | None:
    """Add the account of ``email`` to the jury, or invite the address when it has no account
    (the invitation is returned; None when the account was added)."""
    with transaction.atomic():
        _check_organiser(by, call)
        email = get_user_model().objects.normalize_email(email.strip()).lower()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is not None:
            if call.jurors.filter(pk=user.pk).exists():
                raise ValidationError({"email": _("Cette personne fait déjà partie du jury.")})
            call.jurors.add(user)
            audit_record(actor=by, action="funding.juror_add", congress=call.congress,
                         target=call, details={"juror": user.email})  # fmt: skip
            return None
        JurorInvitation.objects.filter(
            call=call, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        invitation = JurorInvitation(call=call, email=email, invited_by=by)
        invitation.full_clean()
        invitation.save()
        audit_record(actor=by, action="funding.juror_invite", congress=call.congress,
                     target=call, details={"email": email})  # fmt: skip
        send_after_commit(send_juror_invitation, invitation, invitation_token(invitation))
        return invitation


def juror_remove(*, call: FundingCall, juror, by) -> None:
    """Take a juror off the call's jury (the assessments already given stay)."""
    with transaction.atomic():
        _check_organiser(by, call)
        if not call.jurors.filter(pk=juror.pk).exists():
            raise ValidationError(_("Cette personne ne fait pas partie du jury."))
        call.jurors.remove(juror)
        audit_record(actor=by, action="funding.juror_remove", congress=call.congress,
                     target=call, details={"juror": juror.email})  # fmt: skip


def juror_invitation_revoke(*, invitation: JurorInvitation, by) -> None:
    with transaction.atomic():
        _check_organiser(by, invitation.call)
        if invitation.is_pending:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
            audit_record(actor=by, action="funding.juror_invitation_revoke",
                         congress=invitation.call.congress, target=invitation.call,
                         details={"email": invitation.email})  # fmt: skip


def juror_invitation_from_token(token: str) -> JurorInvitation:
    return pending_invitation(
        token,
        salt=INVITATION_SALT,
        key="j",
        queryset=JurorInvitation.objects.select_related("call__congress"),
    )


def juror_invitation_accept(*, token: str, by) -> FundingCall:
    with transaction.atomic():
        invitation = invitation_claim(juror_invitation_from_token(token), by=by)
        call = invitation.call
        call.jurors.add(by)
        invitation_accepted(invitation, by=by)
        audit_record(actor=by, action="funding.juror_join", congress=call.congress,
                     target=call, details={"juror": by.email})  # fmt: skip
        by.__dict__.pop("_juror_of", None)
        return call


def _check_no_assessment(call: FundingCall) -> None:
    count = Assessment.objects.filter(application__call=call).count()
    if count:
        raise ValidationError(
            ngettext(
                "Le jury a déjà rendu %(count)s évaluation : les critères ne peuvent plus "
                "changer, les notes déjà données perdraient leur sens.",
                "Le jury a déjà rendu %(count)s évaluations : les critères ne peuvent plus "
                "changer, les notes déjà données perdraient leur sens.",
                count,
            )
            % {"count": count}
        )


CRITERION_FIELDS = ("name", "weight", "order")


def criterion_save(
    *, call: FundingCall, by, criterion: JuryCriterion | None = None, **fields
) -> JuryCriterion:
    """Create (no ``criterion``) or edit a criterion of the call, before any assessment."""
    with transaction.atomic():
        _check_organiser(by, call)
        call = FundingCall.objects.select_for_update().get(pk=call.pk)
        _check_no_assessment(call)
        creating = criterion is None
        if creating:
            criterion = JuryCriterion(call=call)
        for name in CRITERION_FIELDS:
            if name in fields:
                setattr(criterion, name, fields[name])
        if call.criteria.filter(name__iexact=criterion.name).exclude(pk=criterion.pk).exists():
            raise ValidationError({"name": _("Un critère de ce nom existe déjà pour cet appel.")})
        criterion.full_clean()
        criterion.save()
        audit_record(actor=by, congress=call.congress, target=call,
                     action="funding.criterion_create" if creating else "funding.criterion_edit",
                     details={"criterion": criterion.name, "weight": criterion.weight,
                              "order": criterion.order})  # fmt: skip
        return criterion


def criterion_delete(*, criterion: JuryCriterion, by) -> None:
    with transaction.atomic():
        call = criterion.call
        _check_organiser(by, call)
        call = FundingCall.objects.select_for_update().get(pk=call.pk)
        _check_no_assessment(call)
        name = criterion.name
        criterion.delete()
        audit_record(actor=by, action="funding.criterion_delete", congress=call.congress,
                     target=call, details={"criterion": name})  # fmt: skip
