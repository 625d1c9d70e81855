"""Personal data held by the organisations sub-domain: memberships and invitations."""

from django.db.models import Q
from django.utils import timezone

from congress.accounts.selectors import owned_by
from congress.core import pagecache
from congress.organisations.models import Invitation, Membership, MembershipRole, Organisation


def export(user) -> dict:
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "function": m.function,
                "joined_at": m.joined_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_received": [
            {
                "organisation": i.organisation.name,
                "created_at": i.created_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in Invitation.objects.filter(_invitations_of(user)).select_related("organisation")
        ],
    }


def erase(user) -> None:
    # Organisations this person alone managed go to the organisers (hidden until managed again).
    for membership in Membership.objects.filter(user=user, role=MembershipRole.MANAGER):
        others = Membership.objects.filter(
            organisation_id=membership.organisation_id, role=MembershipRole.MANAGER
        ).exclude(user=user)
        if not others.exists():
            Organisation.objects.filter(pk=membership.organisation_id).update(
                orphaned_at=timezone.now()
            )
            pagecache.bump(pagecache.SITE)  # no signal from update(): the directory hides it
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(_invitations_of(user)).delete()


def _invitations_of(user):
    return owned_by(user, user_field=None) | Q(accepted_by=user)
