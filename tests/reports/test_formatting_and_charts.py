import xml.etree.ElementTree as ET

import pytest

from reports.charts import bar_chart, stacked_bar_chart
from reports.formatting import fr_number, fr_percent

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
    assert chart.columns == ["Thème", "Ateliers", "%"]
    assert chart.rows == [
        ["Aide alimentaire", "6", f"0,5{NNBSP}%"],
        ["Handicap & inclusion", f"1{NNBSP}234", f"99,5{NNBSP}%"],
        ["Engagement", "0", f"0{NNBSP}%"],
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
