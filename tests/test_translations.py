"""The English translation is complete and compiles."""

import importlib.util
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


# ---- French typography (issue 14) ------------------------------------------------------------
# The rule (scripts/french_typography.py): a narrow no-break space U+202F before « : ; ! ? » and
# inside « », wherever French puts a space; URLs, times (9:12), « ?next= » and placeholders
# (« {x:02d} ») have none and are left alone.


def _typography():
    spec = importlib.util.spec_from_file_location(
        "french_typography", PO.parents[3] / "scripts/french_typography.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_typography_rule_spaces_signs_and_guillemets_and_leaves_code_alone():
    ft = _typography()
    nn = "\u202f"
    assert ft.typeset("Fil rouge : « Où en sommes-nous ? » ; oui !") == (
        f"Fil rouge{nn}: «{nn}Où en sommes-nous{nn}?{nn}» ; oui{nn}!".replace(" ;", f"{nn};")
    )
    assert (
        ft.typeset("Niveau\u00a0: {prenom} ! %(n)s ?") == f"Niveau{nn}: {{prenom}}{nn}! %(n)s{nn}?"
    )
    for untouched in (
        "https://exemple.fr/a?b=1",
        "ouvre à 9:12",
        "{start:%H:%M} – {n:02d}",
        '<a href="/x?next=/y">',
        "Niveau: national",
        "Vraiment ?!".replace(" ", nn),
    ):
        assert ft.typeset(untouched) == untouched
    assert ft.typeset(ft.typeset("a : « b »")) == ft.typeset("a : « b »")  # idempotent
    assert ft.faults("Niveau : national") and ft.faults("« b »") and ft.faults("b\u00a0?")
    assert ft.faults(ft.typeset("Niveau : « b » ?")) == []


def test_every_french_message_follows_the_typography_rule():
    """French is the source: the displayed French text of a message is its French catalogue
    entry if it has one, else its msgid. Neither may keep a plain space before a sign."""
    ft = _typography()
    english = ft.entries(PO.read_text(encoding="utf-8"))
    french = {
        (e.get("msgctxt"), e["msgid"]): e for e in ft.entries(ft.FRENCH.read_text(encoding="utf-8"))
    }
    assert len(english) > 1000  # the walk reads the whole catalogue
    faults = []
    for entry in english:
        shown = french.get((entry.get("msgctxt"), entry["msgid"]))
        texts = (
            [v for k, v in shown.items() if k.startswith("msgstr")]
            if shown
            else [entry["msgid"], entry.get("msgid_plural", "")]
        )
        faults += [(entry["msgid"][:60], f) for text in texts for f in ft.faults(text)]
    assert faults == [], "run .venv/bin/python scripts/french_typography.py"


def test_the_french_text_of_templates_follows_the_typography_rule():
    ft = _typography()
    templates = ft.french_templates()
    assert len(templates) > 150
    faults = [
        (str(path.relative_to(ft.ROOT)), fault)
        for path in templates
        for fault in ft.template_faults(path.read_text(encoding="utf-8"))
    ]
    assert faults == [], "run .venv/bin/python scripts/french_typography.py"


def test_french_pages_show_the_narrow_no_break_spaces_and_english_ones_do_not(pytestconfig):
    if pytestconfig.missing_translations:
        pytest.skip(
            "gettext's msgfmt is not installed, so the catalogues could not be compiled and the "
            "pages cannot be shown translated: install gettext (scripts/test.sh does)"
        )
    with translation.override("fr"):
        assert translation.gettext("Fil rouge :") == "Fil rouge\u202f:"
        assert (
            translation.ngettext(
                "%(count)d commande marquée payée : %(refs)s.",
                "%(count)d commandes marquées payées : %(refs)s.",
                0,
            )
            == "%(count)d commande marquée payée\u202f: %(refs)s."
        )
    with translation.override("en"):
        assert "\u202f" not in translation.gettext("Fil rouge :")
