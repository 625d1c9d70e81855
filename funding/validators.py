"""Attachments of an application: PDF (checked like follow-up documents: parsed, no active
content) or XLSX (a real Office Open XML workbook, without macros), 10 MB at most."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from proposals.outcomes.validators import MAX_DOCUMENT_BYTES, validate_pdf


def validate_attachment(file) -> None:
    name = file.name.lower()
    if name.endswith(".pdf"):
        validate_pdf(file)
        return
    if not name.endswith(".xlsx"):
        raise ValidationError(
            _("Seuls les fichiers PDF et XLSX sont acceptés."), code="bad_extension"
        )
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("Le document dépasse 10 Mo."), code="too_large")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ValidationError(
            _("Ce fichier n'est pas un classeur XLSX valide."), code="not_xlsx"
        ) from error
    finally:
        file.seek(position)
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ValidationError(_("Ce fichier n'est pas un classeur XLSX valide."), code="not_xlsx")
    if any(n.lower().endswith("vbaproject.bin") or "activex" in n.lower() for n in names):
        raise ValidationError(
            _("Ce classeur contient des macros ou des contrôles actifs : ils sont refusés."),
            code="active_content",
        )
