"""The default invitation letter, written from what the edition says of itself."""

from datetime import date

from django.utils import translation

from reports.printed.invitation import default_letter, edition_dates, letter_text
from tests.factories import CongressFactory
from tests.spaces import plain


def test_bare_one_day_edition_gets_a_plain_letter(db):
    congress = CongressFactory(
        name="Journée des solidarités",
        start_date=date(2027, 2, 1),
        end_date=date(2027, 2, 1),
        city="Le Mans",
        description="",
        fil_rouge="",
        motto="La Solidarité ne se décrète pas, elle se construit.",
        organiser_name="",
    )
    with translation.override("fr"):
        assert edition_dates(congress) == "lundi 1er février 2027"
        text = default_letter(congress, tracks=[], venues=[], register_url="https://x.test/r/")
    paragraphs = text.split("\n\n")
    assert plain(paragraphs[1]) == (
        plain(
            "Nous avons le plaisir de vous inviter à « Journée des solidarités », qui se tiendra "
            "lundi 1er février 2027, au Mans."
        )
    )
    assert "thèmes" not in text and "Fil rouge" not in text
    assert plain(paragraphs[-2]) == plain("« La Solidarité ne se décrète pas, elle se construit. »")
    assert paragraphs[-1] == "Le comité d'organisation"


def test_letter_text_in_english(db):
    congress = CongressFactory(start_date=date(2027, 4, 8), end_date=date(2027, 4, 9))
    with translation.override("en"):
        text = letter_text(congress, tracks=[], venues=[], base_url="https://x.test")
    assert text.startswith("Dear Sir or Madam,")
    assert f"https://x.test/congresses/{congress.slug}/register/" in text
