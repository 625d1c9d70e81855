"""Signed tokens of tickets and certificates: an opaque id and a signature, no personal data.

A ticket's salt names its edition, so a ticket of another edition fails the signature check
exactly like a forged one: the desk cannot tell (and does not say) which it was.
"""

from django.core import signing

TICKET_SALT = "congress.onsite.ticket:{congress_id}"
CERTIFICATE_SALT = "congress.onsite.certificate"


def _signer(salt: str) -> signing.Signer:
    return signing.Signer(salt=salt)


def ticket_token(registration) -> str:
    salt = TICKET_SALT.format(congress_id=registration.congress_id)
    return _signer(salt).sign(signing.b62_encode(registration.pk))


def ticket_registration_id(token: str, congress) -> int | None:
    """The registration id in a ticket token of `congress`, or None (forged, other edition)."""
    return _unsign(token, TICKET_SALT.format(congress_id=congress.pk))


def certificate_token(registration) -> str:
    return _signer(CERTIFICATE_SALT).sign(signing.b62_encode(registration.pk))


def certificate_registration_id(token: str) -> int | None:
    return _unsign(token, CERTIFICATE_SALT)


def _unsign(token: str, salt: str) -> int | None:
    try:
        value = _signer(salt).unsign((token or "").strip())
        return signing.b62_decode(value)
    except (signing.BadSignature, ValueError):
        return None
