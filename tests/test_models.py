"""The counting behind the naval charts, on small frames whose answers are known by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sdbook import naval


@pytest.fixture
def ships():
    rows = [  # ship, country, laid down, launched, commissioned
        ("A", "United Kingdom", "1905-10-02", "1906-02-10", "1906-12-02"),
        ("B", "United Kingdom", "1906-12-01", "1907-07-01", "1909-03-01"),
        ("C", "United Kingdom", "1907-01-01", "1908-01-01", None),
        ("D", "Germany", "1907-07-22", "1908-03-07", "1909-10-01"),
    ]
    frame = pd.DataFrame(rows, columns=["ship", "country", "laid_down", "launched", "commissioned"])
    for stage in naval.STAGES:
        frame[stage] = pd.to_datetime(frame[stage])
    return frame


def test_counts_are_cumulative_at_year_end(ships):
    counts = naval.fleet_counts(ships, "commissioned", range(1905, 1911))
    assert counts["United Kingdom"].tolist() == [0, 1, 1, 1, 2, 2]
    assert counts["Germany"].tolist() == [0, 0, 0, 0, 1, 1]


def test_stage_changes_the_race(ships):
    laid = naval.fleet_counts(ships, "laid_down", range(1905, 1908))
    assert laid["United Kingdom"].tolist() == [1, 2, 3]
    assert laid["Germany"].tolist() == [0, 0, 1]


def test_margin_against_sixty_percent_standard(ships):
    counts = naval.fleet_counts(ships, "commissioned", range(1909, 1910))
    assert naval.british_margin(counts).tolist() == pytest.approx([2 - 1.6])


def test_unknown_stage_is_refused(ships):
    with pytest.raises(ValueError, match="stage must be one of"):
        naval.fleet_counts(ships, "sunk", range(1905, 1906))


def test_month_only_dates_count_from_the_end_of_the_month(ships):
    ships = ships.assign(commissioned_precision=["day", "month", "", "day"])
    on_the_2nd = naval.reached(ships, "commissioned", pd.Timestamp("1909-03-02"))
    after_month = naval.reached(ships, "commissioned", pd.Timestamp("1909-03-31"))
    assert "B" not in set(on_the_2nd["ship"]) and "B" in set(after_month["ship"])


def test_count_on_a_date_includes_that_day(ships):
    counts = naval.count_on(ships.assign(ship_type="battleship"), "commissioned", "1909-10-01")
    assert counts[("Germany", "battleship")] == 1
    assert counts[("United Kingdom", "battleship")] == 2


def test_event_dates_are_shown_only_as_precisely_as_known():
    events = pd.DataFrame({
        "event_id": ["a", "b", "c"], "date": pd.to_datetime(["1897-01-01", "1912-02-01", "1906-02-10"]),
        "date_precision": ["year", "month", "day"], "actor": ["Germany"] * 3,
        "event": ["x", "y", "z"], "responds_to": [None, "a", "c"]})
    table = naval.timeline_table(events)
    assert table["Date"].tolist() == ["1897", "10 Feb 1906", "Feb 1912"]
    assert pd.isna(table["Answers"][0]) and table["Answers"].tolist()[1:] == ["No. 2", "No. 1"]
