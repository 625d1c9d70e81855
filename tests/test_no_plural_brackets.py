"""Real plurals (issue 14): no « place(s) », « évaluation(s) », « assessment(s) » anywhere a person
reads — neither in the catalogue (every translatable string of the templates and the Python code,
French source and English translation) nor in the templates' raw text. Counted things use
``ngettext`` / ``{% blocktrans count %}``. The rendered pages are checked by the accessibility
crawl and the role journeys (``tests/e2e``), with ``BRACKETED_PLURAL_JS``.

A unit in brackets after a space (« durée (s) » for seconds) is not a plural and is allowed.
"""

import re

from tests.test_translations import _typography

# A letter immediately followed by (s), (es) or (x): « place(s) », « travail(aux) » aside.
BRACKETED_PLURAL = re.compile(r"[^\W\d_]\((?:e?s|x)\)")
# The same test in the browser, on a page's visible text.
BRACKETED_PLURAL_JS = r"() => (document.body.innerText.match(/\p{L}\((?:e?s|x)\)/gu) || [])"


def test_the_pattern_finds_bracketed_plurals_and_leaves_units_alone():
    assert BRACKETED_PLURAL.findall("2 place(s) libre(s), 1 travaux(x)") == ["e(s)", "e(s)", "x(x)"]
    assert BRACKETED_PLURAL.search("1 assessment(es)")
    assert not BRACKETED_PLURAL.search("durée de mise en page (s) %(s)s %(count)s (x)")


def test_no_catalogue_string_writes_a_plural_in_brackets():
    """The English catalogue (French msgids, English msgstrs) and the French one."""
    ft = _typography()
    offenders = [
        (entry["msgid"][:60], text)
        for catalogue in (ft.ENGLISH, ft.FRENCH)
        for entry in ft.entries(catalogue.read_text(encoding="utf-8"))
        for key, text in entry.items()
        if key.startswith("msg") and BRACKETED_PLURAL.search(text)
    ]
    assert offenders == []


def test_no_template_writes_a_plural_in_brackets():
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(_typography().TEMPLATES.rglob("*"))
        if path.suffix in {".html", ".txt", ".xml", ".svg"}
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BRACKETED_PLURAL.search(line)
    ]
    assert offenders == []
