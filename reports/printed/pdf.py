"""Printed matter as tagged PDF (WeasyPrint, PDF/UA like the report and the invoices): badges,
the programme booklet, door signs, the invitation letter.

Each document is one Django template holding its own print stylesheet (page size, fonts:
DejaVu Sans and Liberation Sans, embedded as subsets). WeasyPrint is imported inside the
function (slow to import).
"""

import io
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from reports.printed.invitation import edition_dates
from reports.printed.stock import LabelStock, name_font_size, organisation_font_size

PDF_VARIANT = "pdf/ua-1"


def render_pdf(template: str, context: dict, *, language: str = "fr") -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant=PDF_VARIANT)


def badges_pdf(congress, people, stock: LabelStock, *, language: str = "fr") -> bytes:
    """The badges laid out on the stock's pages, in the order given."""
    badges = [
        {
            "person": person,
            "name_size": name_font_size(person.name, stock),
            "organisation_size": organisation_font_size(person.organisation, stock),
        }
        for person in people
    ]
    positions = stock.positions()
    pages = []
    for start in range(0, len(badges), stock.per_page):
        chunk = badges[start : start + stock.per_page]
        pages.append(
            [
                {**badge, "left": left, "top": top}
                for badge, (left, top) in zip(chunk, positions, strict=False)
            ]
        )
    context = {"congress": congress, "stock": stock, "pages": pages}
    return render_pdf("reports/printed/badges_pdf.html", context, language=language)


def programme_pdf(congress, days, *, large_print: bool = False, language: str = "fr") -> bytes:
    with translation.override(language):
        dates = edition_dates(congress)
    context = {"congress": congress, "days": days, "large_print": large_print, "dates": dates}
    return render_pdf("reports/printed/programme_pdf.html", context, language=language)


def door_sign_pdf(congress, sign, *, language: str = "fr") -> bytes:
    context = {"congress": congress, "sign": sign}
    return render_pdf("reports/printed/door_sign_pdf.html", context, language=language)


def sign_filename(sign) -> str:
    return f"{sign.day.isoformat()}-{slugify(sign.room.name) or sign.room.pk}.pdf"


def door_signs_zip(congress, signs, *, language: str = "fr") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sign in signs:
            archive.writestr(sign_filename(sign), door_sign_pdf(congress, sign, language=language))
    return buffer.getvalue()


def invitation_pdf(congress, paragraphs, *, details: dict, language: str = "fr") -> bytes:
    context = {"congress": congress, "paragraphs": paragraphs, **details}
    return render_pdf("reports/printed/invitation_pdf.html", context, language=language)
