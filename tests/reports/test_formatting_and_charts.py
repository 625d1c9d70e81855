import xml.etree.ElementTree as ET

import pytest

from reports.charts import bar_chart, stacked_bar_chart
from reports.formatting import fr_number, fr_percent
from reports.shares import of_proposals, of_workshops, share_text

NNBSP = "\u202f"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1234, 0, f"1{NNBSP}234"),
        (1234567, 0, f"1{NNBSP}234{NNBSP}567"),
        (1234.5, 1, f"1{NNBSP}234,5"),
        (3.875, 2, "3,88"),
        (None, 0, "–"),
    ],
)
def test_fr_number_groups_thousands_with_a_narrow_space(value, decimals, expected):
    assert fr_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 8, f"12,5{NNBSP}%"), (1, 4, f"25{NNBSP}%"), (2, 3, f"66,7{NNBSP}%"), (1, 0, "–")],
)
def test_fr_percent_uses_a_decimal_comma_and_a_space_before_the_sign(part, whole, expected):
    assert fr_percent(part, whole) == expected


def test_bar_chart_is_an_accessible_svg_with_its_figures_as_rows():
    chart = bar_chart(
        chart_id="c1",
        title="Ateliers par thème",
        description="Trois thèmes <et> leurs ateliers.",
        items=[("Aide alimentaire", 6), ("Handicap & inclusion", 1234), ("Engagement", 0)],
        label_heading="Thème",
        value_heading="Ateliers",
        of_base=of_workshops,
    )
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own SVG
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Ateliers par thème"
    assert root.find(f"{SVG}desc").text == "Trois thèmes <et> leurs ateliers."
    assert len(root.findall(f"{SVG}rect")) == 2  # no bar for a zero
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "Handicap & inclusion" in texts
    assert f"1{NNBSP}234" in texts
    assert chart.columns == ["Thème", "Ateliers", "Part"]
    assert chart.rows == [
        ["Aide alimentaire", "6", f"0,5{NNBSP}% des 1{NNBSP}240 ateliers"],
        ["Handicap & inclusion", f"1{NNBSP}234", f"99,5{NNBSP}% des 1{NNBSP}240 ateliers"],
        ["Engagement", "0", f"0{NNBSP}% des 1{NNBSP}240 ateliers"],
    ]
    assert chart.total == 1240


def test_bar_chart_without_items_is_empty():
    chart = bar_chart(
        chart_id="c2", title="Vide", description="Rien.", items=[],
        label_heading="Thème", value_heading="Ateliers",
    )  # fmt: skip
    assert not chart
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own SVG
    assert root.get("role") == "img"


def test_stacked_bar_chart_totals_each_category_and_has_a_legend():
    chart = stacked_bar_chart(
        chart_id="c3",
        title="Propositions",
        description="Par thème et décision.",
        categories=["Aide alimentaire", "Insertion"],
        series=[("Acceptée", [6, 2]), ("Refusée", [1, 0])],
        label_heading="Thème",
        total_heading="Total",
    )
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own SVG
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert texts[:2] == ["Acceptée", "Refusée"]  # the legend comes first
    assert chart.rows == [["Aide alimentaire", "6", "1", "7"], ["Insertion", "2", "0", "2"]]
    assert chart.total == 9
    # 2 legend swatches + 3 non-zero segments
    assert len(root.findall(f"{SVG}rect")) == 5


def test_bar_chart_without_a_base_has_no_share_column():
    chart = bar_chart(
        chart_id="c4", title="Sans part", description="Rien.", items=[("A", 2)],
        label_heading="Thème", value_heading="Ateliers",
    )  # fmt: skip
    assert chart.columns == ["Thème", "Ateliers"]
    assert chart.rows == [["A", "2"]]


def test_bar_chart_share_of_an_explicit_base_can_sum_over_100_percent():
    # 3 proposals, 4 addressee mentions: each share is of the 3 proposals, not of the mentions.
    chart = bar_chart(
        chart_id="c5", title="Destinataires", description="Par destinataire.",
        items=[("Assemblée nationale", 2), ("Sénat", 1), ("Gouvernement", 1)],
        label_heading="Destinataire", value_heading="Propositions",
        of_base=of_proposals, share_base=3,
    )  # fmt: skip
    assert [row[2] for row in chart.rows] == [
        f"66,7{NNBSP}% des 3 propositions",
        f"33,3{NNBSP}% des 3 propositions",
        f"33,3{NNBSP}% des 3 propositions",
    ]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 1, f"100{NNBSP}% de 1 proposition"), (19, 47, f"40,4{NNBSP}% des 47 propositions"),
     (0, 0, "–")],
)  # fmt: skip
def test_share_text_states_its_base_with_a_real_plural(part, whole, expected):
    assert share_text(part, whole, of_proposals) == expected


def test_stacked_bar_chart_takes_a_colour_per_series():
    chart = stacked_bar_chart(
        chart_id="c6", title="Décisions", description="Par thème.", categories=["Aide"],
        series=[("Acceptée", [2]), ("Refusée", [1])], label_heading="Thème",
        total_heading="Total", colours=["#1d6f42", "#a61c3c"],
    )  # fmt: skip
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own SVG
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert fills == ["#1d6f42", "#a61c3c", "#1d6f42", "#a61c3c"]
