"""Tickets and attendance certificates as PDFs (WeasyPrint, tagged PDF/UA), their QR codes
(segno, SVG) and the ZIP of an organisation's certificates."""

import base64
import io
import zipfile
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from congress.onsite.tokens import ticket_token

TICKET_FORMATS = ("a4", "phone")


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG data URI (embedded in the PDF, nothing fetched)."""
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=4, border=2)


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    with translation.override("fr"):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def ticket_pdf(registrations: list, *, page_format: str = "a4") -> bytes:
    """One ticket per page: name, organisation, days, the QR code of the signed token."""
    tickets = [
        {
            "registration": registration,
            "organisation": registration.order.organisation,
            "days": [date.fromisoformat(day) for day in sorted(registration.days or [])],
            "qr": qr_data_uri(ticket_token(registration)),
        }
        for registration in registrations
    ]
    congress = registrations[0].congress
    return _pdf(
        "congress/onsite/ticket_pdf.html",
        {
            "congress": congress,
            "tickets": tickets,
            "phone": page_format == "phone",
        },
    )


def certificate_number(registration) -> str:
    """The certificate's number: the edition's year and the registration, stable."""
    return f"ATT-{registration.congress.start_date.year}-{registration.pk:05d}"


def signature_data_uri(settings) -> str:
    """The uploaded signature image, embedded (it is private: no URL serves it)."""
    if settings is None or not settings.signature:
        return ""
    name = settings.signature.name.lower()
    kind = "image/png" if name.endswith(".png") else "image/jpeg"
    with settings.signature.open("rb") as image:
        return f"data:{kind};base64,{base64.b64encode(image.read()).decode()}"


def certificate_pdf(registration, *, days: list, settings, verify_url: str) -> bytes:
    return _pdf(
        "congress/onsite/certificate_pdf.html",
        {
            "congress": registration.congress,
            "registration": registration,
            "organisation": registration.order.organisation,
            "days": days,
            "number": certificate_number(registration),
            "settings": settings,
            "signature": signature_data_uri(settings),
            "qr": qr_data_uri(verify_url),
        },
    )


def certificates_zip(items: list[tuple]) -> bytes:
    """A ZIP of (registration, pdf bytes): one file per delegate, named by number and name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for registration, pdf in items:
            name = f"{certificate_number(registration)}-{slugify(registration.full_name)}.pdf"
            archive.writestr(name, pdf)
    return buffer.getvalue()
