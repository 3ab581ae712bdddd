"""Cold War charts and counts: every value drawn, gaps kept, views and links as the data say."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sdbook import Chart, charts, cold_war, data
from sdbook.cold_war import US, USSR


@pytest.fixture(scope="module")
def frames():
    names = ("nuclear_warheads", "nuclear_tests", "us_defense_outlays", "strategic_launchers",
             "cold_war_events")
    return {name: data.load(name) for name in names}


def test_stockpile_chart_draws_every_figure_and_keeps_gaps(frames):
    warheads = frames["nuclear_warheads"]
    fig = charts.fig_stockpiles(warheads)
    drawn = {(t.name, x): y for t in fig.data for x, y in zip(t.x, t.y)}
    for row in warheads.itertuples():
        value = drawn[(row.country, row.year)]
        if pd.isna(row.warheads):
            assert value is None, f"{row.country} {row.year}: a blank was drawn as {value}"
        else:
            assert value == row.warheads


def test_stockpile_buttons_switch_to_a_log_axis(frames):
    fig = charts.fig_stockpiles(frames["nuclear_warheads"])
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.args[1]["yaxis.type"] for b in buttons] == ["linear", "log"]


def test_tests_chart_stacks_every_country_total(frames):
    tests = frames["nuclear_tests"]
    fig = charts.fig_tests(tests)
    totals = {t.name: sum(t.y) for t in fig.data}
    expected = tests.groupby("country")["tests"].sum()
    assert totals == {c: int(v) for c, v in expected.items()}


def test_burden_chart_views_are_share_and_constant_dollars(frames):
    outlays, events = frames["us_defense_outlays"], frames["cold_war_events"]
    fig = charts.fig_defence_burden(outlays, events)
    share, real = (b.args[0]["y"][0] for b in fig.layout.updatemenus[0].buttons)
    cold_war = outlays[outlays["fiscal_year"].between(1945, 1991)]
    assert share == cold_war["share_of_gdp_percent"].round(1).tolist()
    deflated = (cold_war["outlays_million_usd"] / cold_war["defense_deflator_fy2012"] / 1000).round(1)
    assert real == deflated.tolist()
    assert 1976 in fig.data[0].x and len(fig.data[0].x) == len(set(fig.data[0].x)), "no TQ row"
    assert len(fig.layout.shapes) == len(fig.layout.annotations) > 0


def test_triad_buttons_swap_launchers_for_warheads(frames):
    fig = charts.fig_triad(frames["strategic_launchers"])
    launchers, warheads = (b.args[0]["visible"] for b in fig.layout.updatemenus[0].buttons)
    assert sum(launchers) == 6 and sum(warheads) == 2
    assert all(a != b for a, b in zip(launchers, warheads))


def test_timeline_arrows_grade_disputed_links(frames):
    events = frames["cold_war_events"]
    fig = charts.fig_cold_war_timeline(events)
    answers = events[events["link_type"] == "answer"]
    assert len(fig.layout.annotations) == len(answers)
    faint = sum(1 for a in fig.layout.annotations if a.opacity < 1)
    assert faint == int((answers["link_evidence"] == "disputed").sum())
    assert sum(len(t.x) for t in fig.data if t.mode == "markers+text") == len(events)


def test_spiral_points_use_the_rival_s_previous_year(frames):
    warheads = frames["nuclear_warheads"]
    points = cold_war.change_vs_level(warheads).set_index(["country", "year"])
    level = warheads.set_index(["country", "year"])["warheads"]
    assert points.loc[(US, 1960), "rival_level"] == level[(USSR, 1959)]
    assert points.loc[(US, 1960), "change"] == level[(US, 1960)] - level[(US, 1959)]
    # the Soviet series starts in 1949, so 1950 is its first yearly change
    assert (USSR, 1950) in points.index and (USSR, 1949) not in points.index


def test_days_between_refuses_an_imprecise_date(frames):
    with pytest.raises(ValueError, match="only to the"):
        cold_war.days_between(frames["cold_war_events"], "soviet-h-research-1948", "rds6s-1953")


def test_every_cold_war_chart_has_distinct_country_colours(frames):
    warheads = frames["nuclear_warheads"]
    figures = [charts.fig_stockpiles(warheads), charts.fig_tests(frames["nuclear_tests"]),
               charts.fig_spiral_test(cold_war.change_vs_level(warheads))]
    for fig in figures:
        colours = [(t.line.color if t.type == "scatter" and t.mode == "lines" else t.marker.color)
                   for t in fig.data]
        assert len(colours) == len(set(colours)), fig.layout.title.text


def test_cold_war_charts_build_as_chart_objects(frames):
    warheads = frames["nuclear_warheads"]
    chart = Chart(charts.fig_stockpiles(warheads), name="coldwar-stockpiles",
                  takeaway=cold_war.stockpile_takeaway(warheads),
                  table=cold_war.stockpile_table(warheads), datasets=["nuclear_warheads"])
    html = chart.to_html()
    assert 'id="chart-coldwar-stockpiles"' in html and "31,255" in html
    assert not any(isinstance(v, float) and math.isnan(v) for v in chart.table["United States"].dropna())
