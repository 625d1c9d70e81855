"""Writes of the organisations sub-domain: profiles, invitations, memberships."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from congress.accounts.invitations import (
    invitation_accepted,
    invitation_claim,
    invitation_link_token,
    pending_invitation,
)
from congress.accounts.models import User
from congress.accounts.permissions import clear_permission_cache, require_confirmed_email
from congress.core import mail, pagecache
from congress.organisations import emails
from congress.organisations.models import Invitation, Membership, MembershipRole, Organisation
from congress.organisations.permissions import can_manage_organisation

INVITATION_SALT = "congress.invitation"


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    existing = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    while existing.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


ORGANISATION_FIELDS = (
    "kind", "name", "country", "siret", "rna", "vat_number", "address", "postal_code",
    "commune", "insee_code", "departement", "website", "contact_email", "phone", "description",
    "public_listing",
)  # fmt: skip


def _save_organisation(organisation: Organisation) -> Organisation:
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Two requests raced past full_clean(): the unique constraint is the last word.
        raise ValidationError(
            {"siret": _("Une organisation avec ce SIRET ou ce RNA existe déjà.")}
        ) from None
    return organisation


def organisation_create(*, by: User, **fields) -> Organisation:
    with transaction.atomic():
        if not by.is_authenticated:
            raise PermissionDenied(_("Connectez-vous pour créer une organisation."))
        require_confirmed_email(by)
        unknown = set(fields) - set(ORGANISATION_FIELDS)
        if unknown:
            raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
        organisation = Organisation(**fields)
        organisation.slug = _unique_slug(organisation.name)
        _save_organisation(organisation)
        Membership.objects.create(user=by, organisation=organisation, role=MembershipRole.MANAGER)
        clear_permission_cache(by)
        return organisation


def organisation_update(*, organisation: Organisation, by: User, **fields) -> Organisation:
    with transaction.atomic():
        if not can_manage_organisation(by, organisation):
            raise PermissionDenied(_("Seuls les gestionnaires peuvent modifier l'organisation."))
        unknown = set(fields) - set(ORGANISATION_FIELDS)
        if unknown:
            raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
        for name, value in fields.items():
            setattr(organisation, name, value)
        return _save_organisation(organisation)


def invitation_token(invitation: Invitation) -> str:
    return invitation_link_token(invitation, salt=INVITATION_SALT, key="i")


def invitation_create(
    *, organisation: Organisation, email: str, role: str = MembershipRole.MEMBER, by: User
) -> Invitation:
    with transaction.atomic():
        if not can_manage_organisation(by, organisation):
            raise PermissionDenied(_("Seuls les gestionnaires peuvent inviter des membres."))
        return invitation_send(organisation=organisation, email=email, role=role, by=by)


def invitation_send(*, organisation: Organisation, email: str, role: str, by: User) -> Invitation:
    """Send an invitation; the caller has checked `by` may (a manager, or an organiser for an
    organisation left without manager)."""
    email = User.objects.normalize_email(email).lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("Cette personne est déjà membre de l'organisation.")})
    pending = organisation.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    for stale in pending:
        stale.revoked_at = timezone.now()
        stale.save(update_fields=["revoked_at"])
    invitation = Invitation(organisation=organisation, email=email, role=role, invited_by=by)
    invitation.full_clean()
    invitation.save()
    token = invitation_token(invitation)
    mail.send_after_commit(emails.send_invitation, invitation, token)
    return invitation


def invitation_from_token(token: str) -> Invitation:
    return pending_invitation(
        token,
        salt=INVITATION_SALT,
        key="i",
        queryset=Invitation.objects.select_related("organisation"),
    )


def invitation_accept(*, token: str, by: User) -> Membership:
    with transaction.atomic():
        invitation = invitation_claim(invitation_from_token(token), by=by)
        membership, _created = Membership.objects.get_or_create(
            user=by, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        invitation_accepted(invitation, by=by)
        if membership.role == MembershipRole.MANAGER and invitation.organisation.orphaned_at:
            Organisation.objects.filter(pk=invitation.organisation_id).update(orphaned_at=None)
            pagecache.bump(pagecache.SITE)  # no signal from update(): listed again
        clear_permission_cache(by)
        return membership


def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    with transaction.atomic():
        if not can_manage_organisation(by, invitation.organisation):
            raise PermissionDenied(_("Seuls les gestionnaires peuvent annuler une invitation."))
        if invitation.is_pending:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
        return invitation


def membership_remove(*, membership: Membership, by: User) -> None:
    with transaction.atomic():
        organisation = membership.organisation
        leaving = membership.user_id == by.pk  # anyone may leave; managers remove others
        if not (leaving or can_manage_organisation(by, organisation)):
            raise PermissionDenied(_("Seuls les gestionnaires peuvent retirer un membre."))
        # Lock the organisation's memberships so two managers cannot remove each other at once.
        managers = list(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=MembershipRole.MANAGER)
            .values_list("pk", flat=True)
        )
        if membership.role == MembershipRole.MANAGER and managers == [membership.pk]:
            raise ValidationError(
                _(
                    "L'organisation doit garder au moins un gestionnaire : nommez-en un autre d'abord."
                )
            )
        membership.delete()


def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    with transaction.atomic():
        organisation = membership.organisation
        if not can_manage_organisation(by, organisation):
            raise PermissionDenied(_("Seuls les gestionnaires peuvent changer les rôles."))
        managers = list(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=MembershipRole.MANAGER)
            .values_list("pk", flat=True)
        )
        if role != MembershipRole.MANAGER and managers == [membership.pk]:
            raise ValidationError(_("L'organisation doit garder au moins un gestionnaire."))
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role"])
        return membership
