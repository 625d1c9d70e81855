"""Personal data of the congress app, for the GDPR export and erasure.

Every app may have a ``privacy.py`` with ``export(user) -> dict`` and ``erase(user) -> None``.
``congress.services.user_export_data`` and ``user_delete_account`` call them in app order
(erasure in reverse order, so later apps let go of a person before the account is anonymised).
"""

from congress.models import Invitation, Membership


def export(user) -> dict:
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "email_confirmed_at": user.email_confirmed_at.isoformat()
            if user.email_confirmed_at
            else None,
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
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
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
    }


def erase(user) -> None:
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
