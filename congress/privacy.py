"""Personal data of the congress app, for the GDPR export and erasure.

Every app may have a ``privacy.py`` with ``export(user) -> dict`` and ``erase(user) -> None``.
``congress.services.user_export_data`` and ``user_delete_account`` call them in app order
(erasure in reverse order, so later apps let go of a person before the account is anonymised).
"""

from congress.models import Consent, Invitation, Membership, Registration, WaitlistEntry
from congress.services import SENSITIVE_REGISTRATION_FIELDS


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
        "registrations": [
            {
                "congress": r.congress.name,
                "organisation": r.order.organisation.name if r.order.organisation else None,
                "tariff": r.tariff.name,
                "status": r.status,
                "days": r.days,
                "function": r.function,
                "needs": {field: getattr(r, field) for field in SENSITIVE_REGISTRATION_FIELDS},
                "photo_consent": r.photo_consent,
            }
            for r in _registrations(user).select_related(
                "congress", "tariff", "order__organisation"
            )
        ],
        "consents": [
            {"kind": c.kind, "given": c.given, "wording": c.wording, "at": c.at.isoformat()}
            for c in Consent.objects.filter(email__iexact=user.email)
        ],
    }


def _registrations(user):
    from django.db.models import Q

    return Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def erase(user) -> None:
    # Registrations stay for the figures and the invoices, without the person in them.
    for registration in _registrations(user).only("pk"):
        Registration.objects.filter(pk=registration.pk).update(
            full_name="Compte supprimé",
            email=f"supprime-{user.pk}-{registration.pk}@invalid.invalid",
            function="",
            user=None,
            **SENSITIVE_REGISTRATION_FIELDS,
        )
    WaitlistEntry.objects.filter(user=user).delete()
    Consent.objects.filter(email__iexact=user.email).update(
        email=f"supprime-{user.pk}@invalid.invalid"
    )
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
