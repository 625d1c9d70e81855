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

# module -> (lines floor, branches floor) for the modules not yet at the thresholds, measured
# (rounded down) without the view and browser tests, so the full run is at or above them; the
# gate still fails if one of them falls under its floor. Raise to 100/95 when covered.
EXCEPTIONS: dict[str, tuple[float, float]] = {
    "congress/accounts/permissions.py": (83, 66),
    "congress/accounts/services.py": (92, 90),
    "congress/editions/selectors.py": (87, 95),
    "congress/editions/services.py": (93, 50),
    "congress/organisations/selectors.py": (82, 50),
    "congress/organisations/services.py": (97, 90),
    "congress/profile/services.py": (40, 16),
    "congress/registrations/permissions.py": (91, 80),
    "congress/registrations/selectors.py": (87, 50),
    "congress/registrations/services.py": (92, 89),
    "proposals/outcomes/consolidation/services.py": (99, 95),
    "proposals/outcomes/recording/permissions.py": (96, 91),
    # search() takes another branch on PostgreSQL than on SQLite: a margin.
    "proposals/outcomes/recording/selectors.py": (85, 75),
    "proposals/permissions.py": (87, 64),
    "proposals/selectors.py": (90, 50),
    "proposals/services.py": (90, 81),
    "reports/selectors.py": (97, 95),
    "reports/services.py": (71, 40),
    "tracks/permissions.py": (87, 75),
    "tracks/selectors.py": (98, 90),
    "tracks/services.py": (82, 71),
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
        for app in ("congress", "tracks", "proposals", "reports")
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
