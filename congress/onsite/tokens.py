"""Signed tokens of attendance certificates: an opaque id and a signature, no personal data.
(Ticket tokens live with the tickets, in congress.registrations.tickets.)"""

from django.core import signing

from congress.registrations.tickets import unsign_id

CERTIFICATE_SALT = "congress.onsite.certificate"


def certificate_token(registration) -> str:
    return signing.Signer(salt=CERTIFICATE_SALT).sign(signing.b62_encode(registration.pk))


def certificate_registration_id(token: str) -> int | None:
    return unsign_id(token, CERTIFICATE_SALT)
