"""Personal data held by the registrations sub-domain: registrations and the waiting list."""

from congress.accounts.selectors import owned_by
from congress.registrations.models import Registration, WaitlistEntry
from congress.registrations.retention import SENSITIVE_REGISTRATION_FIELDS


def export(user) -> dict:
    return {
        "registrations": [
            {
                "congress": r.congress.name,
                "organisation": r.organisation_label or None,
                "tariff": r.tariff.name,
                "status": r.status,
                "days": r.days,
                "function": r.function,
                "needs": {field: getattr(r, field) for field in SENSITIVE_REGISTRATION_FIELDS},
                "needs_shared": r.needs_shared,
                "photo_consent": r.photo_consent,
            }
            for r in _registrations(user).select_related(
                "congress", "tariff", "order__organisation"
            )
        ],
    }


def _registrations(user):
    return Registration.objects.filter(owned_by(user))


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
