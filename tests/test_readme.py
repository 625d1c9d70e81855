"""The README renders (fences balanced) and documents every environment variable the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme_code_fences_are_balanced():
    inside, problems = False, []
    for number, line in enumerate(README.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("```"):
            continue
        if not inside:
            inside = True
        elif stripped == "```":
            inside = False
        else:  # text after a closing fence: Markdown reads it as the start of nothing
            problems.append(f"line {number}: {line!r}")
    assert problems == []
    assert not inside, "a code block is never closed"


def test_every_environment_variable_of_the_settings_is_documented():
    settings = (ROOT / "congress" / "settings.py").read_text()
    names = set(re.findall(r"""env(?:_bool|_list)?\(\s*["']([A-Z0-9_]+)["']""", settings))
    assert len(names) > 30
    missing = sorted(name for name in names if f"`{name}`" not in README)
    assert missing == []


def test_readme_links_stay_inside_the_repository():
    assert "../" not in README
