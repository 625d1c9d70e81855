from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def validate_pdf(file) -> None:
    """A PDF (by name and by content), at most 10 MB."""
    if file is None:
        return
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("Le document dépasse 10 Mo."), code="too_large")
    if not file.name.lower().endswith(".pdf"):
        raise ValidationError(_("Seuls les documents PDF sont acceptés."), code="not_pdf")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(5)
    file.seek(position)
    if head != b"%PDF-":
        raise ValidationError(_("Ce fichier n'est pas un PDF valide."), code="not_pdf")
