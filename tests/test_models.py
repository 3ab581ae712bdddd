"""The counting behind the naval charts, on small frames whose answers are known by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sdbook import naval_race


@pytest.fixture
def ships():
    rows = [  # ship, country, laid down, launched, commissioned
        ("A", "United Kingdom", "1905-10-02", "1906-02-10", "1906-12-02"),
        ("B", "United Kingdom", "1906-12-01", "1907-07-01", "1909-03-01"),
        ("C", "United Kingdom", "1907-01-01", "1908-01-01", None),
        ("D", "Germany", "1907-07-22", "1908-03-07", "1909-10-01"),
    ]
    frame = pd.DataFrame(rows, columns=["ship", "country", "laid_down", "launched", "commissioned"])
    for stage in naval_race.STAGES:
        frame[stage] = pd.to_datetime(frame[stage])
    return frame


def test_counts_are_cumulative_at_year_end(ships):
    counts = naval_race.fleet_counts(ships, "commissioned", range(1905, 1911))
    assert counts["United Kingdom"].tolist() == [0, 1, 1, 1, 2, 2]
    assert counts["Germany"].tolist() == [0, 0, 0, 0, 1, 1]


def test_stage_changes_the_race(ships):
    laid = naval_race.fleet_counts(ships, "laid_down", range(1905, 1908))
    assert laid["United Kingdom"].tolist() == [1, 2, 3]
    assert laid["Germany"].tolist() == [0, 0, 1]


def test_margin_against_sixty_percent_standard(ships):
    counts = naval_race.fleet_counts(ships, "commissioned", range(1909, 1910))
    assert naval_race.british_margin(counts).tolist() == pytest.approx([2 - 1.6])


def test_unknown_stage_is_refused(ships):
    with pytest.raises(ValueError, match="stage must be one of"):
        naval_race.fleet_counts(ships, "sunk", range(1905, 1906))


def test_month_only_dates_count_from_the_end_of_the_month(ships):
    ships = ships.assign(commissioned_precision=["day", "month", "", "day"])
    on_the_2nd = naval_race.reached(ships, "commissioned", pd.Timestamp("1909-03-02"))
    after_month = naval_race.reached(ships, "commissioned", pd.Timestamp("1909-03-31"))
    assert "B" not in set(on_the_2nd["ship"]) and "B" in set(after_month["ship"])


def test_count_on_a_date_includes_that_day(ships):
    counts = naval_race.count_on(ships.assign(ship_type="battleship"), "commissioned", "1909-10-01")
    assert counts[("Germany", "battleship")] == 1
    assert counts[("United Kingdom", "battleship")] == 2


def test_event_dates_are_shown_only_as_precisely_as_known():
    events = pd.DataFrame({
        "event_id": ["a", "b", "c"], "date": pd.to_datetime(["1897-01-01", "1912-02-01", "1906-02-10"]),
        "date_precision": ["year", "month", "day"], "actor": ["Germany"] * 3,
        "event": ["x", "y", "z"], "responds_to": [None, "a", "a"],
        "link_type": [None, "answer", "follow_on"], "link_evidence": [None, "argued", None]})
    table = naval_race.timeline_table(events)
    assert table["Date"].tolist() == ["1897", "10 Feb 1906", "Feb 1912"]
    assert pd.isna(table["Link"][0])
    assert table["Link"].tolist()[1:] == ["follows on No. 1", "answers No. 1 (argued)"]


def test_year_only_dates_count_from_the_end_of_the_year(ships):
    ships = ships.assign(laid_down=ships["laid_down"].where(ships["ship"] != "D", pd.Timestamp("1907-01-01")),
                         laid_down_precision=["day", "day", "day", "year"])
    assert "D" not in set(naval_race.reached(ships, "laid_down", pd.Timestamp("1907-12-30"))["ship"])
    assert "D" in set(naval_race.reached(ships, "laid_down", pd.Timestamp("1907-12-31"))["ship"])
    assert naval_race.fleet_counts(ships, "laid_down", range(1907, 1908)).loc[1907, "Germany"] == 1


def test_a_ship_built_for_another_navy_counts_from_the_day_it_is_taken_over(ships):
    taken = pd.to_datetime(pd.Series([None, None, "1914-07-31", None]))
    ships = ships.assign(taken_over=taken)
    laid = naval_race.fleet_counts(ships, "laid_down", range(1907, 1915))
    assert laid.loc[1913, "United Kingdom"] == 2 and laid.loc[1914, "United Kingdom"] == 3
    assert "C" not in set(naval_race.reached(ships, "launched", pd.Timestamp("1914-07-30"))["ship"])
    assert "C" in set(naval_race.reached(ships, "launched", pd.Timestamp("1914-07-31"))["ship"])
    # a stage never reached stays unreached, whatever the take-over date
    assert "C" not in set(naval_race.reached(ships, "commissioned", pd.Timestamp("1920-01-01"))["ship"])


def test_a_margin_of_exactly_sixteen_to_ten_is_met():
    counts = pd.DataFrame({"United Kingdom": [16, 15], "Germany": [10, 10]})
    assert naval_race.margin_met(counts).tolist() == [True, False]


def test_capital_ship_table_adds_types_and_divides(ships):
    table = naval_race.capital_ship_table(ships.assign(ship_type=["battleship", "battlecruiser", "battleship",
                                                             "battleship"]), "commissioned", "1909-12-31")
    assert table.columns.name == "Commissioned by 31 December 1909"
    assert table.columns.tolist() == ["Britain", "Germany", "Ratio"]
    assert table.index.tolist() == ["Dreadnought battleships", "Battlecruisers",
                                    "All dreadnought-type capital ships"]
    assert table["Britain"].tolist() == [1, 1, 2] and table["Germany"].tolist() == [1, 0, 1]
    assert table["Ratio"].iloc[0] == 1.0 and pd.isna(table["Ratio"].iloc[1]) and table["Ratio"].iloc[2] == 2.0


def test_joined_between_excludes_the_first_day_and_includes_the_last(ships):
    joined = naval_race.joined_between(ships, "commissioned", "1906-12-02", "1909-10-01")
    assert joined["ship"].tolist() == ["D", "B"]  # sorted by country, then date


def test_fleet_takeaway_judges_the_margin_only_once_germany_has_ships(ships):
    text = naval_race.fleet_takeaway(ships, range(1905, 1911))
    # commissioned: Germany has a ship from 1909; 1909 and 1910: 2 British vs 1.6 -> met twice
    assert "2 of 2 for ships commissioned" in text
    # laid down: Germany from 1907 (3 vs 1.6 -> met in 1907-1910)
    assert "4 of 4 year-ends for ships laid down" in text
    assert text.startswith("At no year-end from 1905 to 1910 did Germany have more")


@pytest.fixture
def spending():
    construction = pd.DataFrame({
        "country": ["United Kingdom", "Germany"] * 3, "year": [1904, 1904, 1905, 1905, 1906, 1906],
        "financial_year": ["1904-5", "1904-5", "1905-6", "1905-6", "1906-7", "1906-7"],
        "new_construction_gbp": [10e6, 4e6, 8e6, 9e6, 12e6, 6e6],
        "basis": ["outturn"] * 4 + ["estimate"] * 2,
        "source_key": ["hansard1911"] * 4 + ["nock1922"] * 2})
    military = pd.DataFrame({"country": ["United Kingdom", "Germany"] * 2, "year": [1904, 1904, 1905, 1905],
                             "milex_thousand_gbp": [50000, 40000, 50000, 60000], "source_key": "cow-nmc-6.0"})
    navy = pd.DataFrame({"country": "United Kingdom", "year": [1903, 1904, 1905],
                         "financial_year": ["1903-4", "1904-5", "1905-6"],
                         "expenditure_million_gbp": [30.0, None, 33.5],
                         "basis": ["estimate", "unknown", "outturn"],
                         "source_key": ["spectator1903", None, "hansard1914"]})
    return naval_race.spending_series(construction, military, navy)


def test_spending_series_puts_each_measure_in_its_panel_in_million_pounds(spending):
    assert spending.groupby("panel").size().to_dict() == {"military": 4, "navy": 2, "new_construction": 6}
    assert spending.loc[spending["panel"] == "military", "million_gbp"].tolist() == [50.0, 40.0, 50.0, 60.0]
    assert "hansard1911" not in set(spending["source"])  # names, not keys
    assert set(spending.loc[spending["panel"] == "navy", "series"]) == {"navy-estimate", "navy-outturn"}


def test_spending_table_marks_estimates_and_leaves_gaps(spending):
    table = naval_race.spending_table(spending).set_index("Year")
    assert table.loc[1906, "New construction, Britain (Nock 1922, basis not stated)"] == "12.00 (estimate)"
    assert table.loc[1904, "New construction, Germany (Admiralty 1911)"] == "4.00"
    assert table.loc[1903, "Royal Navy, all spending (Britain)"] == "30.00 (estimate)"
    assert table.loc[1904, "Royal Navy, all spending (Britain)"] is None


def test_spending_takeaway_is_computed_from_each_series(spending):
    text = naval_race.spending_takeaway(spending)
    assert "from 40 % of Britain's in 1904–05 to 112 % in 1905–06" in text
    assert "passed it in 1905–06" in text
    assert "by 1906 Britain spent 2.0 times as much (Nock)" in text
    assert "Germany outspent Britain in 1 of the 2 years 1904–1905 (1905;" in text
