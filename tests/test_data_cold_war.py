"""Cold War chapter datasets: the traps named in shared/SOURCES.md, checked on the data."""

from __future__ import annotations

import pandas as pd
import pytest

from sdbook import data


@pytest.fixture(scope="module")
def warheads():
    return data.load("nuclear_warheads")


def test_warheads_one_row_per_country_and_year(warheads):
    years = warheads.groupby("country")["year"].agg(["min", "max", "count"])
    assert (years["count"] == years["max"] - years["min"] + 1).all(), years


def test_warheads_blank_is_not_zero(warheads):
    """Before a state's first estimate the cells stay empty: the republisher's 0s are not ours."""
    for country, rows in warheads.sort_values("year").groupby("country"):
        known = rows["warheads"].notna()
        first = rows.loc[known, "year"].min()
        before = rows[rows["year"] < first]
        assert before["warheads"].isna().all(), country
        assert rows.loc[known, "warheads"].iloc[0] > 0, \
            f"{country}: the first recorded stockpile is 0 - a blank turned into zero?"


def test_soviet_series_starts_with_the_first_soviet_test(warheads):
    soviet = warheads[warheads["country"] == "Soviet Union / Russia"].set_index("year")["warheads"]
    assert soviet.first_valid_index() == 1949


def test_world_total_inventory_is_not_a_country(warheads):
    """FAS's 'total inventory' counts retired warheads too: it must not sit among the states."""
    assert not warheads["country"].str.contains("total|world", case=False).any()


@pytest.fixture(scope="module")
def events():
    return data.load("cold_war_events")


def test_no_event_answers_a_later_one(events):
    dated = events.set_index("event_id")["date"]
    linked = events.dropna(subset=["responds_to"])
    assert not linked.empty
    later = linked[linked["date"] <= linked["responds_to"].map(dated)]
    assert later.empty, f"answers dated before (or on) what they answer: {later['event_id'].tolist()}"


def test_every_answer_says_how_well_it_is_evidenced(events):
    """Answers carry a grade; follow-ons (the same side's next step) are not graded as answers."""
    answers = events["link_type"] == "answer"
    graded = events["link_evidence"].notna()
    assert (answers == graded).all(), events.loc[answers != graded, "event_id"].tolist()
    assert {"well_evidenced", "argued", "disputed"} <= set(events["link_evidence"].dropna())
    linked = events[events["responds_to"].notna()]
    assert linked["link_note"].notna().all(), "every link says why it is drawn"


def test_every_event_is_dated(events):
    assert events["date"].notna().all() and events["date_precision"].notna().all()


def test_tests_match_aca_country_totals():
    """ACA's own totals; the republished file had 3 North Korean tests in 2010 (ACA: none)."""
    tests = data.load("nuclear_tests")
    totals = tests.groupby("country")["tests"].sum()
    assert totals["North Korea"] == 6
    assert totals["United States"] == 1030 and totals["Soviet Union / Russia"] == 715
    assert int(totals.sum()) == 2056
    north_korea = tests[tests["country"] == "North Korea"].set_index("year")["tests"]
    assert north_korea[2010] == 0


def test_outlays_have_no_transition_quarter_and_mark_estimates():
    outlays = data.load("us_defense_outlays")
    years = outlays["fiscal_year"]
    assert years.is_unique and (years.diff().dropna() == 1).all(), "one row per fiscal year, no TQ"
    actual = outlays[outlays["basis"] == "actual"]["fiscal_year"]
    estimate = outlays[outlays["basis"] == "estimate"]["fiscal_year"]
    assert actual.max() < estimate.min(), "estimates must all come after the last outturn"


def test_launchers_pair_the_two_superpowers():
    launchers = data.load("strategic_launchers")
    per_year = launchers.groupby("year")["country"].nunique()
    assert (per_year == 2).all()
