"""Charts are built from the data by one named function each, and stay readable in both themes."""

from __future__ import annotations

import math

import pytest

from sdbook import charts, data, naval, style
from sdbook.display import Chart, figure_json


@pytest.fixture(scope="module")
def datasets():
    return data.load_all()


def test_spending_chart_plots_every_csv_value_and_never_joins_producers(datasets):
    frame = datasets["naval_expenditure"]
    fig = charts.fig_naval_spending(frame)
    assert {t.name for t in fig.data} == {"United Kingdom", "Germany", "money spent",
                                          "budget estimate"}
    for country in ("United Kingdom", "Germany"):
        plotted = sorted((x, y) for t in fig.data if t.name == country
                         for x, y in zip(t.x, t.y) if y is not None and not math.isnan(y))
        recorded = frame[(frame["country"] == country) & frame["expenditure_million_gbp"].notna()]
        assert plotted == sorted(zip(recorded["year"], recorded["expenditure_million_gbp"]))
    for trace in (t for t in fig.data if t.customdata is not None):
        assert trace.connectgaps is False
        sources = {c[2] for c, y in zip(trace.customdata, trace.y)
                   if y is not None and not math.isnan(y)}
        assert len(sources) == 1, f"one line mixes sources {sources}"


def test_fleet_chart_buttons_switch_between_building_stages(datasets):
    ships = datasets["dreadnoughts"]
    fig = charts.fig_fleet_race(ships)
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["Laid down", "Launched", "Commissioned"]
    for button, stage in zip(buttons, naval.STAGES):
        counts = naval.fleet_counts(ships, stage, charts.FLEET_YEARS)
        uk, de, standard = button.args[0]["y"]
        assert uk == counts["United Kingdom"].tolist()
        assert de == counts["Germany"].tolist()
        assert standard == pytest.approx((1.6 * counts["Germany"]).tolist())
        assert "title.text" in button.args[1]  # "title" alone blanks the title in plotly.js 4
    # the chart opens on commissioned ships
    assert list(fig.data[0].y) == buttons[2].args[0]["y"][0]


def test_timeline_arrows_join_each_answer_to_its_cause(datasets):
    events = datasets["naval_race_events"]
    fig = charts.fig_naval_timeline(events)
    answered = events["responds_to"].notna() & (events["responds_to"] != "")
    assert len(fig.layout.annotations) == int(answered.sum())
    plotted = sum(len(t.x) for t in fig.data)
    assert plotted == len(events)


@pytest.mark.parametrize("colour", [*style.COUNTRY_COLOURS.values(), style.NEUTRAL_COLOUR])
@pytest.mark.parametrize("theme", sorted(style.BACKGROUNDS))
def test_series_colours_keep_3_to_1_contrast_in_both_themes(colour, theme):
    assert style.contrast_ratio(colour, style.BACKGROUNDS[theme]) >= 3.0


def test_unknown_country_has_no_silent_colour():
    with pytest.raises(KeyError, match="no colour defined"):
        style.country_colour("Atlantis")


def test_chart_html_is_deterministic_and_script_safe(datasets):
    fig = charts.fig_naval_spending(datasets["naval_expenditure"])
    fig.update_layout(title={"text": "</script><b>x</b>"})
    chart = Chart(fig, name="test-chart", takeaway="A takeaway.",
                  table=naval.spending_table(datasets["naval_expenditure"]),
                  datasets=["naval_expenditure"])
    html = chart.to_html()
    assert html == Chart(fig, name="test-chart", takeaway="A takeaway.", table=chart.table,
                         datasets=["naval_expenditure"]).to_html()
    assert "</script><b>" not in figure_json(fig)
    assert "<script" not in html and "<b>" not in html  # the title is escaped in the attribute
    # links start at the site's root; the build rebases them for each page that shows the chart
    assert 'href="sdbook:root/data/naval_expenditure.csv"' in html
    assert 'href="sdbook:root/data-library/#naval_expenditure"' in html
    assert "<table>" in html and "A takeaway." in html


def test_a_chart_without_takeaway_is_refused(datasets):
    fig = charts.fig_naval_spending(datasets["naval_expenditure"])
    with pytest.raises(ValueError, match="takeaway"):
        Chart(fig, name="x", takeaway="  ", table=naval.spending_table(datasets["naval_expenditure"]),
              datasets=["naval_expenditure"])


def test_a_chart_must_name_known_datasets(datasets):
    fig = charts.fig_naval_spending(datasets["naval_expenditure"])
    with pytest.raises(ValueError, match="unknown: \\['rumours'\\]"):
        Chart(fig, name="x", takeaway="A takeaway.",
              table=naval.spending_table(datasets["naval_expenditure"]), datasets=["rumours"])


@pytest.mark.parametrize("name", ["", "Fleet", "fleet race", "fleet_race", "-fleet"])
def test_a_chart_name_must_be_a_lowercase_slug(datasets, name):
    fig = charts.fig_naval_spending(datasets["naval_expenditure"])
    with pytest.raises(ValueError, match="chart name"):
        Chart(fig, name=name, takeaway="A takeaway.",
              table=naval.spending_table(datasets["naval_expenditure"]), datasets=["naval_expenditure"])
