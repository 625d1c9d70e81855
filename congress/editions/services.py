"""Writes of the editions sub-domain: organisers and their admin rights."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from congress.accounts.models import User

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
