"""Attendance certificates as PDFs (WeasyPrint, tagged PDF/UA) with their QR code and the ZIP
of an organisation's certificates (tickets: congress.registrations.tickets)."""

import base64
import io
import zipfile

from django.utils.text import slugify

from congress.registrations.tickets import qr_data_uri, render_pdf


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
    return render_pdf(
        "congress/onsite/certificate_pdf.html",
        {
            "congress": registration.congress,
            "registration": registration,
            "organisation": registration.organisation_label,
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
