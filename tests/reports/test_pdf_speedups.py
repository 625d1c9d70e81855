"""The report's speed-ups change nothing in the PDF: the same report rendered with them and
without them (pydyf's own ``page_references``) has the same pages, text where it stands on each
page, bookmarks, links and metadata."""

import io
import re

import pydyf
import pytest
from pypdf import PdfReader

from reports import pdf
from reports.content import build_report
from reports.pdf import render_html, write_pdf


def summary(data: bytes) -> dict:
    reader = PdfReader(io.BytesIO(data))

    def outline(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from outline(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item)

    def links(page):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                yield [round(float(x), 1) for x in annotation["/Rect"]]

    root = reader.trailer["/Root"]
    return {
        # Layout mode keeps where the text stands on the line: a column of another width shows.
        "pages": [page.extract_text(extraction_mode="layout") for page in reader.pages],
        "outline": list(outline(reader.outline)),
        "links": [list(links(page)) for page in reader.pages],
        "metadata": {k: v for k, v in reader.metadata.items() if "Date" not in k},
        "lang": root["/Lang"],
        "marked": bool(root["/MarkInfo"]["/Marked"]),
        "structure": len(root["/StructTreeRoot"]["/K"]),
    }


def rendered(html: str) -> bytes:
    target = io.BytesIO()
    write_pdf(html, target, split=False)  # one document: the speed-up is in this process
    return target.getvalue()


def test_the_fast_rendering_is_the_slow_one(edition, monkeypatch):
    html = render_html(build_report(edition.congress)).html
    fast = summary(rendered(html))
    assert pydyf.PDF.page_references.fget is pdf._cached_page_references

    # Without the speed-up: pydyf's own property.
    monkeypatch.setattr(pydyf.PDF, "page_references", pdf.PYDYF_PAGE_REFERENCES)
    monkeypatch.setattr(pdf, "speed_up_pydyf", lambda: None)
    slow = summary(rendered(html))
    assert pydyf.PDF.page_references is pdf.PYDYF_PAGE_REFERENCES

    assert fast["pages"] == slow["pages"]
    assert fast == slow
    assert len(fast["pages"]) == 15
    assert any(re.search(r"Échelon visé +National", page) for page in fast["pages"])
    chapters = [title for depth, title, _page in fast["outline"] if depth == 0]
    assert chapters[:2] == ["L'essentiel", "Sommaire"]
    assert sum(map(len, fast["links"])) > 20  # the table of contents and the page references


@pytest.mark.parametrize("pages", [1, 3])
def test_cached_page_references_follow_the_pages_added(pages):
    document = pydyf.PDF()
    for _ in range(pages):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        expected = pdf.PYDYF_PAGE_REFERENCES.fget(document)
        assert pdf._cached_page_references(document) == expected
        assert pdf._cached_page_references(document) is pdf._cached_page_references(document)
    assert len(pdf._cached_page_references(document)) == pages
