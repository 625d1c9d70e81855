"""Permission predicates of organisations: member, manager, private details."""

from congress.organisations.models import Membership, MembershipRole, Organisation


def _membership(user, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated or not user.is_active:
        return None
    cache = getattr(user, "_memberships_by_org", None)
    if cache is None:
        cache = {m.organisation_id: m for m in user.memberships.all()}
        user._memberships_by_org = cache
    return cache.get(organisation.pk)


def _is_active_superuser(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def is_member(user, organisation: Organisation) -> bool:
    return _membership(user, organisation) is not None


def is_manager(user, organisation: Organisation) -> bool:
    membership = _membership(user, organisation)
    return membership is not None and membership.role == MembershipRole.MANAGER


def can_view_organisation_private(user, organisation: Organisation) -> bool:
    """Members see their organisation's members, invitations and contact details."""
    return is_member(user, organisation) or _is_active_superuser(user)


def can_view_organisation(user, organisation: Organisation) -> bool:
    listed = organisation.public_listing and organisation.orphaned_at is None
    return listed or can_view_organisation_private(user, organisation)


def can_manage_organisation(user, organisation: Organisation) -> bool:
    return is_manager(user, organisation) or _is_active_superuser(user)
