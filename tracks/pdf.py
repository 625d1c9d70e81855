"""The sign-in sheet (feuille d'émargement) of a session, a tagged PDF (WeasyPrint)."""

from django.template.loader import render_to_string
from django.utils import translation

BLANK_ROWS = 5  # for people who come without having signed up


def sign_in_sheet_pdf(session, attendees) -> bytes:
    """Name, organisation and a signature column per attendee, then a few blank lines. The
    sheet goes round the room: it never shows anyone's accessibility needs."""
    from weasyprint import HTML

    first_blank = len(attendees) + 1
    with translation.override("fr"):
        html = render_to_string(
            "tracks/sign_in_sheet_pdf.html",
            {
                "session": session,
                "attendees": attendees,
                "blank_rows": range(first_blank, first_blank + BLANK_ROWS),
            },
        )
    # Tagged PDF/UA (structure, language, title), like the invoices.
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
