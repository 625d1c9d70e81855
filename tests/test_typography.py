"""Typography of the English catalogue (issue 14): no space before a colon in English.

English writes "Level: National", not "Level : National". This test walks every English
translation. (The French typography pass, no-break spaces before « : ; ! ? », is not done yet:
see the issue note.)
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGLISH_PO = ROOT / "locale/en/LC_MESSAGES/django.po"
BAD_ENGLISH = re.compile(r"\s[:;!?](?=\s|$)")


def _string(quoted: list[str]) -> str:
    return "".join(
        bytes(line[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for line in quoted
    )


def messages() -> list[dict]:
    """The entries of the English catalogue (every message of the site) as dicts of strings."""
    entries = []
    for block in ENGLISH_PO.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (\".*\")$", line)
            if match:
                key = match.group(1)
                fields[key] = [match.group(2)]
            elif line.startswith('"') and key:
                fields[key].append(line)
        entry = {k: _string(v) for k, v in fields.items()}
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def test_english_messages_have_no_space_before_a_colon():
    entries = messages()
    assert len(entries) > 1000  # the walk reads the whole catalogue
    faults = [
        text
        for entry in entries
        for key, text in entry.items()
        if key.startswith("msgstr") and BAD_ENGLISH.search(text)
    ]
    assert faults == []
