"""The English translation is complete and compiles."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

PO = Path(__file__).resolve().parents[1] / "locale/en/LC_MESSAGES/django.po"


def po_entries(text: str):
    for block in text.split("\n\n"):
        if "msgid" not in block:
            continue
        yield block


def test_english_catalogue_has_no_empty_or_fuzzy_entry():
    text = PO.read_text(encoding="utf-8")
    untranslated, fuzzy = [], []
    for block in list(po_entries(text))[1:]:  # the first block is the header
        msgid = re.search(r'msgid "(.*?)"\n(?:msgid_plural|msgstr)', block, re.S)
        label = msgid.group(1) if msgid else block[:80]
        if "#, fuzzy" in block:
            fuzzy.append(label)
        if re.search(r'msgstr(\[\d\])? ""\n(?!")', block + "\n"):
            untranslated.append(label)
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_english_catalogue_compiles_with_format_checks():
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(PO)], capture_output=True, text=True
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_english_is_active_for_english_requests(pytestconfig):
    if pytestconfig.missing_translations:
        pytest.skip(
            "gettext's msgfmt is not installed, so the English catalogue could not be compiled: "
            "install gettext (apt-get install gettext) or run scripts/test.sh"
        )
    with translation.override("en"):
        assert translation.gettext("Se connecter") == "Log in"
        assert translation.gettext("Créer un compte") == "Sign up"
