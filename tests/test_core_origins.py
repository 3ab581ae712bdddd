"""Data, counting and charts behind chapters 1 (core logic) and 2 (origins)."""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from sdbook import charts, core_logic, data, origins, style
from sdbook.charts.sequence import KEY_NAMES


@pytest.fixture(scope="module")
def milex():
    return data.load("rivalry_military_spending")


@pytest.fixture(scope="module")
def cow():
    return data.load("rivalry_milex_cow")


@pytest.fixture(scope="module")
def works():
    return data.load("security_dilemma_works")


def _plotted(values) -> list:
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values]


# --- the data ---

def test_every_link_is_lineage_with_its_own_source(works):
    linked = works[works["responds_to"].notna()]
    assert (linked["link_type"] == "lineage").all() and linked["link_source_key"].notna().all()


def test_a_backward_link_fails_the_load(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy)
    path = copy / "security_dilemma_works.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = int(frame.index[frame["work_id"] == "herz1950"][0])
    frame.loc[row, ["responds_to", "link_type", "link_source_key", "link_source_page"]] = \
        ["jervis1978", "lineage", "herz1950", "p. 157"]
    frame.to_csv(path, index=False)
    with pytest.raises(data.DataValidationError,
                       match=rf"security_dilemma_works.csv, row {row + 2} \(herz1950\): .*later"):
        data.load("security_dilemma_works", copy)


def test_every_work_is_in_the_bibliography(works):
    ids = {ref["id"] for ref in
           yaml.safe_load((ROOT / "docs" / "references.yml").read_text("utf-8"))["references"]}
    missing = sorted(set(works["reference_id"]) - ids)
    assert not missing, f"reference_id not in docs/references.yml: {missing}"


def test_every_country_and_year_is_a_row_and_gaps_are_empty_not_zero(milex):
    countries = [c for pair in core_logic.PAIRS.values() for c in pair]
    expected = {(c, y) for c in countries for y in range(1949, 2025)}
    assert set(zip(milex["country"], milex["year"])) == expected
    for value_col, flag_col in core_logic.MEASURES.values():
        assert (milex[value_col].dropna() > 0).all(), f"{value_col}: a zero is not a gap"
        flagged_without_value = milex[milex[flag_col].notna() & milex[value_col].isna()]
        assert flagged_without_value.empty, "a SIPRI mark on an empty cell"


def test_cow_is_pounds_to_1913_dollars_from_1914_and_ends_before_sipri(cow, milex):
    assert (cow.loc[cow["year"] <= core_logic.LAST_POUND_YEAR, "currency"] == "GBP").all()
    assert (cow.loc[cow["year"] > core_logic.LAST_POUND_YEAR, "currency"] == "USD").all()
    assert cow["year"].max() < milex["year"].min(), "the two producers must not overlap"
    assert (cow["milex_thousands"].dropna() > 0).all()


def test_every_country_charted_has_its_own_colour():
    for a, b in core_logic.PAIRS.values():
        assert style.country_colour(a) != style.country_colour(b)


# --- counting, on frames whose answers are known by hand ---

def _tiny_milex():
    rows = [("India", 2000, 3000.0, "estimate", 3.0, ""), ("Pakistan", 2000, 500.0, "", 4.5, ""),
            ("India", 2001, 3300.0, "", 2.9, ""), ("Pakistan", 2001, None, "", None, "")]
    return pd.DataFrame(rows, columns=["country", "year", "milex_constant_2023_usd_million",
                                       "milex_constant_flag", "milex_share_of_gdp_percent",
                                       "share_of_gdp_flag"]).replace({"": None})


def test_pair_frame_scales_to_billions_and_keeps_gaps_and_marks():
    frame = core_logic.pair_frame(_tiny_milex(), "India–Pakistan", "constant")
    assert frame["India"].tolist() == [3.0, 3.3]
    assert frame["Pakistan"].tolist()[0] == 0.5 and math.isnan(frame["Pakistan"].tolist()[1])
    assert frame["India flag"].tolist() == ["estimate", None]
    assert core_logic.first_common_year(frame, "India–Pakistan") == 2000


def test_table_marks_estimates_and_leaves_gaps(milex):
    table = core_logic.spending_table(_tiny_milex().pipe(
        lambda f: pd.concat([f, milex[~milex["country"].isin(["India", "Pakistan"])]])))
    row = table.set_index("Year").loc[2000]
    assert row["India"] == "3.00 e" and row["Pakistan"] == "0.50"
    assert pd.isna(table.set_index("Year").loc[2001, "Pakistan"])


def test_unknown_pair_currency_and_view_are_refused(milex, cow, works):
    with pytest.raises(ValueError, match="unknown pair"):
        core_logic.pair_frame(milex, "France–Germany", "constant")
    with pytest.raises(ValueError, match="currency must be one of"):
        core_logic.cow_frame(cow, "Greece–Turkey", "FRF")
    with pytest.raises(ValueError, match="unknown view"):
        charts.fig_ideas_timeline(works, opening="Since 1066")


def test_year_labels_say_bce_and_circa():
    assert origins.year_label(-400, "circa") == "c. 400 BCE"
    assert origins.year_label(1950, "exact") == "1950"


# --- the charts plot exactly the data, one producer and one currency per line ---

@pytest.mark.parametrize("measure, build", [("constant", charts.fig_rivalry_spending),
                                            ("share", charts.fig_rivalry_burden)])
def test_every_pair_button_plots_that_pairs_data(milex, measure, build):
    fig = build(milex)
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == list(core_logic.PAIRS)
    for button, (pair, (a, b)) in zip(menu.buttons, core_logic.PAIRS.items()):
        update = button.args[0]
        frame = core_logic.pair_frame(milex, pair, measure)
        assert update["name"][:2] == [a, b]
        assert _plotted(update["y"][0]) == _plotted(frame[a].tolist())
        assert _plotted(update["y"][1]) == _plotted(frame[b].tolist())
        assert update["line.color"][:2] == [style.country_colour(a), style.country_colour(b)]
    opening = list(core_logic.PAIRS)[menu.active]
    assert [t.name for t in fig.data[:2]] == list(core_logic.PAIRS[opening])
    assert all(t.connectgaps is False for t in fig.data[:2])


def test_sipri_marks_become_open_markers(milex):
    fig = charts.fig_rivalry_spending(milex, opening="Israel–Egypt")
    egypt = fig.data[1]
    years = list(egypt.x)
    assert egypt.marker.symbol[years.index(2024)] == "diamond-open"   # SIPRI: highly uncertain
    india = charts.fig_rivalry_spending(milex, opening="India–Pakistan").data[0]
    assert india.marker.symbol[list(india.x).index(1960)] == "circle-open"  # SIPRI estimate
    assert india.marker.symbol[list(india.x).index(2024)] == "circle"


def test_no_line_crosses_the_currency_break(cow):
    fig = charts.fig_rivalry_before_1949(cow)
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == 2 * len(core_logic.COW_PAIRS)
    for button in buttons:
        update, layout = button.args
        pound_view = "£" in button.label
        for xs, ys in zip(update["x"], update["y"]):
            years = [x for x, y in zip(xs, ys) if y is not None]
            assert years, button.label
            if pound_view:
                assert max(xs) <= core_logic.LAST_POUND_YEAR and "£" in layout["yaxis.title.text"]
            else:
                assert min(xs) > core_logic.LAST_POUND_YEAR and "US$" in layout["yaxis.title.text"]
    # values are COW's, in millions
    first = buttons[0]
    frame = core_logic.cow_frame(cow, "Greece–Turkey", "GBP")
    assert _plotted(first.args[0]["y"][0]) == _plotted(frame["Greece"].tolist())


def test_timeline_views_plot_the_works_and_their_answers(works):
    fig = charts.fig_ideas_timeline(works)
    labels = {b.label: b for b in fig.layout.updatemenus[0].buttons}
    everything = labels["From Thucydides"].args[0]
    assert sum(len([v for v in x if v is not None]) for x in everything["x"]) == len(works)
    linked = origins.answers(works)
    assert len(labels["From Thucydides"].args[1]["annotations"]) == len(linked)
    modern = labels[f"Since {origins.MODERN_FROM}"]
    shown = works[works["year"] >= origins.MODERN_FROM]
    assert sum(len([v for v in x if v is not None]) for x in modern.args[0]["x"]) == len(shown)
    inside = set(shown["work_id"])
    assert len(modern.args[1]["annotations"]) == sum(a in inside and b in inside for a, b in linked)
    # the opening view is the modern one, and it is what the traces hold
    assert sum(len(t.x) for t in fig.data if t.mode == "markers+text") == len(shown)
    assert [t.name for t in fig.data if t.showlegend] == [KEY_NAMES["lineage"]]


def test_phone_form_lists_every_work_once_with_every_answer(works):
    fig = charts.fig_ideas_sequence(works)
    rows = sorted(y for trace in fig.data if trace.mode == "markers" for y in trace.y)
    assert rows == list(range(1, len(works) + 1))
    assert len([a for a in fig.layout.annotations if a.showarrow]) == len(origins.answers(works))
    numbered = origins.numbered_works(works)
    assert [label.split("\u2002")[0] for label in fig.layout.yaxis.ticktext] == numbered["when"].tolist()
