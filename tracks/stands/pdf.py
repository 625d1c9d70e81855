"""The exhibitors' guide as a tagged PDF (WeasyPrint): practical information, the plan by zone."""

from django.template.loader import render_to_string
from django.utils import translation


def exhibitors_guide_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    with translation.override("fr"):
        html = render_to_string("tracks/stands/stand_guide_pdf.html", context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
