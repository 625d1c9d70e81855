"""The report laid out in parts and assembled (reports/pdfsplit.py, reports/pdfassemble.py) is
the report laid out as one document: same pages, text, bookmarks, named destinations, links,
structure tree, metadata and language."""

import io
import re
from collections import Counter

import pikepdf
import pytest
from pypdf import PdfReader

from reports import pdfsplit
from reports.content import build_report
from reports.pdf import render_html, write_pdf
from tests.reports.test_pdf_speedups import summary


def structure(pdf: pikepdf.Pdf) -> dict:
    """Elements of the structure tree by type, checked on the way: each element's /P is its
    parent, each page's /StructParents is its index, each link annotation's /StructParent
    leads to the element that holds it."""
    types = Counter()

    def walk(element, parent):
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            return
        types[str(element.S)] += 1
        assert element.P.objgen == parent.objgen
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            walk(kid, element)

    root = pdf.Root.StructTreeRoot
    for element in root.K:
        walk(element, root)
    nums = root.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    links = 0
    for number, page in enumerate(pdf.pages):
        assert int(page.obj.StructParents) == number
        assert len(tree[number]) > 0 or number == 0
        for annotation in page.obj.get("/Annots", []):
            holder = tree[int(annotation.StructParent)]
            kids = holder.K if isinstance(holder.K, pikepdf.Array) else [holder.K]
            assert any(
                isinstance(kid, pikepdf.Dictionary)
                and kid.get("/Type") == "/OBJR"
                and kid.Obj.objgen == annotation.objgen
                for kid in kids
            )
            links += 1
    return {"types": dict(types), "keys": sorted(tree), "links": links}


def content(data: bytes) -> dict:
    reader = PdfReader(io.BytesIO(data))
    pdf = pikepdf.open(io.BytesIO(data))
    names = pdf.Root.Names.Dests.Names
    destinations = {
        str(names[i]): (
            pdf.pages.index(pikepdf.Page(names[i + 1][0])),
            round(float(names[i + 1][3])),
        )
        for i in range(0, len(names), 2)
    }
    link_targets = [
        [
            (str(annotation.get("/Dest")), str(annotation.get("/Contents")), "/A" in annotation)
            for annotation in page.obj.get("/Annots", [])
        ]
        for page in pdf.pages
    ]
    return {
        **summary(data),
        "text": [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages],
        "destinations": destinations,
        "link_targets": link_targets,
        "structure": structure(pdf),
        "info": {key: str(value) for key, value in pdf.docinfo.items()},
        "xmp": pdf.Root.Metadata.read_bytes(),
        "display_title": bool(pdf.Root.ViewerPreferences.DisplayDocTitle),
        "outline_count": int(pdf.Root.Outlines.Count),
    }


def rendered(html: str, *, split: bool) -> bytes:
    target = io.BytesIO()
    write_pdf(html, target, split=split)
    return target.getvalue()


def test_the_report_in_parts_is_the_report_in_one_document(edition):
    html = render_html(build_report(edition.congress)).html
    single = rendered(html, split=False)
    split = rendered(html, split=True)
    one, parts = content(single), content(split)

    assert parts["text"] == one["text"]
    assert parts["pages"] == one["pages"]  # where the text stands on each page
    for key in one:
        assert parts[key] == one[key], key
    assert len(one["text"]) == 15
    assert "page 7 / 15" in one["text"][6]
    assert [title for depth, title, _page in one["outline"] if depth == 0][:3] == [
        "L'essentiel",
        "Sommaire",
        "Le congrès en chiffres",
    ]
    # Links from the table of contents (its own part) to the chapters (other parts).
    toc_links = {target for target, _contents, _action in one["link_targets"][2]}
    assert {"essentiel", "theme-aide-alimentaire", "annexe-methode"} <= toc_links
    assert not any(action for page in parts["link_targets"] for *_rest, action in page)
    assert one["structure"]["types"]["/Table"] >= 5
    assert one["lang"] == "fr"

    # The comparison sees a chapter's structure tree dropped from the assembly.
    pdf = pikepdf.open(io.BytesIO(split))
    kids = pdf.Root.StructTreeRoot.K[0].K
    dropped = [k for k in kids if k.get("/S") == "/Sect"][-2]
    del kids[[k.objgen for k in kids].index(dropped.objgen)]
    broken = io.BytesIO()
    pdf.save(broken)
    assert (
        structure(pikepdf.open(io.BytesIO(broken.getvalue())))["types"]
        != (one["structure"]["types"])
    )


def test_the_html_is_cut_at_its_top_level_sections(edition):
    html = render_html(build_report(edition.congress)).html
    head, parts, tail = pdfsplit.split_html(html)
    assert [part.key for part in parts] == [
        "cover",
        "essentiel",
        "toc",
        "chiffres-cles",
        "theme-aide-alimentaire",
        "theme-handicap-inclusion",
        "transversalite",
        "annexe-destinataires",
        "annexe-organisations",
        "annexe-methode",
        "colophon",
    ]
    assert head + "".join(part.html for part in parts) + tail == html
    assert [part.key for part in parts if part.dependent] == [
        "essentiel",
        "toc",
        "chiffres-cles",
        "transversalite",
        "annexe-destinataires",
    ]
    # A link to another part leaves the part (the assembly brings it back), a link inside
    # it stays; dependent parts get the page number of each target.
    toc = parts[2]
    document = pdfsplit.part_html(head, toc, tail, {"essentiel": 2})
    assert f'<a data-page="2" href="{pdfsplit.LINK_ORIGIN}#essentiel"' in document
    css = pdfsplit.part_css(html)
    assert 'string-set: edition "2e édition – Le Mans"' in css
    assert pdfsplit.FOOTER_PLACEHOLDER in css


def test_a_failing_part_fails_the_report(edition, monkeypatch):
    html = render_html(build_report(edition.congress)).html

    def broken(task, stylesheet, base_url):
        raise OSError("disk full")

    monkeypatch.setattr(pdfsplit, "_render", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        rendered(html, split=True)


def test_the_assembly_holds_one_part_at_a_time(edition, monkeypatch):
    """Each part is closed once copied into the assembly, before the next is opened (issue 18:
    at scale 14, holding every part until the save cost 150 MB)."""
    events, labels = [], {}
    real_open, real_close = pikepdf.open, pikepdf.Pdf.close

    def opened(path, *args, **kwargs):
        pdf = real_open(path, *args, **kwargs)
        labels[id(pdf)] = str(path).rsplit("/", 1)[-1]
        events.append(("open", labels[id(pdf)]))
        return pdf

    def close(pdf):
        events.append(("close", labels.get(id(pdf))))
        return real_close(pdf)

    monkeypatch.setattr(pikepdf, "open", opened)
    monkeypatch.setattr(pikepdf.Pdf, "close", close)
    rendered(render_html(build_report(edition.congress)).html, split=True)

    parts = [name for event, name in events if event == "open"][1:]  # the first is the base
    assert len(parts) >= 10
    for part, following in zip(parts, parts[1:], strict=False):
        assert events.index(("close", part)) < events.index(("open", following)), part
