"""French grammar helpers (issue 14): « de » and « à » before names, « 1er », ordinals, plurals."""

import datetime
import importlib.util
from pathlib import Path

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from congress.core.french import format_date, in_city, of_name, ordinal
from proposals.outcomes.recording.models import Addressee, ensure_addressees
from tests.factories import CongressFactory

ROOT = Path(__file__).resolve().parents[2]


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Épicerie solidaire du Maine", "de l'Épicerie solidaire du Maine"),
        ("CCAS du Mans", "du CCAS du Mans"),
        ("UDAF de la Sarthe", "de l'UDAF de la Sarthe"),
        ("Les Restos du cœur", "des Restos du cœur"),
        ("Le Relais", "du Relais"),
        ("La Cloche", "de la Cloche"),
        ("L'Arche", "de l'Arche"),
        ("Association Entraide Sarthe", "de l'Association Entraide Sarthe"),
        ("Fédération des acteurs", "de la Fédération des acteurs"),
        ("Secours populaire", "du Secours populaire"),
        ("Tremplin", "de Tremplin"),
        ("Emmaüs Le Mans", "d'Emmaüs Le Mans"),
        # venues (issue 14: « Salles du Palais des Congrès », not « de Palais »)
        ("Palais des Congrès", "du Palais des Congrès"),
        ("Espace Malraux", "de l'Espace Malraux"),
        ("Hôtel de ville", "de l'Hôtel de ville"),
        ("Théâtre municipal", "du Théâtre municipal"),
    ],
)
def test_of_name_uses_the_article_or_the_elision_a_french_reader_expects(name, expected):
    with translation.override("fr"):
        assert of_name(name) == expected


def test_in_city_contracts_the_article_of_the_city():
    with translation.override("fr"):
        assert [in_city(c) for c in ["Le Mans", "Angers", "Les Herbiers", "La Flèche"]] == [
            "au Mans",
            "à Angers",
            "aux Herbiers",
            "à la Flèche",
        ]
    with translation.override("en"):
        assert (of_name("CCAS du Mans"), in_city("Le Mans")) == ("of CCAS du Mans", "in Le Mans")


def test_ordinals_in_french_and_english():
    with translation.override("fr"):
        assert [ordinal(1), ordinal(1, feminine=True), ordinal(2), ordinal(11)] == [
            "1er",
            "1re",
            "2e",
            "11e",
        ]
    with translation.override("en"):
        assert [ordinal(n) for n in (1, 2, 3, 4, 11, 21)] == [
            "1st", "2nd", "3rd", "4th", "11th", "21st",
        ]  # fmt: skip


def test_the_first_of_the_month_is_written_1er_everywhere_a_date_is_formatted():
    first, second = datetime.date(2027, 1, 1), datetime.date(2027, 1, 2)
    with translation.override("fr"):
        assert format_date(first) == "1er janvier 2027"
        assert format_date(second) == "2 janvier 2027"
        html = render(
            '{{ a|date:"l j F Y" }} / {{ b|date:"j F Y" }} / {{ a|date }}', a=first, b=second
        )
        assert html == "vendredi 1er janvier 2027 / 2 janvier 2027 / 1er janvier 2027"
        when = datetime.datetime(2027, 3, 1, 9, 30, tzinfo=datetime.UTC)
        assert render('{{ w|date:"j F Y à H:i" }}', w=when) == "1er mars 2027 à 10:30"
    with translation.override("en"):
        assert render('{{ a|date:"j F Y" }}', a=first) == "1 January 2027"


def test_template_filters_for_names_cities_and_ordinals():
    with translation.override("fr"):
        html = render(
            "{{ o|de }} / {{ c|a_ville }} / {{ n|ordinal:'f' }} édition / {{ 2|ordinal }}",
            o="Épicerie d'Ici",
            c="Le Mans",
            n=1,
        )
    assert (
        html == "de l&#x27;Épicerie d&#x27;Ici / au Mans / 1<sup>re</sup> édition / 2<sup>e</sup>"
    )


def test_french_plurals_make_zero_singular():
    with translation.override("fr"):
        text = ngettext(
            "%(left)s place libre sur %(total)s", "%(left)s places libres sur %(total)s", 0
        )
        assert text % {"left": 0, "total": 2} == "0 place libre sur 2"
        assert ngettext("%(n)s inscription", "%(n)s inscriptions", 2) == "%(n)s inscriptions"
    with translation.override("en"):
        assert ngettext("%(n)s inscription", "%(n)s inscriptions", 0) == "%(n)s registrations"


def test_the_french_plural_catalogue_is_up_to_date_with_the_messages():
    spec = importlib.util.spec_from_file_location("fp", ROOT / "scripts/french_typography.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.french_catalogue(module.ENGLISH.read_text(encoding="utf-8"))
    assert module.FRENCH.read_text(encoding="utf-8") == expected, (
        "run .venv/bin/python scripts/french_typography.py after makemessages"
    )


@pytest.mark.django_db
def test_the_language_menu_names_each_language_in_itself(client):
    for language in ("fr", "en"):
        page = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert '<option value="fr" lang="fr"' in page
        assert ">Français</option>" in page and ">English</option>" in page
        assert "Anglais" not in page and "French" not in page


@pytest.mark.django_db
def test_the_list_of_editions_writes_the_city_right_after_the_dates(client):
    congress = CongressFactory(
        start_date=datetime.date(2027, 1, 1), end_date=datetime.date(2027, 1, 1)
    )
    page = client.get(reverse("congress_list")).content.decode()
    assert f"vendredi 1er janvier 2027, {congress.city}" in page


@pytest.mark.django_db
def test_addressees_are_named_in_the_readers_language():
    ensure_addressees()
    senate = Addressee.objects.get(slug="senat")
    with translation.override("en"):
        assert (senate.label, str(senate)) == ("Senate (senators)", "Senate (senators)")
    with translation.override("fr"):
        assert senate.label == "Sénat (sénateurs)"
    senate.name = "Sénat (commission des affaires sociales)"  # renamed by organisers: kept
    with translation.override("en"):
        assert senate.label == "Sénat (commission des affaires sociales)"


def test_edition_names_have_their_ordinals_raised_in_html():
    rendered = render(
        "{{ a|sup_ordinals }}|{{ b|sup_ordinals }}|{{ c|sup_ordinals }}",
        a="2e Congrès national des Solidarités",
        b="1re Rencontre <script>",
        c="Congrès 2027",
    )
    assert rendered == (
        "2<sup>e</sup> Congrès national des Solidarités|"
        "1<sup>re</sup> Rencontre &lt;script&gt;|Congrès 2027"
    )


@pytest.mark.django_db
def test_the_edition_page_raises_the_ordinal_but_not_in_the_window_title(client):
    congress = CongressFactory(name="3e Congrès des Solidarités", status="published")
    html = client.get(congress.get_absolute_url()).content.decode()
    assert "<h1>3<sup>e</sup> Congrès des Solidarités</h1>" in html
    assert "<title>3e Congrès des Solidarités" in html
