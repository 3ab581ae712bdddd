"""Charts are built from the data by one named function each, and stay readable in both themes."""

from __future__ import annotations

import math

import pytest
from conftest import ROOT

from sdbook import charts, data, naval_race, style
from sdbook.display import Chart, figure_json


@pytest.fixture(scope="module")
def datasets():
    return data.load_all()


@pytest.fixture(scope="module")
def spending(datasets):
    return naval_race.spending_series(datasets["naval_new_construction"], datasets["military_expenditure"],
                                 datasets["naval_expenditure"])


SPENDING_DATASETS = ["naval_new_construction", "military_expenditure", "naval_expenditure"]


def _plotted(trace):
    return [(x, y) for x, y in zip(trace.x, trace.y) if y is not None and not math.isnan(y)]


def test_spending_chart_plots_every_csv_value_in_its_own_panel(datasets, spending):
    fig = charts.fig_naval_spending(spending)
    axis_of_panel = {}
    for trace in (t for t in fig.data if t.customdata is not None):
        points = _plotted(trace)
        assert points, trace.name
        axis_of_panel.setdefault(trace.yaxis or "y", set()).add(trace.name.split(": ", 1)[1])
    assert len(axis_of_panel) == 3, "one panel per measure"
    expected = {
        "naval_new_construction": ("new_construction_gbp", 1e6),
        "military_expenditure": ("milex_thousand_gbp", 1e3),
        "naval_expenditure": ("expenditure_million_gbp", 1),
    }
    plotted = sorted((round(x), round(y, 6)) for t in fig.data if t.customdata is not None
                     for x, y in _plotted(t))
    rivals = {"United Kingdom", "Germany"}  # the military file also covers three other powers
    recorded = sorted((int(r.year), round(getattr(r, column) / scale, 6))
                      for name, (column, scale) in expected.items()
                      for r in datasets[name].dropna(subset=[column]).itertuples() if r.country in rivals)
    assert plotted == recorded


def test_spending_chart_never_joins_two_producers_or_bases_into_one_line(spending):
    """Source labels read "Producer, where published": a line may join several answers of one
    producer (the Admiralty's outturn of 1914 and 1929) but never two producers, and one basis
    only, except the Admiralty's 1911 comparison whose last year was not yet closed."""
    fig = charts.fig_naval_spending(spending)
    for trace in (t for t in fig.data if t.customdata is not None):
        assert trace.connectgaps is False
        shown = [c for c, y in zip(trace.customdata, trace.y) if y is not None and not math.isnan(y)]
        producers = {c[2].split(",")[0] for c in shown}
        bases = {c[1] for c in shown}
        assert len(producers) == 1, f"{trace.name} mixes producers {producers}"
        assert len(bases) == 1 or {c[2] for c in shown} == {"Admiralty, Hansard 13 Mar 1911"}, \
            f"{trace.name} mixes bases {bases}"


def test_spending_tooltips_name_sources_not_keys(datasets, spending):
    fig = charts.fig_naval_spending(spending)
    keys = {k for name in SPENDING_DATASETS for k in data.resources()[name].sources}
    shown = {c[2] for t in fig.data if t.customdata is not None for c in t.customdata}
    assert shown - {"—"} and not (shown & keys), shown & keys
    assert all("%{customdata[2]}" in t.hovertemplate for t in fig.data if t.customdata is not None)


def test_spending_legend_shows_every_marker_and_line_style_used(spending):
    fig = charts.fig_naval_spending(spending)
    data_traces = [t for t in fig.data if t.customdata is not None]
    used_symbols = {s for t in data_traces for s in t.marker.symbol}
    used_dashes = {t.line.dash for t in data_traces}
    keys = [t for t in fig.data if t.customdata is None and t.showlegend is not False]
    assert used_symbols <= {t.marker.symbol for t in keys if t.mode == "markers"}
    assert used_dashes <= {t.line.dash for t in keys if t.mode == "lines"}
    assert {"United Kingdom", "Germany"} <= {t.name for t in keys}
    assert "diamond-open" in used_symbols  # the open diamond the notebook explains is in the legend


def test_spending_panels_say_what_each_measures(spending):
    fig = charts.fig_naval_spending(spending)
    titles = [a.text for a in fig.layout.annotations]
    assert any("new construction" in t.lower() for t in titles)
    assert any("army and navy" in t.lower() for t in titles)
    assert any("royal navy" in t.lower() and "britain only" in t.lower() for t in titles)


def test_fleet_takeaway_is_true_of_every_stage_the_buttons_show(datasets):
    ships = datasets["dreadnoughts"]
    text = naval_race.fleet_takeaway(ships)
    assert "commissioned" in text and "laid down" in text and "launched" in text
    for stage in naval_race.STAGES:
        counts = naval_race.fleet_counts(ships, stage, charts.FLEET_YEARS)
        judged = counts[counts["Germany"] > 0]
        met = int((10 * judged["United Kingdom"] >= 16 * judged["Germany"]).sum())
        assert f"{met} of {len(judged)}" in text, stage
        assert (counts["United Kingdom"] >= counts["Germany"]).all()


def test_fleet_chart_buttons_switch_between_building_stages(datasets):
    ships = datasets["dreadnoughts"]
    fig = charts.fig_fleet_race(ships)
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["Laid down", "Launched", "Commissioned"]
    for button, stage in zip(buttons, naval_race.STAGES):
        counts = naval_race.fleet_counts(ships, stage, charts.FLEET_YEARS)
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
    answers = events["link_type"] == "answer"
    assert len(fig.layout.annotations) == int(answers.sum())  # arrows: answers only
    follow_ons = [t for t in fig.data if t.mode == "lines" and not t.showlegend][0]
    assert follow_ons.line.dash == "dash"
    assert len(follow_ons.x) == 3 * int((events["link_type"] == "follow_on").sum())  # start, end, gap
    plotted = sum(len(t.x) for t in fig.data if t.mode == "markers+text")
    assert plotted == len(events)


@pytest.mark.parametrize("colour", [*style.COUNTRY_COLOURS.values(), style.NEUTRAL_COLOUR])
@pytest.mark.parametrize("theme", sorted(style.BACKGROUNDS))
def test_series_colours_keep_3_to_1_contrast_in_both_themes(colour, theme):
    assert style.contrast_ratio(colour, style.BACKGROUNDS[theme]) >= 3.0


def test_unknown_country_has_no_silent_colour():
    with pytest.raises(KeyError, match="no colour defined"):
        style.country_colour("Atlantis")


def test_chart_html_is_deterministic_and_script_safe(datasets):
    spending = naval_race.spending_series(datasets["naval_new_construction"], datasets["military_expenditure"],
                                     datasets["naval_expenditure"])
    fig = charts.fig_naval_spending(spending)
    fig.update_layout(title={"text": "</script><b>x</b>"})
    chart = Chart(fig, name="test-chart", takeaway="A takeaway.", table=naval_race.spending_table(spending),
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
    fig = charts.fig_fleet_race(datasets["dreadnoughts"])
    with pytest.raises(ValueError, match="takeaway"):
        Chart(fig, name="x", takeaway="  ", table=naval_race.fleet_table(datasets["dreadnoughts"]),
              datasets=["dreadnoughts"])


def test_a_chart_must_name_known_datasets(datasets):
    fig = charts.fig_fleet_race(datasets["dreadnoughts"])
    with pytest.raises(ValueError, match="unknown: \\['rumours'\\]"):
        Chart(fig, name="x", takeaway="A takeaway.",
              table=naval_race.fleet_table(datasets["dreadnoughts"]), datasets=["rumours"])


@pytest.mark.parametrize("name", ["", "Fleet", "fleet race", "fleet_race", "-fleet"])
def test_a_chart_name_must_be_a_lowercase_slug(datasets, name):
    fig = charts.fig_fleet_race(datasets["dreadnoughts"])
    with pytest.raises(ValueError, match="chart name"):
        Chart(fig, name=name, takeaway="A takeaway.",
              table=naval_race.fleet_table(datasets["dreadnoughts"]), datasets=["dreadnoughts"])


def test_fleet_table_caption_describes_every_stage_in_the_table(datasets):
    table = naval_race.fleet_table(datasets["dreadnoughts"])
    for stage in naval_race.STAGES:
        label = naval_race.STAGE_LABELS[stage]
        assert any(label in column for column in table.columns)
        assert label in naval_race.FLEET_TABLE_CAPTION, label
    notebook = (ROOT / "notebooks" / "naval_race.ipynb").read_text(encoding="utf-8")
    assert "table_caption=naval_race.FLEET_TABLE_CAPTION" in notebook
    assert "table_caption=naval_race.SPENDING_TABLE_CAPTION" in notebook


def test_a_model_chart_credits_its_module_and_names_no_dataset(datasets):
    fig = charts.fig_fleet_race(datasets["dreadnoughts"])
    chart = Chart(fig, name="model-test", takeaway="A takeaway.", table=datasets["dreadnoughts"].head(2),
                  model="sdbook/richardson.py")
    html = chart.to_html()
    assert "Model output, no data: computed by <code>sdbook/richardson.py</code>" in html
    assert "Download:" not in html and "data-library" not in html
    with pytest.raises(ValueError, match="either the datasets"):
        Chart(fig, name="x", takeaway="T.", table=chart.table, datasets=["dreadnoughts"], model="m.py")
    with pytest.raises(ValueError, match="must name the datasets"):
        Chart(fig, name="x", takeaway="T.", table=chart.table)


# --- direct labels (sdbook/charts/labels.py) ------------------------------------------

def _three_lines(ends):
    import plotly.graph_objects as go
    fig = go.Figure([go.Scatter(x=[2000, 2010], y=[1.0, end], name=name, mode="lines",
                                line={"color": colour})
                     for (name, end), colour in zip(ends.items(), ("#5454fc", "#d95f02", "#248478"))])
    fig.update_layout(**style.base_layout("Three lines", yaxis={"rangemode": "tozero"}))
    return fig


def test_direct_labels_name_each_line_at_its_end_instead_of_a_legend():
    from sdbook.charts.labels import label_line_ends
    fig = label_line_ends(_three_lines({"Britain": 50.0, "Germany": 30.0, "Germany and Austria-Hungary": 10.0}))
    labels = {a.text.split("</span> ")[-1]: a for a in fig.layout.annotations}
    assert set(labels) == {"Britain", "Germany", "Germany and<br>Austria-Hungary"}
    assert all(a.x == 2010 and a.xanchor == "left" for a in labels.values())
    assert labels["Britain"].y == 50.0 and "#5454fc" in labels["Britain"].text  # its line's colour
    assert fig.layout.showlegend is False and all(t.showlegend is False for t in fig.data)
    assert fig.layout.margin.r >= 16 * 6  # room for the longest line of a label
    assert 2010 < fig.layout.xaxis.range[1] < 2011  # the axis ends with the data, not the names


def test_direct_labels_of_lines_ending_together_are_pushed_apart():
    from sdbook.charts.labels import LINE_HEIGHT_PX, label_line_ends
    fig = label_line_ends(_three_lines({"A": 20.0, "B": 20.2, "C": 19.9}))
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    scale = plot_px / (20.2 * 1.1)
    centres = sorted(a.y * scale + a.yshift for a in fig.layout.annotations)
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    assert all(gap >= LINE_HEIGHT_PX - 0.5 for gap in gaps), gaps


def test_direct_labels_refuse_a_log_axis():
    from sdbook.charts.labels import label_line_ends
    fig = _three_lines({"A": 20.0, "B": 30.0, "C": 40.0})
    fig.update_yaxes(type="log")
    with pytest.raises(ValueError, match="linear"):
        label_line_ends(fig)
