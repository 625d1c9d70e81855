"""Writes of the congress app: accounts, organisations, memberships and invitations."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from congress import emails
from congress.models import (
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
    User,
)
from congress.permissions import can_manage_organisation, clear_permission_cache

EMAIL_CONFIRMATION_SALT = "congress.email-confirmation"
INVITATION_SALT = "congress.invitation"


# --- accounts -------------------------------------------------------------------------------


@transaction.atomic
def user_sign_up(
    *, email: str, full_name: str, password: str, phone: str = "", preferred_language: str = "fr"
) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Un compte existe déjà avec cette adresse e-mail.")})
    user = User(
        email=email, full_name=full_name, phone=phone, preferred_language=preferred_language
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    transaction.on_commit(
        lambda: emails.send_email_confirmation(user, email_confirmation_token(user))
    )
    return user


def email_confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=EMAIL_CONFIRMATION_SALT)


@transaction.atomic
def user_confirm_email(*, token: str) -> User:
    try:
        payload = signing.loads(
            token, salt=EMAIL_CONFIRMATION_SALT, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired:
        raise ValidationError(
            _("Ce lien de confirmation a expiré. Demandez-en un nouveau.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("Ce lien de confirmation n'est pas valide.")) from None
    user = User.objects.select_for_update().filter(pk=payload.get("u")).first()
    if user is None or user.email != payload.get("e"):
        raise ValidationError(_("Ce lien de confirmation n'est pas valide."))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


def user_resend_confirmation(*, user: User) -> None:
    if not user.email_confirmed:
        emails.send_email_confirmation(user, email_confirmation_token(user))


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, phone: str, preferred_language: str) -> User:
    user.full_name = full_name
    user.phone = phone
    user.preferred_language = preferred_language
    user.full_clean()
    user.save(update_fields=["full_name", "phone", "preferred_language"])
    return user


# --- organisations --------------------------------------------------------------------------


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    existing = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    while existing.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


ORGANISATION_FIELDS = (
    "kind", "name", "siret", "rna", "address", "postal_code", "commune", "insee_code",
    "departement", "website", "contact_email", "phone", "description", "public_listing",
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


@transaction.atomic
def organisation_create(*, by: User, **fields) -> Organisation:
    if not by.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour créer une organisation."))
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    organisation = Organisation(**fields)
    organisation.slug = _unique_slug(organisation.name)
    _save_organisation(organisation)
    Membership.objects.create(user=by, organisation=organisation, role=MembershipRole.MANAGER)
    clear_permission_cache(by)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: User, **fields) -> Organisation:
    if not can_manage_organisation(by, organisation):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent modifier l'organisation."))
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    return _save_organisation(organisation)


# --- members and invitations ----------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str = MembershipRole.MEMBER, by: User
) -> Invitation:
    if not can_manage_organisation(by, organisation):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent inviter des membres."))
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
    transaction.on_commit(lambda: emails.send_invitation(invitation, token))
    return invitation


def invitation_from_token(token: str) -> Invitation:
    try:
        payload = signing.loads(
            token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE_DAYS * 24 * 3600
        )
    except signing.SignatureExpired:
        raise ValidationError(_("Cette invitation a expiré. Demandez-en une nouvelle.")) from None
    except signing.BadSignature:
        raise ValidationError(_("Ce lien d'invitation n'est pas valide.")) from None
    invitation = (
        Invitation.objects.select_related("organisation").filter(pk=payload.get("i")).first()
    )
    if invitation is None or not invitation.is_pending:
        raise ValidationError(_("Cette invitation a déjà été utilisée ou annulée."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, by: User) -> Membership:
    invitation = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("Cette invitation a déjà été utilisée ou annulée."))
    if invitation.email.lower() != by.email.lower():
        raise PermissionDenied(
            _("Cette invitation a été envoyée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        user=by, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if by.email_confirmed_at is None:
        # The invitation link reached this mailbox: the address is confirmed.
        by.email_confirmed_at = timezone.now()
        by.save(update_fields=["email_confirmed_at"])
    clear_permission_cache(by)
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    if not can_manage_organisation(by, invitation.organisation):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent annuler une invitation."))
    if invitation.is_pending:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    organisation = membership.organisation
    if not can_manage_organisation(by, organisation):
        raise PermissionDenied(_("Seuls les gestionnaires peuvent retirer un membre."))
    # Lock the organisation's memberships so two managers cannot remove each other at once.
    managers = list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role=MembershipRole.MANAGER)
        .values_list("pk", flat=True)
    )
    if membership.role == MembershipRole.MANAGER and managers == [membership.pk]:
        raise ValidationError(
            _("L'organisation doit garder au moins un gestionnaire : nommez-en un autre d'abord.")
        )
    membership.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
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


# Re-exported for the password reset views.
password_reset_token_generator = default_token_generator


# --- organisers -----------------------------------------------------------------------------

ORGANISER_GROUP = "Organisateurs"
ORGANISER_APPS = ("congress", "tracks", "proposals", "reports", "authtoken")


@transaction.atomic
def organiser_grant_admin(*, user: User, congress=None) -> User:
    """Give an organiser the admin site with every permission of the congress apps.

    The group is (re)synchronised each time, so permissions of models added later are included.
    """
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=ORGANISER_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS))
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if congress is not None:
        congress.organisers.add(user)
    return user


# --- personal data (GDPR) -------------------------------------------------------------------


def _privacy_modules():
    from importlib import import_module

    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            yield config.label, import_module(f"{config.name}.privacy")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.privacy":
                raise


def user_export_data(*, user: User) -> dict:
    """Everything the site holds about a person, as JSON-ready data (right of access)."""
    data = {
        "format": "congres-solidarites/personal-data/1",
        "exported_at": timezone.now().isoformat(),
    }
    for label, module in _privacy_modules():
        data[label] = module.export(user)
    return data


@transaction.atomic
def user_delete_account(*, user: User, password: str) -> None:
    """Erase a person (right to erasure).

    Each app erases or anonymises what it holds; records the law requires us to keep (issued
    invoices, aggregate figures) stay, pointing to an anonymous account.
    """
    if not user.check_password(password):
        raise ValidationError({"password": _("Mot de passe incorrect.")})
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.memberships.filter(role=MembershipRole.MANAGER).exists():
        for membership in user.memberships.filter(role=MembershipRole.MANAGER).select_related(
            "organisation"
        ):
            others = membership.organisation.memberships.exclude(user=user)
            if others.exists() and not others.filter(role=MembershipRole.MANAGER).exists():
                raise ValidationError(
                    _(
                        "Vous êtes le seul gestionnaire de « %(name)s » : nommez un autre gestionnaire avant de supprimer votre compte."
                    )
                    % {"name": membership.organisation.name}
                )
    for _label, module in reversed(list(_privacy_modules())):
        module.erase(user)
    user.email = f"supprime-{user.pk}@invalid.invalid"
    user.full_name = _("Compte supprimé")
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.organised_congresses.clear()


# --- audit log ------------------------------------------------------------------------------


def audit_record(*, actor, action: str, congress=None, target=None, details: dict | None = None):
    """Append an entry to the organisers' audit log (call it inside the action's transaction)."""
    from congress.models import AuditEntry

    return AuditEntry.objects.create(
        congress=congress,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        details=details or {},
    )
