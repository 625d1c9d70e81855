"""Personal data held by the jury sub-domain: the invitations to sit on a jury."""

from django.db.models import Q

from congress.accounts.selectors import owned_by
from funding.models import JurorInvitation


def _invitations_of(user):
    return owned_by(user, user_field=None) | Q(accepted_by=user)


def export(user) -> dict:
    return {
        "juror_invitations_received": [
            {
                "call": i.call.title,
                "created_at": i.created_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in JurorInvitation.objects.filter(_invitations_of(user)).select_related("call")
        ]
    }


def erase(user) -> None:
    JurorInvitation.objects.filter(_invitations_of(user)).delete()
