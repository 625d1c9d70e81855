"""Personal tickets: a signed token (an opaque id and a signature, no personal data) shown as a
QR code in a tagged PDF. They live with registrations because the confirmation e-mail carries
the ticket; the welcome desk (congress.onsite, a layer above) reads the token back.

A ticket's salt names its edition, so a ticket of another edition fails the signature check
exactly like a forged one: the desk cannot tell (and does not say) which it was. The salt keeps
its first name (``congress.onsite.ticket``) so the tickets already sent stay valid.
"""

from datetime import date

from django.core import signing
from django.template.loader import render_to_string
from django.utils import translation

TICKET_SALT = "congress.onsite.ticket:{congress_id}"
TICKET_FORMATS = ("a4", "phone")


def _signer(salt: str) -> signing.Signer:
    return signing.Signer(salt=salt)


def ticket_token(registration) -> str:
    salt = TICKET_SALT.format(congress_id=registration.congress_id)
    return _signer(salt).sign(signing.b62_encode(registration.pk))


def ticket_registration_id(token: str, congress) -> int | None:
    """The registration id in a ticket token of `congress`, or None (forged, other edition)."""
    return unsign_id(token, TICKET_SALT.format(congress_id=congress.pk))


def unsign_id(token: str, salt: str) -> int | None:
    try:
        value = _signer(salt).unsign((token or "").strip())
        return signing.b62_decode(value)
    except (signing.BadSignature, ValueError):
        return None


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG data URI (embedded in the PDF, nothing fetched)."""
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=4, border=2)


def render_pdf(template: str, context: dict) -> bytes:
    """A template rendered in French as a tagged PDF (PDF/UA)."""
    from weasyprint import HTML

    with translation.override("fr"):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def ticket_pdf(registrations: list, *, page_format: str = "a4") -> bytes:
    """One ticket per page: name, organisation, days, the QR code of the signed token."""
    tickets = [
        {
            "registration": registration,
            "organisation": registration.organisation_label,
            "days": [date.fromisoformat(day) for day in sorted(registration.days or [])],
            "qr": qr_data_uri(ticket_token(registration)),
        }
        for registration in registrations
    ]
    return render_pdf(
        "congress/registrations/ticket_pdf.html",
        {
            "congress": registrations[0].congress,
            "tickets": tickets,
            "phone": page_format == "phone",
        },
    )
