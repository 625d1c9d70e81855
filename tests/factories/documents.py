"""PDF files for upload tests: a real (parseable) PDF, and PDFs carrying active content."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def _js_action(script: str = "app.alert(1)") -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(script),
        }
    )


def pdf_bytes(active: str = "", pad: int = 0) -> bytes:
    """A one-page PDF; `active` adds one kind of active content (see ACTIVE_KINDS)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    root = writer._root_object
    if active == "javascript":
        names = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("x"), _js_action()])}
        )
        root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names})
    elif active == "open_action_js":
        root[NameObject("/OpenAction")] = writer._add_object(_js_action())
    elif active == "open_action_page":  # benign: open at the first page, fit to the window
        root[NameObject("/OpenAction")] = ArrayObject([page.indirect_reference, NameObject("/Fit")])
    elif active == "page_aa":
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action()})
    elif active == "launch":
        root[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
        )
    elif active == "embedded_file":
        writer.add_attachment("notes.txt", b"hello")
    elif active == "xfa":
        root[NameObject("/AcroForm")] = DictionaryObject(
            {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): TextStringObject("<xdp/>")}
        )
    elif active == "rich_media":
        page[NameObject("/Annots")] = ArrayObject(
            [
                writer._add_object(
                    DictionaryObject(
                        {
                            NameObject("/Type"): NameObject("/Annot"),
                            NameObject("/Subtype"): NameObject("/RichMedia"),
                            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                        }
                    )
                )
            ]
        )
    elif active:
        raise ValueError(active)
    buffer = io.BytesIO()
    writer.write(buffer)
    body = buffer.getvalue()
    return body + b"%" + b"0" * pad + b"\n" if pad else body


ACTIVE_KINDS = [
    "javascript", "open_action_js", "page_aa", "launch", "embedded_file", "xfa", "rich_media",
]  # fmt: skip


def pdf_upload(name: str = "courrier.pdf", active: str = "", pad: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(active, pad), content_type="application/pdf")
