"""The « passeport de l'engagement »: a volunteer's certificate of commitment (WeasyPrint)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation


def commitment_pdf(user, commitment: dict, trainings: list) -> bytes:
    from weasyprint import HTML

    with translation.override(user.preferred_language or "fr"):
        html = render_to_string(
            "volunteers/commitment_pdf.html",
            {
                "person": user,
                "missions": commitment["missions"],
                "hours": commitment["hours"],
                "trainings": trainings,
                "today": timezone.localdate(),
            },
        )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
