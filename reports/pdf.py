"""The PDF pipeline: report content -> HTML (Django template) -> tagged PDF (WeasyPrint).

WeasyPrint is imported inside the functions (slow to import). The print stylesheet is
static/css/report.css; fonts (DejaVu Sans, Liberation) are embedded as subsets. The PDF is
tagged (PDF/UA-1 variant: structure tree, /Lang from ``<html lang>``, title from ``<title>``).
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from reports.content import ReportContent

TEMPLATE = "reports/report.html"
STYLESHEET = "css/report.css"
PDF_VARIANT = "pdf/ua-1"
# Replaced by the generation date after the fingerprint is taken: the date alone must not
# make a new file.
GENERATED_ON = "@@generated-on@@"
# pydyf's own property, before speed_up_pydyf() replaces it (the tests compare both).
PYDYF_PAGE_REFERENCES = pydyf.PDF.page_references
# Bump when the template or the stylesheet change in a way that must re-render old files.
LAYOUT_VERSION = "2"


def stylesheet_path() -> Path:
    found = finders.find(STYLESHEET)
    if not found:
        raise FileNotFoundError(STYLESHEET)
    return Path(found)


@dataclass
class ReportHtml:
    html: str
    fingerprint: str


def render_html(content: ReportContent, *, generated_on=None) -> ReportHtml:
    """The report as one HTML document, and the fingerprint of what it shows."""
    with translation.override("fr"):
        html = render_to_string(TEMPLATE, {"report": content, "generated_on": GENERATED_ON})
        digest = hashlib.sha256()
        digest.update(LAYOUT_VERSION.encode())
        digest.update(stylesheet_path().read_bytes())
        digest.update(html.encode())
        when = formats.date_format(timezone.localdate(generated_on), "j F Y")
    return ReportHtml(html=html.replace(GENERATED_ON, when), fingerprint=digest.hexdigest())


def _cached_page_references(pdf) -> tuple:
    """pydyf's ``PDF.page_references``, built once per page count instead of at each call.

    WeasyPrint reads ``pdf.page_references[n]`` for every element of the structure tree and
    every link, and pydyf rebuilds the tuple of all the pages' references at each read: the
    cost grows with elements x pages (~90 000 reads x 417 pages at scale 14). Pages are only
    ever appended to ``Kids``, so a tuple kept with the length it was built for is the same
    value: the PDF is byte for byte the one pydyf writes.
    """
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_report_page_references")
    if cached is None or cached[0] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = (len(kids), references)
        pdf.__dict__["_report_page_references"] = cached
    return cached[1]


def speed_up_pydyf() -> None:
    """Install the cached ``page_references`` on pydyf's PDF class (idempotent)."""
    if pydyf.PDF.page_references.fget is not _cached_page_references:
        pydyf.PDF.page_references = property(_cached_page_references)


@dataclass
class PdfResult:
    pages: int
    layout_seconds: float
    write_seconds: float
    split: object = None  # pdfsplit.SplitStats when rendered in parts


class _PageProgress(logging.Handler):
    """Turns WeasyPrint's progress log (« Step 5 - Creating layout - Page 12 ») into calls."""

    def __init__(self, on_page: Callable[[int], None]):
        super().__init__(logging.INFO)
        self.on_page = on_page
        self.furthest = 0  # repaginations start again from page 1

    def emit(self, record):
        message = record.getMessage()
        if "Creating layout - Page" in message:
            try:
                page = int(message.rsplit("Page", 1)[1].split()[0])
            except (ValueError, IndexError):
                return
            if page > self.furthest:
                self.furthest = page
                self.on_page(page)


def write_pdf(
    html: str,
    target,
    *,
    on_page: Callable[[int], None] | None = None,
    on_write: Callable[[], None] | None = None,
    split: bool | None = None,
) -> PdfResult:
    """Lay out `html` with the print stylesheet and write the tagged PDF to `target`.

    `on_page(n)` is called as WeasyPrint lays out page n; `on_write()` once the layout is done
    and the drawing and font subsetting start. With `split` (default: the REPORT_PDF_SPLIT
    setting), the document is laid out in parts in child processes and assembled
    (reports/pdfsplit.py): `on_page(n)` then counts the pages of the parts done, `on_write()`
    starts the assembly.
    """
    if split is None:
        split = getattr(settings, "REPORT_PDF_SPLIT", False)
    if split:
        from reports.pdfsplit import splittable, write_pdf_split

        split = splittable(html)
    if split:
        speed_up_pydyf()  # before the children are forked: they inherit it
        pages, layout, write, stats = write_pdf_split(
            html,
            target,
            stylesheet=str(stylesheet_path()),
            base_url=str(settings.BASE_DIR),
            pdf_variant=PDF_VARIANT,
            workers=getattr(settings, "REPORT_PDF_WORKERS", 2),
            on_page=on_page,
            on_write=on_write,
        )
        return PdfResult(pages=pages, layout_seconds=layout, write_seconds=write, split=stats)
    from weasyprint import CSS, HTML, PROGRESS_LOGGER
    from weasyprint.text.fonts import FontConfiguration

    speed_up_pydyf()
    handler = None
    previous = (PROGRESS_LOGGER.level, PROGRESS_LOGGER.propagate)
    if on_page:
        handler = _PageProgress(on_page)
        PROGRESS_LOGGER.addHandler(handler)
        PROGRESS_LOGGER.setLevel(logging.INFO)
        PROGRESS_LOGGER.propagate = False
    try:
        font_config = FontConfiguration()
        stylesheet = CSS(filename=str(stylesheet_path()), font_config=font_config)
        started = time.perf_counter()
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
            stylesheets=[stylesheet], font_config=font_config, pdf_variant=PDF_VARIANT
        )
        laid_out = time.perf_counter()
        if on_write:
            on_write()
        document.write_pdf(target, pdf_variant=PDF_VARIANT)
    finally:
        if handler:
            PROGRESS_LOGGER.removeHandler(handler)
            PROGRESS_LOGGER.setLevel(previous[0])
            PROGRESS_LOGGER.propagate = previous[1]
    return PdfResult(
        pages=len(document.pages),
        layout_seconds=laid_out - started,
        write_seconds=time.perf_counter() - laid_out,
    )
