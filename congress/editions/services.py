"""Writes of the editions sub-domain: organisers and their admin rights."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.editions.kinds import FEATURES
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser, is_organiser_of_any
from congress.organisations.models import Invitation, MembershipRole, Organisation
from congress.organisations.services import invitation_send

ORGANISER_GROUP = "Organisateurs"


ORGANISER_APPS = ("congress", "tracks", "proposals", "reports")


# Accounts are seen, never edited, by organisers: changing a user would let a staff member make
# themselves superuser or take over an account (superusers manage accounts and API tokens).
ORGANISER_EXCLUDED_PERMISSIONS = ("add_user", "change_user", "delete_user")


@transaction.atomic
def organiser_grant_admin(*, user: User, congress=None) -> User:
    """Give an organiser the admin site with every permission of the congress apps.

    The group is (re)synchronised each time, so permissions of models added later are included.
    """

    group, _created = Group.objects.get_or_create(name=ORGANISER_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS).exclude(
            codename__in=ORGANISER_EXCLUDED_PERMISSIONS
        )
    )
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if congress is not None:
        congress.organisers.add(user)
    return user


@transaction.atomic
def orphaned_organisation_invite(*, organisation: Organisation, email: str, by: User) -> Invitation:
    """Organisers invite a new manager for an organisation whose last manager erased their
    account (only then: otherwise its own managers invite)."""
    if not is_organiser_of_any(by):
        raise PermissionDenied(
            _("Seuls les organisateurs peuvent inviter pour cette organisation.")
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.orphaned_at is None:
        raise PermissionDenied(
            _("Cette organisation a un gestionnaire : c'est à lui d'inviter de nouveaux membres.")
        )
    return invitation_send(
        organisation=organisation, email=email, role=MembershipRole.MANAGER, by=by
    )


@transaction.atomic
def edition_features_set(
    *, congress, features: dict[str, bool], programme_published: bool, by: User
):
    """The organisers switch the features of their edition on or off (issue 15)."""
    if not is_organiser(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs de l'édition changent ses réglages."))
    congress.features = {code: bool(features.get(code)) for code in FEATURES}
    congress.programme_published = programme_published
    fields = ["features", "programme_published"]
    congress.clean_fields(exclude=[f.name for f in Congress._meta.fields if f.name not in fields])
    congress.save(update_fields=fields)
    return congress
