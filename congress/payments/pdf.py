"""Invoice and credit-note PDFs (WeasyPrint), rendered from the frozen invoice snapshot."""

from django.template.loader import render_to_string
from django.utils import translation


def invoice_pdf(invoice) -> bytes:
    from weasyprint import HTML

    with translation.override("fr"):
        html = render_to_string("congress/payments/invoice_pdf.html", {"invoice": invoice})
    # Tagged PDF/UA (structure, language, title) so screen readers can read the invoice.
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
