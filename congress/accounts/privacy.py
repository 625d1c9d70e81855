"""Personal data held by the accounts sub-domain: the account itself and its consents.

Every sub-domain may have a ``privacy.py`` with ``export(user) -> dict`` and
``erase(user) -> None``; ``congress.profile.services`` calls them in dependency order (erasure in
reverse order, so later sub-domains let go of a person before the account is anonymised).
"""

from rest_framework.authtoken.models import Token

from congress.accounts.models import Consent
from congress.accounts.selectors import owned_by


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
        "consents": [
            {"kind": c.kind, "given": c.given, "wording": c.wording, "at": c.at.isoformat()}
            for c in Consent.objects.filter(owned_by(user))
        ],
    }


def erase(user) -> None:
    Consent.objects.filter(owned_by(user)).update(email=f"supprime-{user.pk}@invalid.invalid")
    Token.objects.filter(user=user).delete()
