"""Every share in the report and the dashboard is of a stated base; « propositions par
destinataire » is a share of the proposals, not of the addressee mentions; a refusal is never
drawn in the colour of an acceptance."""

from reports import policy, selectors
from reports.figures import DECISION_COLOURS, key_figure_charts
from tests.reports.conftest import make_edition
from tests.spaces import plain

NNBSP = "\u202f"


def charts_by_id(congress):
    tracks = selectors.tracks_of(congress)
    _figures, charts = key_figure_charts(
        congress, tracks, policy.validated_policy_proposals(congress)
    )
    return {c.chart_id: c for c in charts}


def test_report_addressee_shares_are_of_the_proposals_not_of_the_mentions(edition):
    # Two validated proposals: one to MPs and senators, one to MEPs (three mentions).
    chart = charts_by_id(edition.congress)["chart-policy-addressees"]
    rows = {row[0]: row[1:] for row in chart.rows}
    assert rows["Assemblée nationale (députés)"] == ["1", f"50{NNBSP}% des 2 propositions"]
    assert rows["Sénat (sénateurs)"] == ["1", f"50{NNBSP}% des 2 propositions"]
    assert rows["Parlement européen (députés européens)"] == ["1", f"50{NNBSP}% des 2 propositions"]
    assert rows["Gouvernement (ministères)"] == ["0", f"0{NNBSP}% des 2 propositions"]
    assert plain(chart.description) == (
        plain(
            "Une proposition peut s'adresser à plusieurs destinataires : chaque part se rapporte au "
            f"nombre de propositions validées (2), et leur total peut dépasser 100{NNBSP}%."
        )
    )


def test_every_share_column_of_the_report_states_its_base(edition):
    for chart in charts_by_id(edition.congress).values():
        if "Part" in chart.columns:
            column = chart.columns.index("Part")
            for row in chart.rows:
                assert f"{NNBSP}% de" in row[column], (chart.chart_id, row)
        else:
            assert chart.chart_id == "chart-proposals"  # a stacked count, no share


def test_dashboard_addressee_chart_uses_the_proposal_base(organiser_client, edition):
    response = organiser_client.get(f"/staff/{edition.congress.slug}/dashboard/")
    html = response.content.decode()
    assert f"50{NNBSP}% des 2 propositions" in html
    chart = next(
        c for c in response.context["dashboard"].charts if c.chart_id == "chart-policy-addressees"
    )
    assert chart.rows[0] == ["Assemblée nationale (députés)", "1", f"50{NNBSP}% des 2 propositions"]
    for chart in response.context["dashboard"].charts:
        if "Part" in chart.columns:
            column = chart.columns.index("Part")
            assert all(f"{NNBSP}% de" in row[column] for row in chart.rows), chart.chart_id


def test_refused_proposals_are_drawn_in_red_and_accepted_in_green(db):
    edition = make_edition()
    chart = charts_by_id(edition.congress)["chart-proposals"]
    svg = str(chart.svg)
    assert DECISION_COLOURS["rejected"] == "#a61c3c"
    assert DECISION_COLOURS["accepted"] == "#1d6f42"
    # The legend: each series' swatch is followed by its label.
    legend = svg.split("</text>")
    refused = next(part for part in legend if part.endswith(">Refusée"))
    accepted = next(part for part in legend if part.endswith(">Acceptée"))
    assert 'fill="#a61c3c"/>' in refused
    assert 'fill="#1d6f42"/>' in accepted
