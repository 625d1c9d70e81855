"""Uploaded documents: PDFs only, parsed, and without active content.

A file is accepted when it starts with ``%PDF-``, pypdf can read its structure and its pages,
and none of its objects holds active content: scripts (``/JS``, ``/JavaScript``), automatic
actions (``/AA``, an ``/OpenAction`` that is an action rather than a page to open at),
launching or fetching other files (``/Launch``, ``/GoToR``, ``/GoToE``, ``/ImportData``,
``/SubmitForm``), embedded files, rich media or dynamic forms (``/XFA``). pypdf decodes names
(``/J#61vaScript``) and object streams, so hidden forms are found too.
"""

import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

ACTIVE_NAMES = frozenset(
    {
        "/JS", "/JavaScript", "/AA", "/Launch", "/GoToR", "/GoToE", "/ImportData",
        "/SubmitForm", "/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment", "/RichMedia",
        "/XFA", "/Rendition", "/Movie", "/Sound",
    }
)  # fmt: skip


def validate_pdf(file) -> None:
    """A PDF (by name, header and structure), at most 10 MB, without active content."""
    if file is None:
        return
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("Le document dépasse 10 Mo."), code="too_large")
    if not file.name.lower().endswith(".pdf"):
        raise ValidationError(_("Seuls les documents PDF sont acceptés."), code="not_pdf")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        if file.read(5) != b"%PDF-":
            raise ValidationError(_("Ce fichier n'est pas un PDF valide."), code="not_pdf")
        file.seek(0)
        found = active_content(file)
    finally:
        file.seek(position)
    if found:
        raise ValidationError(
            _(
                "Ce PDF contient du contenu actif (%(names)s) : scripts, actions automatiques, "
                "fichiers joints et formulaires dynamiques sont refusés. Enregistrez-le à "
                "nouveau comme un simple PDF (« Imprimer » puis « Enregistrer au format PDF ») "
                "et déposez cette copie."
            ),
            code="active_content",
            params={"names": ", ".join(sorted(name.lstrip("/") for name in found))},
        )


def active_content(file) -> set[str]:
    """The active-content names found in the PDF `file` (empty: none). Raises ValidationError
    when the file cannot be read as a PDF."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    unreadable = ValidationError(
        _(
            "Ce fichier PDF est illisible ou endommagé. Enregistrez-le à nouveau au format PDF "
            "et réessayez."
        ),
        code="unreadable_pdf",
    )
    found: set[str] = set()

    def visit(value, seen: set[int]) -> None:
        if isinstance(value, IndirectObject):
            return  # every indirect object is visited from the cross-reference table
        if isinstance(value, NameObject):
            if value in ACTIVE_NAMES:
                found.add(str(value))
        elif isinstance(value, DictionaryObject):
            if id(value) in seen:
                return
            seen.add(id(value))
            for key, item in value.items():
                if key in ACTIVE_NAMES:
                    found.add(str(key))
                if key == "/OpenAction" and isinstance(item.get_object(), DictionaryObject):
                    found.add("/OpenAction")  # an action, not a page to open the file at
                visit(item, seen)
        elif isinstance(value, ArrayObject):
            for item in value:
                visit(item, seen)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns about repairable defects
        try:
            reader = PdfReader(file, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValidationError(
                    _(
                        "Ce PDF est protégé par un mot de passe : déposez une version sans protection."
                    ),
                    code="encrypted_pdf",
                )
            if len(reader.pages) == 0:
                raise unreadable
            references = {(n, gen) for gen, table in reader.xref.items() for n in table}
            references |= {(n, 0) for n in reader.xref_objStm}
            seen: set[int] = set()
            visit(reader.trailer, seen)
            for number, generation in sorted(references):
                visit(IndirectObject(number, generation, reader).get_object(), seen)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - any parser failure means "not a PDF we read"
            raise unreadable from error
    return found
