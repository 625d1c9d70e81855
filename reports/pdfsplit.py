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
  show them (« dependent » parts) are laid out with the numbers written in (``data-page``
  attributes read by the part's stylesheet) once the parts they depend on are laid out; those
  that depend on themselves or on later parts (summary, table of contents, key figures: small)
  are first laid out only to count their pages (see write_pdf_split);
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
    pdf_variant: str
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

    # pydyf's speed-up (reports.pdf.speed_up_pydyf) is installed by the parent before forking.
    font_config = FontConfiguration()
    stylesheets = [
        CSS(filename=stylesheet, font_config=font_config),
        CSS(string=task.css, font_config=font_config),
    ]
    document = HTML(string=task.html, base_url=base_url).render(
        stylesheets=stylesheets, font_config=font_config, pdf_variant=task.pdf_variant
    )
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    if not task.count_only:
        document.write_pdf(task.path, pdf_variant=task.pdf_variant)
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


def _run(next_task, *, workers: int, stylesheet: str, base_url: str, stats, on_done) -> None:
    """Run the tasks `next_task()` gives (None: nothing ready now), each in a new child process
    (its memory is returned when it ends), `workers` at a time, until none is ready and none is
    running. Forked, so the children start with WeasyPrint imported; they use no database."""
    context = multiprocessing.get_context("fork")
    running = {}
    try:
        while True:
            while len(running) < workers:
                task = next_task()
                if task is None:
                    break
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_child, args=(sender, task, stylesheet, base_url), daemon=True
                )
                process.start()
                sender.close()
                running[receiver] = (task, process)
            if not running:
                return
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
                on_done(task, payload)
    finally:
        for _task, process in running.values():
            process.kill()
            process.join()


# --- the whole --------------------------------------------------------------------------------


def _absolute_pages(parts: list[Part], results: dict) -> tuple[dict, int]:
    """The page number (from 1) of every anchor in the assembled document, and the number of
    pages, as far as the parts are known (up to the first one not laid out yet)."""
    numbers, start = {}, 0
    for part in parts:
        result = results.get(part.index)
        if result is None:
            break
        for anchor, page in result["anchors"].items():
            numbers.setdefault(anchor, start + page + 1)
        start += result["pages"]
    return numbers, start


def write_pdf_split(html: str, target, *, stylesheet: str, base_url: str, pdf_variant: str,
                    workers: int = 2, on_page=None, on_write=None):  # fmt: skip
    """Lay out `html` in parts and write the assembled tagged PDF to `target`.

    Scheduling: the parts that show no page number are laid out once each, largest first. A
    dependent part is laid out when every part up to the last one it refers to has been laid
    out (and none of them is being laid out again); if it refers to itself or to a part after
    it (the table of contents, the summary), it is first laid out only to count its pages, with
    a three-digit guess for its numbers. Once nothing is left, any dependent part whose numbers
    moved since it was laid out is laid out again.

    Returns (pages, layout seconds, assembly seconds, SplitStats)."""
    from reports.pdfassemble import assemble

    head, parts, tail = split_html(html)
    css = part_css(html)
    stats = SplitStats(parts=len(parts))
    folder = Path(tempfile.mkdtemp(prefix="report-parts-"))
    owner = {anchor: part.index for part in parts for anchor in part.ids}
    # The last part whose page count or anchors a dependent part's numbers depend on.
    reach = {
        part.index: max((owner.get(anchor, -1) for anchor in part.targets), default=-1)
        for part in parts
    }
    counted_first = {p.index for p in parts if p.dependent and reach[p.index] >= p.index}
    results: dict[int, dict] = {}  # the latest layout of each part
    rendered: dict[int, Task] = {}  # the latest full rendering of each part
    running: set[int] = set()
    renders = dict.fromkeys(range(len(parts)), 0)
    done_pages = [0]

    def make_task(part: Part, numbers: dict, count_only: bool) -> Task:
        wanted = {anchor: numbers.get(anchor, "") for anchor in part.targets}
        return Task(
            part=part,
            html=part_html(head, part, tail, wanted if part.dependent else None),
            css=css,
            path=str(folder / f"{part.index:03d}.pdf"),
            count_only=count_only,
            pdf_variant=pdf_variant,
            numbers=wanted,
        )

    def inputs_ready(part: Part) -> bool:
        return all(
            i in results and i not in running
            for i in range(reach[part.index] + 1)
            if i != part.index
        )

    def wanted(part: Part) -> dict:
        numbers, _pages = _absolute_pages(parts, results)
        return {anchor: numbers.get(anchor, "") for anchor in part.targets}

    def next_task() -> Task | None:
        idle = [p for p in parts if p.index not in running]
        # 1. Counting passes (small parts: the summary, the table of contents).
        for part in idle:
            if part.index in counted_first and part.index not in results:
                guess = dict.fromkeys(part.targets, GUESSED_PAGE)
                return start(make_task(part, guess, count_only=True))
        # 2. Dependent parts whose numbers are known (they end the critical path: first).
        for part in sorted(idle, key=lambda p: -len(p.html)):
            if part.dependent and inputs_ready(part):
                previous = rendered.get(part.index)
                if previous is None or previous.numbers != wanted(part):
                    return start(make_task(part, wanted(part), count_only=False))
        # 3. The others, largest first.
        for part in sorted(idle, key=lambda p: -len(p.html)):
            if not part.dependent and part.index not in rendered:
                return start(make_task(part, {}, count_only=False))
        return None

    def start(task: Task) -> Task:
        renders[task.part.index] += 1
        if renders[task.part.index] > MAX_ROUNDS:
            raise RuntimeError("The report's page numbers did not settle")
        running.add(task.part.index)
        return task

    def on_done(task: Task, result: dict) -> None:
        running.discard(task.part.index)
        results[task.part.index] = result
        if not task.count_only:
            rendered[task.part.index] = task
            done_pages[0] += result["pages"]
            if on_page:
                on_page(done_pages[0])

    started = time.perf_counter()
    try:
        _run(next_task, workers=workers, stylesheet=stylesheet, base_url=base_url, stats=stats,
             on_done=on_done)  # fmt: skip
        missing = [p.key for p in parts if p.index not in rendered]
        if missing:
            raise RuntimeError(f"Report parts not rendered: {missing}")
        stats.rounds = max(renders.values())
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
