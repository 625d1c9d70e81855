"""Coverage gate (issue 19): every services.py, permissions.py and selectors.py must be fully
covered by lines and at least 95 % by branches.

Reads the data `coverage run` left (`.coverage`, or the file named as first argument), prints one
row per module and exits 1 when a module is under its threshold.

    python scripts/coverage_gate.py [DATA_FILE] [--report-only]

--report-only prints the table and exits 0 (for a run of a selection of the tests).
"""

import fnmatch
import json
import sys
import tempfile
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ("*/services.py", "*/permissions.py", "*/selectors.py")
LINES_MIN = 100.0
BRANCHES_MIN = 95.0

# module -> (lines floor, branches floor) for the modules that cannot reach the thresholds on one
# database; the gate still fails if one of them falls under its floor.
EXCEPTIONS: dict[str, tuple[float, float]] = {
    # None today. proposals/outcomes/recording/selectors.py's search() chooses full-text on
    # PostgreSQL and icontains elsewhere: both branches run in CI (PostgreSQL), the second one
    # by a test that makes search() believe it is on another database.
}


def summaries(cov: coverage.Coverage, files: list[str]) -> dict[str, dict]:
    """Per-file summary (statements, missing lines, branches, covered branches) from the JSON
    report, the public API's way to get branch counts."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "coverage.json"
        cov.json_report(morfs=files, outfile=str(out), ignore_errors=True)
        report = json.loads(out.read_text())
    return {str((ROOT / name).resolve()): data["summary"] for name, data in report["files"].items()}


def rates(summary: dict) -> tuple[float, float]:
    statements = summary["num_statements"]
    lines = 100.0 * summary["covered_lines"] / statements if statements else 100.0
    branches = summary.get("num_branches", 0)
    covered = summary.get("covered_branches", 0)
    return lines, (100.0 * covered / branches if branches else 100.0)


def main(argv: list[str]) -> int:
    report_only = "--report-only" in argv
    args = [a for a in argv[1:] if a != "--report-only"]
    data_file = args[0] if args else str(ROOT / ".coverage")
    cov = coverage.Coverage(data_file=data_file, config_file=str(ROOT / "pyproject.toml"))
    cov.load()
    modules = sorted(
        path
        for app in (
            "congress",
            "tracks",
            "proposals",
            "funding",
            "volunteers",
            "messaging",
            "reports",
        )
        for path in (ROOT / app).rglob("*.py")
        if any(fnmatch.fnmatch(str(path), pattern) for pattern in PATTERNS)
    )
    measured = summaries(cov, [str(p) for p in modules])
    failures = []
    print(f"{'module':<60} {'lines %':>8} {'branches %':>11}")
    for path in modules:
        name = str(path.relative_to(ROOT))
        summary = measured.get(str(path))
        lines, branches = rates(summary) if summary else (0.0, 0.0)
        lines_min, branches_min = EXCEPTIONS.get(name, (LINES_MIN, BRANCHES_MIN))
        low = lines < lines_min or branches < branches_min
        mark = f"  < {lines_min:g}/{branches_min:g}" if low else ""
        print(f"{name:<60} {lines:>8.1f} {branches:>11.1f}{mark}")
        if low:
            failures.append(name)
    for name in sorted(set(EXCEPTIONS) - {str(p.relative_to(ROOT)) for p in modules}):
        print(f"stale exception (no such module): {name}")
        failures.append(name)
    if failures and report_only:
        print(f"\n{len(failures)} module(s) under the threshold (report only).")
        return 0
    if failures:
        print(f"\nCoverage gate failed: {len(failures)} module(s) under the threshold.")
        return 1
    print(f"\nCoverage gate passed ({len(modules)} modules).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
