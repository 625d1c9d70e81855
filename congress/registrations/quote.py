"""The quote (devis) of an order under review, as a PDF (WeasyPrint): what a public body needs
to raise its commitment (n° d'engagement). Not an invoice: not numbered, nothing stored."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone, translation

from congress.registrations.drafts import OrderDraft

# A quote holds this long, and never past the close of registration.
QUOTE_VALIDITY_DAYS = 30


def quote_context(draft: OrderDraft, *, placed_by, today=None) -> dict:
    today = today or timezone.localdate()
    valid_until = min(
        today + timedelta(days=QUOTE_VALIDITY_DAYS),
        draft.window.closes_at.date(),
    )
    return {
        "draft": draft,
        "congress": draft.congress,
        "buyer": draft.organisation,
        "placed_by": placed_by,
        "issued_on": today,
        "valid_until": max(valid_until, today),
        "people": [delegate["full_name"] for delegate in draft.delegates],
    }


def quote_pdf(draft: OrderDraft, *, placed_by) -> bytes:
    from weasyprint import HTML

    with translation.override("fr"):
        html = render_to_string(
            "congress/registrations/quote_pdf.html", quote_context(draft, placed_by=placed_by)
        )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
