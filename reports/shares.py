"""What a percentage of the report and the dashboard is a share of, in words: every share is
printed with its base (« 40 % des 47 propositions »), so a reader never has to guess whether a
figure counts proposals, mentions or organisations."""

from collections.abc import Callable

from django.utils.translation import ngettext

from reports.formatting import fr_number, fr_percent

BasePhrase = Callable[[int], str]


def share_text(part, whole: int, of_base: BasePhrase) -> str:
    """``share_text(19, 47, of_proposals)`` -> ``40,4 % des 47 propositions``."""
    if not whole:
        return "–"
    return f"{fr_percent(part, whole)} {of_base(whole)}"


def of_proposals(n: int) -> str:
    return ngettext("de %(n)s proposition", "des %(n)s propositions", n) % {"n": fr_number(n)}


def of_workshops(n: int) -> str:
    return ngettext("de %(n)s atelier", "des %(n)s ateliers", n) % {"n": fr_number(n)}


def of_organisations(n: int) -> str:
    return ngettext("de %(n)s organisation", "des %(n)s organisations", n) % {"n": fr_number(n)}


def of_reviews(n: int) -> str:
    return ngettext("de %(n)s relecture", "des %(n)s relectures", n) % {"n": fr_number(n)}


def of_participants(n: int) -> str:
    return ngettext("de %(n)s participant", "des %(n)s participants", n) % {"n": fr_number(n)}


def of_orders(n: int) -> str:
    return ngettext("de %(n)s commande", "des %(n)s commandes", n) % {"n": fr_number(n)}


def of_endorsements(n: int) -> str:
    return ngettext("de %(n)s soutien", "des %(n)s soutiens", n) % {"n": fr_number(n)}
