"""What the invitations sent to an e-mail address share (to join an organisation, to sit on a
call's jury): a signed link valid ``INVITATION_MAX_AGE_DAYS``, read back into a pending
invitation, then claimed under a row lock by the account of the invited address, which the
link confirms.

An invitation model has ``email``, ``accepted_at``, ``accepted_by``, ``revoked_at`` and an
``is_pending`` property; each kind signs its links with its own salt, so a link of one kind is
never read as the other.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import User


def invitation_link_token(invitation: models.Model, *, salt: str, key: str) -> str:
    """The token of the invitation's link: its id under ``key``, signed with ``salt``."""
    return signing.dumps({key: invitation.pk}, salt=salt)


def pending_invitation[M: models.Model](
    token: str, *, salt: str, key: str, queryset: models.QuerySet[M]
) -> M:
    """The pending invitation of a link's token, read from ``queryset``; ValidationError (in
    the reader's words) when the link is expired, forged, used or revoked."""
    try:
        payload = signing.loads(
            token, salt=salt, max_age=settings.INVITATION_MAX_AGE_DAYS * 24 * 3600
        )
    except signing.SignatureExpired:
        raise ValidationError(_("Cette invitation a expiré. Demandez-en une nouvelle.")) from None
    except signing.BadSignature:
        raise ValidationError(_("Ce lien d'invitation n'est pas valide.")) from None
    invitation = queryset.filter(pk=payload.get(key)).first()
    if invitation is None or not invitation.is_pending:
        raise ValidationError(_("Cette invitation a déjà été utilisée ou annulée."))
    return invitation


def invitation_claim[M: models.Model](invitation: M, *, by: User) -> M:
    """Lock the invitation's row (inside the caller's transaction) and check it is still
    pending (two clicks accept once) and sent to ``by``'s address; the locked row is returned."""
    invitation = type(invitation).objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("Cette invitation a déjà été utilisée ou annulée."))
    if invitation.email.lower() != by.email.lower():
        raise PermissionDenied(
            _("Cette invitation a été envoyée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": invitation.email}
        )
    return invitation


def invitation_accepted(invitation: models.Model, *, by: User) -> None:
    """Record that ``by`` accepted the claimed invitation; the link reached their mailbox, so
    their address is confirmed."""
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if by.email_confirmed_at is None:
        by.email_confirmed_at = timezone.now()
        by.save(update_fields=["email_confirmed_at"])
