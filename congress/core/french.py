"""French grammar and typography for names, places, dates and ordinals (issue 14).

French puts an article or an elision between a preposition and a name: « de l'Épicerie », « du
CCAS du Mans », « des Restos du cœur », « au Mans ». These helpers pick the right form for the
current language (in English « of X » and « in X »: the
English catalogue carries its own words), and `format_date` writes « 1er janvier 2027 ».
"""

import re
import unicodedata

from django.utils import formats
from django.utils.translation import get_language

VOWELS = "aeiouyh"  # a mute « h » elides too (« l'Hôpital »): the common case in names
# Names that start with an article of their own: the article merges with « de » / « à ».
ARTICLES = {
    "le": ("du", "au"),
    "les": ("des", "aux"),
    "la": ("de la", "à la"),
    "l'": ("de l'", "à l'"),
}
# Names of bodies that take an article even when written without one (« du CCAS », « de la
# Croix-Rouge »): the gender of each acronym or common noun at the start of the name.
MASCULINE_HEADS = {
    "ccas",
    "cias",
    "cdas",
    "centre",
    "comité",
    "collectif",
    "conseil",
    "département",
    "foyer",
    "groupement",
    "réseau",
    "secours",
    "service",
    "syndicat",
    "pôle",
    "relais",
    "café",
    "club",
    # places: « Salles du Palais des Congrès », « de l'Espace… », « de l'Hôtel de ville »
    "palais",
    "parc",
    "théâtre",
    "musée",
    "château",
    "stade",
    "gymnase",
    "campus",
    "forum",
    "complexe",
    "institut",
    "lycée",
    "collège",
    "hôtel",
    "espace",
    "auditorium",
}
FEMININE_HEADS = {
    "association",
    "banque",
    "caisse",
    "croix-rouge",
    "fédération",
    "fondation",
    "maison",
    "mairie",
    "mission",
    "mutuelle",
    "plateforme",
    "région",
    "union",
    "ville",
    "métropole",
    "communauté",
    "agence",
    "amicale",
    "coopérative",
    "entraide",
    "épicerie",
    "recyclerie",
}
PLURAL_HEADS = {"restos", "amis", "petits", "compagnons", "apprentis"}  # fmt: skip
APOSTROPHES = "'\u2019"


def _is_french() -> bool:
    return (get_language() or "fr").split("-")[0] == "fr"


def _starts_with_vowel(word: str) -> bool:
    base = unicodedata.normalize("NFD", word[:1].lower())[:1]
    return base in VOWELS


def _split(name: str) -> tuple[str, str]:
    """The first word of `name` (an elided article counts as a word) and the rest."""
    match = re.match(r"^(l[" + APOSTROPHES + r"])(.*)$", name, flags=re.IGNORECASE)
    if match:
        return match.group(1).lower().replace("\u2019", "'"), match.group(2)
    first, _, rest = name.partition(" ")
    return first, rest


def _with_preposition(name: str, preposition: str) -> str:
    """`preposition` is « de » or « à »; returns the contracted or elided form plus `name`."""
    name = (name or "").strip()
    if not name:
        return name
    index = 0 if preposition == "de" else 1
    first, rest = _split(name)
    article = ARTICLES.get(first.lower())
    if article:  # « Le Mans » → « du Mans », « au Mans »; « Les Restos » → « des Restos »
        joined = article[index]
        return f"{joined}{rest}" if joined.endswith("'") else f"{joined} {rest}"
    head = first.lower()
    if head in PLURAL_HEADS:
        return f"{('des', 'aux')[index]} {name}"
    if head in MASCULINE_HEADS or (first.isupper() and len(first) > 1 and head.isalpha()):
        # An acronym heads a body's name: « du CCAS », « au CCAS », « de l'UDAF ».
        if _starts_with_vowel(first):
            return ("de l'", "à l'")[index] + name
        return f"{('du', 'au')[index]} {name}"
    if head in FEMININE_HEADS:
        if _starts_with_vowel(first):
            return ("de l'", "à l'")[index] + name
        return f"{('de la', 'à la')[index]} {name}"
    # A proper name without an article (a person, most cities): elision only.
    if preposition == "de" and _starts_with_vowel(first):
        return f"d'{name}"
    return f"{preposition} {name}"


def of_name(name: str) -> str:
    """« de » + `name` in French (« de l'Épicerie… », « du CCAS du Mans »); « of name » else."""
    if not _is_french():
        return f"of {name}"
    return _with_preposition(name, "de")


def in_city(name: str) -> str:
    """« à » + a city in French (« au Mans », « à Paris »); « in name » otherwise."""
    if not _is_french():
        return f"in {name}"
    first, _rest = _split((name or "").strip())
    if first.lower() not in ARTICLES:
        return f"à {name.strip()}"  # cities take no article (« à Angers »), unless they carry one
    return _with_preposition(name, "à")


def ordinal(number: int, *, feminine: bool = False) -> str:
    """« 1er », « 1re », « 2e » (plain text; `ordinal_html` puts the suffix in superscript)."""
    return str(number) + ordinal_suffix(number, feminine=feminine)


def ordinal_suffix(number: int, *, feminine: bool = False) -> str:
    if not _is_french():
        if 10 <= number % 100 <= 20:
            return "th"
        return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    if number == 1:
        return "re" if feminine else "er"
    return "e"


FIRST_DAY = re.compile(r"(?<!\\)j")


def first_day_format(value, format_string: str) -> str:
    """The date format with « 1er » for the first day of a month in French (« j » → « j\\e\\r »)."""
    if _is_french() and getattr(value, "day", None) == 1 and format_string:
        return FIRST_DAY.sub(r"j\\e\\r", format_string)
    return format_string


def format_date(value, format_string: str = "j F Y") -> str:
    """`django.utils.formats.date_format` that writes « 1er janvier 2027 » in French."""
    return formats.date_format(value, first_day_format(value, format_string))
