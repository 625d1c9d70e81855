"""Benchmark of the final report and the data exports on a large demo edition.

Not a test: it prints figures. Run it from the repository root:

    # SQLite, fresh database file (simplest; the file is deleted first):
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/report_bench.py --scale 14

    # PostgreSQL: point DATABASE_URL at an EMPTY database you own, e.g.
    DATABASE_URL=postgres://app:app@127.0.0.1:5433/bench .venv/bin/python bench/report_bench.py --scale 14

    # Re-measure without seeding again:  ... bench/report_bench.py --no-seed

--scale N seeds `manage.py seed_demo --scale N`: about 12 + 150 (N - 1) organisations, twice as
many people, 32 + 70 (N - 1) workshop proposals of which a fifth are workshops (N = 14 gives
~2 000 organisations, ~4 000 people, ~940 proposals, ~200 workshops).

Each measurement runs in its own child process, so its peak resident memory (ru_maxrss) is its
own; the slow imports and templates are warmed up first (steady-state figures). For each, it
prints the wall time (untraced run), the peak of Python allocations (tracemalloc, a second run)
and the peak RSS. The report is measured twice: as one WeasyPrint document, and in parts
(reports/pdfsplit.py: child processes, two at a time), whose CPU time and peak RSS are the
parent's and its children's. The report is measured in three parts: collecting the data and rendering the HTML
(traced), WeasyPrint's layout and PDF writing (not traced: tracemalloc slows WeasyPrint down
several times), and the same WeasyPrint run on a static copy of the report HTML, which gives
the share of the time that is ours (queries, template) against WeasyPrint's own.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings")
SLUG = "congres-solidarites-2024"


def setup_django():
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def cpu_seconds() -> float:
    """CPU time of this process (user + system): on a shared, loaded machine the wall time
    measures the other processes too, the CPU time only ours."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- measurements (run in a child process) ---------------------------------------------------


def warm_up() -> None:
    """Import the slow libraries and load the templates, so the timings are steady-state
    figures (a worker process pays this once, ~2 s, not per report)."""
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401
    import weasyprint  # noqa: F401

    from congress.editions.models import Congress
    from reports.content import build_report
    from reports.models import ReportScope
    from reports.pdf import render_html, write_pdf

    congress = Congress.objects.get(slug=SLUG)
    track = congress.tracks.order_by("order").first()
    render_html(build_report(congress, scope=ReportScope.TRACK, scope_value=track.slug))
    with tempfile.TemporaryFile() as target:  # fonts found and loaded once
        html = '<html lang="fr"><title>x</title><p>Échauffement 1 234 %</p></html>'
        write_pdf(html, target, split=False)


def traced(function) -> tuple[float, object]:
    """Peak of Python allocations (MB) while `function` runs, and its result."""
    tracemalloc.start()
    try:
        result = function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1), result


def children_usage() -> tuple[float, float]:
    """CPU seconds and largest peak RSS (MB) of the child processes waited for so far (the
    parts of a split report)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure_report(html_path: str, split: bool = False) -> dict:
    from congress.editions.models import Congress
    from reports.content import build_report
    from reports.pdf import render_html, write_pdf

    congress = Congress.objects.get(slug=SLUG)
    warm_up()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    children_cpu_started = children_usage()[0]
    document = render_html(build_report(congress))
    html_seconds = time.perf_counter() - started
    if not split:
        Path(html_path).write_text(document.html, encoding="utf-8")
    with tempfile.TemporaryFile() as target:
        result = write_pdf(document.html, target, split=split)
        size = target.tell()
    total = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    children_cpu, children_peak = children_usage()
    html_peak, _document = traced(lambda: render_html(build_report(congress)))
    return {
        "pages": result.pages,
        "pdf_bytes": size,
        "data_and_html_s": round(html_seconds, 2),
        "data_and_html_peak_mb": html_peak,
        "layout_s": round(result.layout_seconds, 2),
        "pdf_write_s": round(result.write_seconds, 2),
        "total_s": round(total, 2),
        "cpu_s": round(cpu, 2),
        "children_cpu_s": round(children_cpu - children_cpu_started, 2),
        "children_peak_rss_mb": round(children_peak, 1),
        "parts": result.split.parts if result.split else 1,
        "renders": result.split.renders if result.split else 1,
        "html_kb": round(len(document.html.encode()) / 1024),
    }


def measure_static(html_path: str) -> dict:
    """WeasyPrint alone, on the saved HTML: no database, no template."""
    from reports.pdf import write_pdf

    html = Path(html_path).read_text(encoding="utf-8")
    warm_up()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    with tempfile.TemporaryFile() as target:
        result = write_pdf(html, target, split=False)
    return {
        "pages": result.pages,
        "total_s": round(time.perf_counter() - started, 2),
        "cpu_s": round(cpu_seconds() - cpu_started, 2),
    }


def measure_export(kind: str, table_name: str) -> dict:
    from congress.editions.models import Congress
    from reports import exports

    congress = Congress.objects.get(slug=SLUG)
    tables = list(exports.TABLES.values()) if table_name == "all" else [exports.TABLES[table_name]]
    warm_up()

    def run() -> int:
        with tempfile.TemporaryFile() as target:
            if kind == "xlsx":
                exports.write_xlsx(tables, congress, target)
            else:
                for chunk in exports.csv_chunks(tables[0], congress, semicolon=kind == "csv;"):
                    target.write(chunk.encode("utf-8"))
            return target.tell()

    started = time.perf_counter()
    size = run()
    seconds = time.perf_counter() - started
    peak, _result = traced(run)
    rows = sum(t.queryset(congress).count() for t in tables)
    return {"rows": rows, "bytes": size, "total_s": round(seconds, 2), "python_peak_mb": peak}


def child(task: str, html_path: str) -> None:
    setup_django()
    baseline = peak_rss_mb()
    if task == "report":
        data = measure_report(html_path)
    elif task == "report-split":
        data = measure_report(html_path, split=True)
    elif task == "static":
        data = measure_static(html_path)
    else:
        kind, table = task.split(":", 1)
        data = measure_export(kind, table)
    data["peak_rss_mb"] = round(peak_rss_mb(), 1)
    data["rss_after_setup_mb"] = round(baseline, 1)
    print("RESULT " + json.dumps(data))


# --- driver -----------------------------------------------------------------------------------


def run_child(task: str, html_path: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", task, "--html-path", html_path],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    for line in output.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"{task} failed:\n{output.stdout[-2000:]}\n{output.stderr[-4000:]}")


def seed(scale: int) -> float:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if path.exists():
            path.unlink()
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, check=True)
    started = time.perf_counter()
    # Confirmation emails of the generated registrations go to files, not to the console.
    mail = Path(tempfile.mkdtemp(prefix="report-bench-mail-"))
    subprocess.run(
        [*manage, "seed_demo", "--scale", str(scale), "--quiet-logins"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "EMAIL_FILE_PATH": str(mail)},
    )
    return time.perf_counter() - started


def counts() -> dict:
    setup_django()
    from congress.accounts.models import User
    from congress.editions.models import Congress
    from congress.organisations.models import Organisation
    from proposals.models import Review, WorkshopProposal
    from reports import selectors
    from tracks.models import WorkshopSignup

    congress = Congress.objects.get(slug=SLUG)
    return {
        "organisations": Organisation.objects.count(),
        "organisations in the edition": selectors.involved_organisations(congress).count(),
        "people": User.objects.count(),
        "workshop proposals": WorkshopProposal.objects.filter(congress=congress).count(),
        "reviews": Review.objects.filter(proposal__congress=congress).count(),
        "workshops": selectors.workshops_of(congress).count(),
        "workshop sign-ups": WorkshopSignup.objects.filter(session__congress=congress).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=14)
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--html-path", default=str(Path(tempfile.gettempdir()) / "report-bench.html")
    )
    args = parser.parse_args()
    if args.child:
        child(args.child, args.html_path)
        return
    database = os.environ.get("DATABASE_URL", "sqlite (default db.sqlite3)").split("@")[-1]
    print(f"Database: {database}")
    if not args.no_seed:
        seconds = seed(args.scale)
        print(f"seed_demo --scale {args.scale}: {seconds:.1f} s")
    for name, value in counts().items():
        print(f"  {name:<30} {value:>8}")

    print("\nReport (full variant)")
    report = run_child("report", args.html_path)
    static = run_child("static", args.html_path)
    ours = report["total_s"] - static["total_s"]
    print(f"  pages                          {report['pages']:>8}")
    print(f"  PDF size                       {report['pdf_bytes'] / 2**20:>8.1f} MB")
    print(f"  data + HTML                    {report['data_and_html_s']:>8.2f} s   "
          f"(Python peak {report['data_and_html_peak_mb']} MB, HTML {report['html_kb']} kB)")  # fmt: skip
    print(f"  WeasyPrint layout              {report['layout_s']:>8.2f} s")
    print(f"  WeasyPrint PDF writing         {report['pdf_write_s']:>8.2f} s")
    print(f"  total                          {report['total_s']:>8.2f} s   "
          f"({report['total_s'] / report['pages']:.2f} s/page, peak RSS {report['peak_rss_mb']} MB)")  # fmt: skip
    print(f"  CPU time (user + system)       {report['cpu_s']:>8.2f} s   "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")  # fmt: skip
    print(f"  static HTML, WeasyPrint only   {static['total_s']:>8.2f} s   "
          f"(CPU {static['cpu_s']} s, peak RSS {static['peak_rss_mb']} MB)")  # fmt: skip
    print(f"  our overhead                   {ours:>8.2f} s   "
          f"(total - static; ratio total/static {report['total_s'] / static['total_s']:.2f})")  # fmt: skip
    share = report["data_and_html_s"] / report["total_s"] * 100
    print(f"  our own code (data + HTML)     {share:>8.1f} %   of the total; the rest is WeasyPrint "
          "(the static run differs from the WeasyPrint part of the total by noise only)")  # fmt: skip

    split = run_child("report-split", args.html_path)
    print("\nReport in parts (REPORT_PDF_SPLIT: sections laid out in child processes, assembled)")
    print(f"  pages                          {split['pages']:>8}   "
          f"({split['parts']} parts, {split['renders']} WeasyPrint runs)")  # fmt: skip
    print(f"  PDF size                       {split['pdf_bytes'] / 2**20:>8.1f} MB")
    print(f"  parts laid out and written     {split['layout_s']:>8.2f} s")
    print(f"  assembly (pikepdf)             {split['pdf_write_s']:>8.2f} s")
    print(f"  total                          {split['total_s']:>8.2f} s   "
          f"(single document: {report['total_s']:.2f} s)")  # fmt: skip
    print(f"  CPU time, parent + children    {split['cpu_s'] + split['children_cpu_s']:>8.2f} s   "
          f"(parent {split['cpu_s']} s, children {split['children_cpu_s']} s; "
          f"single document: {report['cpu_s']} s)")  # fmt: skip
    print(f"  peak RSS                       {split['peak_rss_mb']:>8.1f} MB  "
          f"(parent; largest child {split['children_peak_rss_mb']} MB; "
          f"single document: {report['peak_rss_mb']} MB)")  # fmt: skip

    print("\nExports                          rows     size     time   Python peak   peak RSS")
    from reports.exports import TABLES  # noqa: E402 - Django is set up by counts()

    tasks = [f"{kind}:{name}" for name in TABLES for kind in ("csv", "xlsx")] + ["xlsx:all"]
    for task in tasks:
        data = run_child(task, args.html_path)
        print(f"  {task:<28} {data['rows']:>6} {data['bytes'] / 1024:>7.0f} kB "
              f"{data['total_s']:>6.2f} s {data['python_peak_mb']:>9.1f} MB "
              f"{data['peak_rss_mb']:>7.1f} MB")  # fmt: skip
    print(f"\n(peak RSS of a child right after django.setup(): "
          f"{report['rss_after_setup_mb']} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
