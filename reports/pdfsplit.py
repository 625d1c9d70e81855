"""The report rendered in parts: each top-level section of the HTML (cover, summary, table of
contents, chapters, annexes, colophon) laid out by WeasyPrint in its own child process, two at a
time, then assembled into one tagged PDF (reports/pdfassemble.py).

Why: WeasyPrint keeps the layout of every page until it writes the file (1.5 GB at scale 14)
and uses one core. A part holds only its own pages, and two cores work at once.

What a part cannot know by itself, and how it is given:
- the running strings set on the cover (edition, subtitle): set on the part's root;
- page numbers of the footer (« page N / total »): the part draws a placeholder that holds every
  glyph needed, replaced by the number once every part's page count is known (pdfassemble);
- page numbers of other parts' anchors (table of contents, « page » references): the parts that
  show them (« dependent » parts) are laid out once to count their pages, then again with the
  numbers written in (``data-page`` attributes read by the part's stylesheet), until the
  numbers no longer move (one more pass at most in practice);
- links to other parts: WeasyPrint drops links to anchors it does not have, so they are written
  as links to ``LINK_ORIGIN#anchor`` and turned back into internal links by the assembly.

Page breaks: every top-level section starts a page (``break-before: page`` or the cover's
``break-after``) and no rule depends on left or right pages, so each part's pagination is the
one it has in the single document.

This module does not touch the database: the children are forked from the process that rendered
the HTML.
"""

import html as html_lib
import multiprocessing
import multiprocessing.connection
import re
import resource
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

LINK_ORIGIN = "https://report-part.invalid/"
# Every glyph the footer « page N / total » needs, in the footer's font, drawn by each part.
FOOTER_PLACEHOLDER = "page 0123456789 /"
FOOTER_FORMAT = "page {page} / {pages}"
# Page numbers written in the dependent parts before the real ones are known (three digits).
GUESSED_PAGE = 100
MAX_ROUNDS = 4
_TOP_LEVEL = re.compile(r"^<(?:section|nav)\b[^>]*>", re.M)
_ID = re.compile(r'\bid="([^"]+)"')
_LINK = re.compile(r'<a href="#([^"]+)"')
_CLASS = re.compile(r'\bclass="([^" ]+)')


@dataclass
class Part:
    index: int
    key: str
    html: str
    ids: set
    targets: list  # anchors this part links to (in order, unique)
    dependent: bool  # shows other anchors' page numbers


@dataclass
class Task:
    part: Part
    html: str
    css: str
    path: str
    count_only: bool
    numbers: dict = field(default_factory=dict)


@dataclass
class SplitStats:
    parts: int = 0
    renders: int = 0
    rounds: int = 0
    children_cpu_seconds: float = 0.0
    children_peak_rss_mb: float = 0.0
    assembly_seconds: float = 0.0


def splittable(html: str) -> bool:
    """Whether `html` has a body made of top-level sections (the report's HTML has)."""
    body, end = html.find("<body>"), html.rfind("</body>")
    return 0 <= body < end and _TOP_LEVEL.search(html, body, end) is not None


def split_html(html: str) -> tuple[str, list[Part], str]:
    """The document's head, its top-level sections as parts, and its tail."""
    body = html.index("<body>") + len("<body>")
    end = html.rindex("</body>")
    starts = [m.start() for m in _TOP_LEVEL.finditer(html, body, end)]
    if not starts:
        raise ValueError("No top-level section in the report HTML")
    parts = []
    for index, (start, stop) in enumerate(zip(starts, [*starts[1:], end], strict=True)):
        chunk = html[start:stop]
        opening = _TOP_LEVEL.match(chunk).group(0)
        key_match = _ID.search(opening) or _CLASS.search(opening)
        key = key_match.group(1) if key_match else f"part-{index}"
        parts.append(
            Part(
                index=index,
                key=key,
                html=chunk,
                ids=set(_ID.findall(chunk)),
                targets=list(dict.fromkeys(_LINK.findall(chunk))),
                dependent='class="page-ref' in chunk or opening.startswith('<nav class="toc"'),
            )
        )
    return html[: starts[0]], parts, html[end:]


def _text_of(html: str, css_class: str) -> str | None:
    """The text of the first ``<p class="css_class">`` (tags removed, white space collapsed),
    as CSS ``content()`` gives it to ``string-set``."""
    match = re.search(rf'<p class="{css_class}">(.*?)</p>', html, re.S)
    if not match:
        return None
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def part_css(html: str) -> str:
    """The part's own rules, after the report's stylesheet."""
    strings = []
    for name, css_class in [("edition", "cover-kicker"), ("subtitle", "cover-subtitle")]:
        text = _text_of(html, css_class)
        if text is not None:
            strings.append(f"{name} {_css_string(text)}")
    rules = [
        f"@page {{ @bottom-right {{ content: {_css_string(FOOTER_PLACEHOLDER)}; }} }}",
        # Same rules as report.css with the page numbers given by the assembly.
        "a.page-ref::after { content: attr(data-page); }",
        '.toc a::after { content: leader(".") " " attr(data-page); font-weight: normal; }',
    ]
    if strings:
        rules.insert(0, f"html {{ string-set: {', '.join(strings)}; }}")
    return "\n".join(rules)


def part_html(head: str, part: Part, tail: str, numbers: dict | None) -> str:
    """One part as a document: its links to other parts made external (turned back into
    internal links by the assembly), the page number of each target written in when known."""

    def link(match):
        anchor = match.group(1)
        page = f' data-page="{numbers.get(anchor, "")}"' if numbers is not None else ""
        if anchor in part.ids:
            return f'<a{page} href="#{anchor}"'
        return f'<a{page} href="{LINK_ORIGIN}#{anchor}"'

    return head + _LINK.sub(link, part.html) + tail


# --- the children -----------------------------------------------------------------------------


def _render(task: Task, stylesheet: str, base_url: str) -> dict:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from reports.pdf import PDF_VARIANT, speed_up_pydyf

    speed_up_pydyf()
    font_config = FontConfiguration()
    stylesheets = [
        CSS(filename=stylesheet, font_config=font_config),
        CSS(string=task.css, font_config=font_config),
    ]
    document = HTML(string=task.html, base_url=base_url).render(
        stylesheets=stylesheets, font_config=font_config, pdf_variant=PDF_VARIANT
    )
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    if not task.count_only:
        document.write_pdf(task.path, pdf_variant=PDF_VARIANT)
    return {"pages": len(document.pages), "anchors": anchors}


def _child(sender, task: Task, stylesheet: str, base_url: str) -> None:
    try:
        result = _render(task, stylesheet, base_url)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["cpu"] = usage.ru_utime + usage.ru_stime
        result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
        sender.send(("ok", result))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


def _run(tasks: list[Task], *, workers: int, stylesheet: str, base_url: str, stats, on_done):
    """Run each task in a new child process (its memory is returned when it ends), `workers`
    at a time. Forked, so the children start with WeasyPrint imported and use no database."""
    context = multiprocessing.get_context("fork")
    pending, running, results = list(tasks), {}, {}
    try:
        while pending or running:
            while pending and len(running) < workers:
                task = pending.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_child, args=(sender, task, stylesheet, base_url), daemon=True
                )
                process.start()
                sender.close()
                running[receiver] = (task, process)
            for receiver in multiprocessing.connection.wait(list(running)):
                task, process = running.pop(receiver)
                try:
                    status, payload = receiver.recv()
                except EOFError:
                    status, payload = "error", "the child process ended without a result"
                receiver.close()
                process.join()
                if status != "ok":
                    raise RuntimeError(f"Report part « {task.part.key} » failed:\n{payload}")
                stats.renders += 1
                stats.children_cpu_seconds += payload["cpu"]
                stats.children_peak_rss_mb = max(stats.children_peak_rss_mb, payload["peak_rss_mb"])
                results[task.part.index] = payload
                on_done(task, payload)
    finally:
        for _receiver, (_task, process) in running.items():
            process.kill()
            process.join()
    return results


# --- the whole --------------------------------------------------------------------------------


def _absolute_pages(parts: list[Part], results: dict) -> tuple[dict, int]:
    """The page number (from 1) of every anchor in the assembled document, and the total."""
    numbers, start = {}, 0
    for part in parts:
        result = results[part.index]
        for anchor, page in result["anchors"].items():
            numbers.setdefault(anchor, start + page + 1)
        start += result["pages"]
    return numbers, start


def write_pdf_split(html: str, target, *, stylesheet: str, base_url: str, workers: int = 2,
                    on_page=None, on_write=None):  # fmt: skip
    """Lay out `html` in parts and write the assembled tagged PDF to `target`.

    Returns (pages, layout seconds, assembly seconds, SplitStats)."""
    from reports.pdfassemble import assemble

    head, parts, tail = split_html(html)
    css = part_css(html)
    stats = SplitStats(parts=len(parts))
    folder = Path(tempfile.mkdtemp(prefix="report-parts-"))
    done_pages = [0]

    def on_done(task: Task, result: dict) -> None:
        if not task.count_only:
            done_pages[0] += result["pages"]
            if on_page:
                on_page(done_pages[0])

    def task(part: Part, numbers: dict | None, count_only: bool) -> Task:
        wanted = {anchor: numbers.get(anchor, "") for anchor in part.targets} if numbers else {}
        return Task(
            part=part,
            html=part_html(head, part, tail, wanted if part.dependent else None),
            css=css,
            path=str(folder / f"{part.index:03d}.pdf"),
            count_only=count_only,
            numbers=wanted,
        )

    options = {"workers": workers, "stylesheet": stylesheet, "base_url": base_url,
               "stats": stats, "on_done": on_done}  # fmt: skip
    started = time.perf_counter()
    try:
        # First round: every part; the dependent ones (small, and needed before the rest can
        # be numbered) only counted, with a three-digit guess for the numbers they show.
        guess = {anchor: GUESSED_PAGE for part in parts for anchor in part.targets}
        dependent = [p for p in parts if p.dependent]
        others = sorted((p for p in parts if not p.dependent), key=lambda p: -len(p.html))
        first = [task(p, guess, count_only=True) for p in dependent]
        first += [task(p, None, count_only=False) for p in others]
        results = _run(first, **options)
        rendered = {t.part.index: t for t in first if not t.count_only}
        for _round in range(MAX_ROUNDS):
            stats.rounds += 1
            numbers, _total = _absolute_pages(parts, results)
            todo = []
            for part in dependent:
                wanted = {anchor: numbers.get(anchor, "") for anchor in part.targets}
                previous = rendered.get(part.index)
                if previous is None or previous.numbers != wanted:
                    todo.append(task(part, numbers, count_only=False))
            if not todo:
                break
            todo.sort(key=lambda t: -len(t.html))
            results.update(_run(todo, **options))
            rendered.update({t.part.index: t for t in todo})
        else:
            raise RuntimeError("The report's page numbers did not settle")
        laid_out = time.perf_counter()
        if on_write:
            on_write()
        _numbers, total = _absolute_pages(parts, results)
        assemble(
            [rendered[p.index].path for p in parts],
            target,
            link_origin=LINK_ORIGIN,
            footer_placeholder=FOOTER_PLACEHOLDER,
            footer_format=FOOTER_FORMAT,
        )
        stats.assembly_seconds = time.perf_counter() - laid_out
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return total, laid_out - started, stats.assembly_seconds, stats
