"""A browser test that clicks and then reads the page with a call that does not wait
(`count()`, `is_visible()`, `is_checked()`) races the navigation: it passes on a quiet
machine and fails on a loaded one (CI, stop 23). After a click, such reads go through
`expect(...)`, which retries until the page has loaded."""

import re
from pathlib import Path

E2E = Path(__file__).parent / "e2e"
ACTION = re.compile(r"\.(click|press|check|dblclick)\([^()]*\)\s*$")
NON_WAITING = re.compile(r"\.(count|is_visible|is_checked|is_hidden|content)\(\)")


def racy_reads(source: str) -> list[int]:
    """Line numbers (1-based) of non-waiting reads right after an action."""
    lines = [line.strip() for line in source.splitlines()]
    found = []
    for number, line in enumerate(lines[:-1], start=1):
        following = lines[number]
        if ACTION.search(line) and following.startswith("assert") and NON_WAITING.search(following):
            found.append(number + 1)
    return found


def test_no_browser_test_reads_the_page_without_waiting_after_a_click():
    offenders = [
        f"{path.relative_to(E2E.parent.parent)}:{line}"
        for path in sorted(E2E.glob("*.py"))
        for line in racy_reads(path.read_text())
    ]
    assert not offenders, "use expect(...) after a click: " + ", ".join(offenders)


def test_the_check_finds_a_racy_read():
    racy = (
        'page.get_by_role("link", name="Stands").click()\nassert page.locator("tr").count() == 2\n'
    )
    waiting = 'page.get_by_role("link", name="Stands").click()\nexpect(page.locator("tr")).to_have_count(2)\n'
    assert racy_reads(racy) == [2]
    assert racy_reads(waiting) == []
