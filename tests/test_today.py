"""The data and charts of the chapter on the dilemma today (missile defence, South China Sea).

Checked here: no event answers a later one; SIPRI's gaps stay gaps and its markers are
kept; budget figures of different scope are never joined; constant dollars are never
computed with a forecast price index; each chart plots exactly what the data hold.
"""

from __future__ import annotations

import json
import math
import shutil

import pandas as pd
import pytest

from sdbook import charts, data
from sdbook import events as book_events
from sdbook.today import missile_defence as md, south_china_sea as scs
from sdbook.data import DataValidationError

TIMELINES = ["missile_defence_events", "scs_events"]


@pytest.fixture(scope="module")
def d():
    names = ["missile_defence_budget", "us_gdp_price_index", "asia_military_spending",
             "new_start_aggregates", "scs_reclamation", *TIMELINES]
    return {name: data.load(name) for name in names}


def _values(trace) -> list:
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in trace.y]


# --- timelines ---

@pytest.mark.parametrize("name", TIMELINES)
def test_no_event_answers_a_later_one(d, name):
    book_events.check_links(d[name], name)  # raises, naming file and row


def test_a_backward_link_is_caught(d):
    events = d["scs_events"].copy()
    events.loc[events["event_id"] == "award-2016", "responds_to"] = "scarborough-baselines-2024"
    with pytest.raises(book_events.EventLinkError,
                       match=r"scs_events, row \d+ \(award-2016\): responds_to "
                             r"'scarborough-baselines-2024', which is later \(2024-11-10 > 2016-07-12\)"):
        book_events.check_links(events, "scs_events")


@pytest.mark.parametrize("name", TIMELINES)
def test_timeline_numbers_put_every_answer_below_its_cause(d, name):
    ordered = book_events.numbered(d[name])
    number = dict(zip(ordered["event_id"], ordered["number"]))
    for row in ordered.itertuples():
        if isinstance(row.responds_to, str) and row.responds_to:
            assert number[row.responds_to] < row.number, row.event_id


@pytest.mark.parametrize("name, fig", [("missile_defence_events", charts.fig_md_timeline),
                                       ("scs_events", charts.fig_scs_timeline)])
def test_timeline_chart_draws_every_event_and_every_link(d, name, fig):
    events = d[name]
    figure = fig(events)
    assert sum(len(t.y) for t in figure.data if t.mode == "markers") == len(events)
    # Answers are arrows; a state's own next steps (follow-ons) are dashed lines, start-end-gap each.
    arrows = [a for a in figure.layout.annotations if a.showarrow]  # not the "No." heading
    assert len(arrows) == int((events["link_type"] == "answer").sum())
    assert all(a.y > a.ay for a in arrows), "an arrow points back up the page"
    dashed = [t for t in figure.data if t.mode == "lines" and not t.showlegend]
    follow_ons = int((events["link_type"] == "follow_on").sum())
    assert sum(len(t.x) for t in dashed) == 3 * follow_ons
    linked = events["responds_to"].notna() & (events["responds_to"] != "")
    assert int(linked.sum()) == len(arrows) + follow_ons, "a link is drawn as neither"


def test_a_timeline_actor_without_a_lane_fails_loudly(d):
    with pytest.raises(ValueError, match="no lane for actor"):
        charts.fig_sequence(d["scs_events"], ["China"], "x")


# --- SIPRI spending: one release, one price base, gaps kept ---

def test_viet_nam_gaps_are_empty_and_marked(d):
    viet = d["asia_military_spending"].query("country == 'Vietnam'").set_index("year")
    gap_years = list(range(1995, 2003)) + list(range(2019, 2025))
    assert viet.loc[gap_years, "milex_constant_2023_usd_m"].isna().all()
    assert viet.loc[gap_years, "milex_share_gdp_pct"].isna().all()
    assert set(viet.loc[gap_years, "constant_status"]) == {"unavailable"}
    assert viet.drop(index=gap_years)["milex_constant_2023_usd_m"].notna().all()


def test_every_empty_cell_says_why_and_every_value_is_real(d):
    spending = d["asia_military_spending"]
    for value, status in (("milex_constant_2023_usd_m", "constant_status"),
                          ("milex_share_gdp_pct", "share_status")):
        empty = spending[value].isna()
        assert spending.loc[empty, status].isin(["unavailable", "not_independent"]).all()
        assert not spending.loc[~empty, status].isin(["unavailable", "not_independent"]).any()


def test_every_country_year_is_present_once(d):
    spending = d["asia_military_spending"]
    assert len(spending) == len(scs.ORDER) * (2024 - 1988 + 1)


def test_spending_chart_keeps_gaps_and_indexes_to_the_base_year(d):
    spending = d["asia_military_spending"]
    figure = charts.fig_scs_spending(spending)
    lines = {t.name: t for t in figure.data if t.mode == "lines"}
    assert set(lines) == set(scs.ORDER)
    assert all(t.connectgaps is False for t in lines.values())
    viet = dict(zip(lines["Vietnam"].x, _values(lines["Vietnam"])))
    assert all(viet[y] is None for y in range(1995, 2003))
    assert {c: dict(zip(t.x, t.y))[scs.BASE_YEAR] for c, t in lines.items()} == \
        {c: 100.0 for c in scs.ORDER}
    # the dollar view plots SIPRI's constant-dollar figures themselves, in billions
    dollars = figure.layout.updatemenus[0].buttons[0].args[0]["y"]
    china = spending.query("country == 'China'")["milex_constant_2023_usd_m"] / 1000
    assert dollars[0][-1] == pytest.approx(china.iloc[-1])


def test_burden_chart_plots_the_share_of_gdp_exactly(d):
    spending = d["asia_military_spending"]
    figure = charts.fig_scs_burden(spending)
    for trace in figure.data:
        rows = spending[spending["country"] == trace.name]
        expected = [None if math.isnan(v) else v for v in rows["milex_share_gdp_pct"]]
        assert _values(trace) == expected


def test_loop_test_never_reads_past_a_countrys_last_year(d):
    test = scs.loop_test(d["asia_military_spending"])
    assert test.loc["Vietnam", "to_year"] == 2018
    assert (test.drop(index="Vietnam")["to_year"] == 2024).all()


def test_countries_on_one_chart_have_different_colours(d):
    for figure in (charts.fig_scs_spending(d["asia_military_spending"]),
                   charts.fig_scs_burden(d["asia_military_spending"])):
        colours = {t.name: t.line.color for t in figure.data if t.mode == "lines"}
        assert len(set(colours.values())) == len(colours)


# --- missile-defence money ---

def test_budget_points_are_never_joined_and_all_are_drawn(d):
    budget, prices = d["missile_defence_budget"], d["us_gdp_price_index"]
    figure = charts.fig_md_budget(budget, prices, d["missile_defence_events"])
    assert {t.mode for t in figure.data} == {"markers"}
    annual = md.annual_figures(budget, prices)
    plotted = sorted((x, y) for t in figure.data for x, y in zip(t.x, t.y))
    assert plotted == sorted(zip(annual["fiscal_year"], annual["value_billion_usd"]))
    # each trace holds exactly the figures of one scope and one stage
    by_name = {f"{charts.today._SCOPE_SHORT[s]}, {g}": (s, g)
               for s, g in annual[["scope", "stage"]].itertuples(index=False)}
    for trace in figure.data:
        scope, stage = by_name[trace.name]
        rows = annual[(annual["scope"] == scope) & (annual["stage"] == stage)]
        assert list(trace.y) == rows["value_billion_usd"].tolist()


def test_constant_dollars_never_use_a_forecast_index(d):
    budget, prices = d["missile_defence_budget"], d["us_gdp_price_index"]
    annual = md.annual_figures(budget, prices).set_index("record_id")
    assert math.isnan(annual.loc["fy2025-mda-request", "value_constant"])
    index = prices.set_index("fiscal_year")["gdp_chained_price_index"]
    assert annual.loc["fy2019-mda-enacted", "value_constant"] == pytest.approx(
        10.49 * index[2022] / index[2019], abs=0.01)
    estimates = prices.query("status == 'estimate'")["fiscal_year"]
    assert not set(estimates) & set(md.deflator(prices).index)


def test_constant_button_plots_the_computed_values(d):
    budget, prices = d["missile_defence_budget"], d["us_gdp_price_index"]
    figure = charts.fig_md_budget(budget, prices, d["missile_defence_events"])
    constant = figure.layout.updatemenus[0].buttons[0].args[0]["y"]
    annual = md.annual_figures(budget, prices)
    flat = sorted(v for series in constant for v in series if not math.isnan(v))
    assert flat == sorted(annual["value_constant"].dropna())


def test_annual_rows_cover_one_year_and_totals_several(d):
    budget = d["missile_defence_budget"]
    annual = budget["stage"].isin(["request", "enacted"])
    assert (budget.loc[annual, "fiscal_year_from"] == budget.loc[annual, "fiscal_year_to"]).all()
    assert (budget.loc[~annual, "fiscal_year_from"] < budget.loc[~annual, "fiscal_year_to"]).all()


def test_planned_money_is_never_counted_as_received(d):
    bars = md.totals_bars(d["missile_defence_budget"])
    budget = d["missile_defence_budget"]
    assert sorted(bars["received"]) == sorted(budget.query("stage == 'cumulative_received'")["value_billion_usd"])
    assert sorted(bars["planned"][bars["planned"] > 0]) == sorted(budget.query("stage == 'planned'")["value_billion_usd"])


# --- New START ---

def test_new_start_chart_buttons_show_each_aggregate(d):
    aggregates = d["new_start_aggregates"]
    figure = charts.fig_new_start(aggregates)
    buttons = figure.layout.updatemenus[0].buttons
    assert buttons[-1].args[0]["y"][0] == list(figure.data[0].y)  # the chart opens on the last
    for button in buttons:
        measure = next(m for m, label in md.NEW_START_LABELS.items()
                       if button.label == label.capitalize())
        wide = md.new_start_wide(aggregates, measure)
        us, ru, limit = button.args[0]["y"]
        assert [None if pd.isna(v) else v for v in us] == \
            [None if pd.isna(v) else v for v in wide["United States"]]
        assert limit == [md.NEW_START_LIMITS[measure]] * 2


def test_each_exchange_has_both_parties_until_russia_stopped(d):
    counts = d["new_start_aggregates"].groupby("as_of")["party"].nunique()
    assert (counts[counts.index < "2023-01-01"] == 2).all()
    after = d["new_start_aggregates"].query("as_of >= '2023-01-01'")
    assert set(after["party"]) == {"United States"}, "Russia provided no data after its suspension"


def test_every_row_is_an_exchange_date(d):
    assert set(d["new_start_aggregates"]["as_of"]) <= set(md.exchange_dates())


@pytest.mark.parametrize("measure", list(md.NEW_START_LIMITS))
def test_new_start_lines_break_at_every_missing_exchange(d, measure):
    """A line may join two points only if they are neighbouring exchanges: no segment crosses
    an exchange the file lacks (September 2011 to February 2018 used to be one straight line)."""
    figure = charts.fig_new_start(d["new_start_aggregates"])
    button = next(b for b in figure.layout.updatemenus[0].buttons
                  if b.label == md.NEW_START_LABELS[measure].capitalize())
    dates = list(figure.data[0].x)
    assert dates == list(md.exchange_dates().strftime("%Y-%m-%d"))
    for trace, ys in zip(figure.data[:2], button.args[0]["y"][:2]):
        assert trace.connectgaps is False and "lines" in trace.mode
        wide = md.new_start_wide(d["new_start_aggregates"], measure)[trace.name]
        assert [None if pd.isna(v) else v for v in wide] == list(ys)
        assert all(y is None or not math.isnan(y) for y in ys), "a gap must be null in the JSON"
    assert "2014-09-01" in md.missing_exchanges(d["new_start_aggregates"], "deployed_delivery_vehicles")
    assert "2016-03-01" in md.missing_exchanges(d["new_start_aggregates"], measure)


def test_a_row_off_the_exchange_calendar_fails_loudly(d):
    aggregates = d["new_start_aggregates"].copy()
    aggregates.loc[0, "as_of"] = pd.Timestamp("2016-06-01")
    with pytest.raises(ValueError, match="2016-06-01"):
        md.new_start_wide(aggregates, "deployed_warheads")


# --- reclamation ---

def test_every_reclamation_figure_has_a_date_and_an_address(d):
    reclamation = d["scs_reclamation"]
    assert reclamation["as_of"].notna().all()
    assert reclamation["url"].str.startswith("https://").all()


def test_each_scope_is_its_own_series(d):
    """Figures counted over different areas, or counted differently, are never one series."""
    reclamation = d["scs_reclamation"]
    figure = charts.fig_scs_reclamation(reclamation)
    assert {t.mode for t in figure.data} == {"markers"}
    assert len(figure.data) == len(reclamation.groupby(["claimant", "area_scope"]))
    for trace in figure.data:
        scopes = {c[0] for c in trace.customdata}
        assert len(scopes) == 1, trace.name
        assert (trace.marker.symbol == "circle") == (scopes == {charts.today.WHOLE_SEA}), trace.name
    china = [t for t in figure.data if t.legendgroup == "China"]
    assert len(china) == 3, "per-reef sum 2015, round figure 2016, whole sea 2024-25"


# --- bad input fails loudly ---

def test_an_unknown_budget_scope_is_named(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy)
    path = copy / "missile_defence_budget.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",mda_only,", ",mda,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"missile_defence_budget\.csv, row \d+, column 'scope'"):
        data.load("missile_defence_budget", copy)


def test_budget_metadata_cites_the_right_crs_report_and_the_fy2004_disagreement():
    package = json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    budget = next(r for r in package["resources"] if r["name"] == "missile_defence_budget")
    crs = next(s for s in budget["sources"] if s["key"] == "crs2007")
    assert "RS22120" in crs["title"] and "RS21148" not in crs["title"]
    reuters = next(s for s in budget["sources"] if s["key"] == "reuters2004")
    assert "$7.6 billion" in reuters["citation"]
    row = data.load("missile_defence_budget").set_index("record_id").loc["fy2004-mda-enacted"]
    assert row["value_billion_usd"] == 7.7 and "$7.6 billion" in row["note"]
    assert "$7.6 billion" in budget["notes"]["disagreements"]
