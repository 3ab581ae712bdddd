"""The numbers the naval-race chapter and its notebook quote are recomputed from the data here.

If a dataset is corrected, these tests fail until the prose is brought into line:
the book never says one thing in a chapter and plots another in a chart.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import ROOT
from sdbook import data, naval_race

CHAPTER = (ROOT / "docs" / "naval-race" / "index.md").read_text(encoding="utf-8")
NOTEBOOK = "\n".join("".join(cell["source"]) for cell in json.loads(
    (ROOT / "notebooks" / "naval_race.ipynb").read_text(encoding="utf-8"))["cells"]
    if cell["cell_type"] == "markdown")
UK, DE = "United Kingdom", "Germany"


@pytest.fixture(scope="module")
def ships():
    return data.load("dreadnoughts")


@pytest.fixture(scope="module")
def spending():
    frame = data.load("naval_expenditure")
    return frame.set_index(["country", "year"])["expenditure_million_gbp"]


def _row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _counts(ships, when):
    counts = naval_race.count_on(ships, "commissioned", when)
    return {kind: (int(counts.get((UK, kind), 0)), int(counts.get((DE, kind), 0)))
            for kind in ("battleship", "battlecruiser")}


def test_fact_check_table_of_ships_in_commission_on_4_august_1914(ships):
    counts = _counts(ships, "1914-08-04")
    (uk_bb, de_bb), (uk_bc, de_bc) = counts["battleship"], counts["battlecruiser"]
    for label, uk, de in (("Dreadnought battleships", uk_bb, de_bb),
                          ("Battlecruisers", uk_bc, de_bc),
                          ("All dreadnought-type capital ships", uk_bb + uk_bc, de_bb + de_bc)):
        assert _row(label, uk, de, f"{uk / de:.2f}") in CHAPTER, label


@pytest.mark.parametrize("when, label", [("1912-03-18", "18 March 1912"),
                                         ("1914-08-04", "4 August 1914")])
def test_exercise_1_ratios(ships, when, label):
    counts = _counts(ships, when)
    (uk_bb, de_bb), (uk_bc, de_bc) = counts["battleship"], counts["battlecruiser"]
    assert _row(label, "Battleships", uk_bb, de_bb, f"{uk_bb / de_bb:.2f}") in CHAPTER
    total_uk, total_de = uk_bb + uk_bc, de_bb + de_bc
    assert _row(label, "All capital ships", total_uk, total_de, f"{total_uk / total_de:.2f}") in CHAPTER


def test_seventeen_is_the_german_battleships_launched_by_4_august_1914(ships):
    launched = naval_race.count_on(ships, "launched", "1914-08-04")
    assert int(launched[(DE, "battleship")]) == 17
    assert "Seventeen is the number of German dreadnought battleships that had been *launched*" in CHAPTER


def test_exercise_6_keels_laid_per_year(ships):
    laid = naval_race.fleet_counts(ships, "laid_down", range(1905, 1913)).diff()
    for year in range(1906, 1911):
        assert _row(year, int(laid.loc[year, UK]), int(laid.loc[year, DE])) in CHAPTER, year
    by_1908 = naval_race.fleet_counts(ships, "laid_down", range(1908, 1909)).loc[1908]
    in_service_1912 = naval_race.fleet_counts(ships, "commissioned", range(1912, 1913)).loc[1912]
    assert (f"Britain had laid down {by_1908[UK]} dreadnought-type ships in all" in CHAPTER
            and f"and Germany {by_1908[DE]}," in CHAPTER)
    assert f"Britain had {in_service_1912[UK]} such ships in commission and Germany {in_service_1912[DE]}" in CHAPTER


def test_british_spending_figures_and_changes(spending):
    def money(year):
        return spending[(UK, year)]

    for year in (1904, 1907, 1912, 1913):
        assert f"£{money(year):.2f} million" in CHAPTER, year
    for start, end in ((1907, 1912), (1907, 1913)):
        assert f"{round(100 * (money(end) / money(start) - 1))} per cent" in CHAPTER
    assert f"fall of {round(100 * (1 - money(1907) / money(1904)))} per cent" in CHAPTER


@pytest.fixture(scope="module")
def construction():
    frame = data.load("naval_new_construction")
    return {key: rows.pivot(index="year", columns="country", values="new_construction_gbp") / 1e6
            for key, rows in frame.groupby("source_key")}


def _share(table, year):
    return round(100 * table.loc[year, DE] / table.loc[year, UK])


def test_new_construction_figures_in_fact_check_and_exercise_3(construction):
    admiralty, nock = construction["hansard1911"], construction["nock1922"]
    germany_ahead = [y for y in admiralty.index if admiralty.loc[y, DE] > admiralty.loc[y, UK]]
    assert germany_ahead == [1908, 1909]
    for year in germany_ahead:
        label = f"{year}–{str(year + 1)[-2:]}"
        assert (f"{label} (£{admiralty.loc[year, DE]:.2f} million against "
                f"£{admiralty.loc[year, UK]:.2f} million)") in CHAPTER
    assert "in 1908–09 and 1909–10" in CHAPTER
    assert (f"Britain spent £{nock.loc[1914, UK]:.2f} million on new construction and Germany "
            f"£{nock.loc[1914, DE]:.2f} million") in CHAPTER
    assert (f"{_share(admiralty, 1904)} per cent of Britain's in 1904–05, {_share(admiralty, 1907)} per cent "
            f"in 1907–08 and {_share(admiralty, 1910)} per cent in 1910–11") in CHAPTER
    rising = admiralty[DE].diff().dropna()
    assert (rising > 0).all() and "grew in every year from 1904–05 to 1910–11" in CHAPTER


def test_german_growth_figures_match_the_admiralty_s_own(construction):
    """The Admiralty stated 16 and 166 per cent; our typed figures must reproduce them."""
    admiralty = construction["hansard1911"]
    assert round(100 * (admiralty.loc[1910, UK] / admiralty.loc[1904, UK] - 1)) == 16
    assert round(100 * (admiralty.loc[1910, DE] / admiralty.loc[1904, DE] - 1)) == 166
    assert "German new construction rose by 166 per cent between 1904–05 and 1910–11 and British by 16 per cent" in CHAPTER


def test_army_and_navy_years_in_which_germany_spent_more():
    military = data.load("military_expenditure").pivot(index="year", columns="country",
                                                         values="milex_thousand_gbp")
    years = [int(y) for y in military.index[military[DE] > military[UK]]]
    text = ", ".join(map(str, years[:-1])) + f" and {years[-1]}"
    assert f"Germany outspent Britain in {text}." in CHAPTER


def test_erin_and_agincourt_dates_in_fact_check_and_exercise_1(ships):
    ships = ships.set_index("ship")
    erin, agincourt = ships.loc["HMS Erin"], ships.loc["HMS Agincourt"]
    assert erin["taken_over"].strftime("%-d %B") == "31 July"
    assert agincourt["taken_over"].strftime("%-d %B") == "3 August"
    assert "seized *Reşadiye* (HMS *Erin*) on 31 July 1914" in CHAPTER
    assert "*Sultan Osman I* (HMS *Agincourt*) on 3 August" in CHAPTER
    assert f"*Agincourt* was commissioned on {agincourt['commissioned'].strftime('%-d %B')}" in CHAPTER
    assert erin["commissioned_precision"] == "month" and 'dated only "August 1914"' in CHAPTER
    assert "HMS *Erin*" not in " ".join(naval_race.reached(ships.reset_index(), "commissioned",
                                                        pd.Timestamp("1914-08-04"))["ship"])


def test_dreadnought_commissioning_date_in_fact_check(ships):
    commissioned = ships.set_index("ship").loc["HMS Dreadnought", "commissioned"]
    assert f"{commissioned.day} December in the dataset" in CHAPTER


def test_exercise_2_links_match_the_timeline():
    events = data.load("naval_race_events").set_index("event_id")
    expected = {"churchill-60-percent-1912": "novelle-announced-1912",
                "tirpitz-16-10-1913": "churchill-60-percent-1912",
                "naval-holiday-1913": "novelle-1912",
                "mckenna-six-1908": "novelle-1908"}
    for event, answered in expected.items():
        assert events.loc[event, "responds_to"] == answered, event
        assert events.loc[event, "link_type"] == "answer", event
    announced = events.loc["novelle-announced-1912", "date"]
    assert f"the Kaiser's speech of {announced.strftime('%-d %B %Y')}" in CHAPTER
    assert events.loc["haldane-mission-1912", "link_type"] == "follow_on"
    novelle = events.loc["novelle-1906"]
    assert pd.isna(novelle["responds_to"])
    assert novelle["decided"].strftime("%B %Y") == "September 1905"
    assert "a `decided` date of September 1905" in CHAPTER
    assert f"promulgation on {novelle['date'].strftime('%-d %B %Y')}" in CHAPTER
    laid = events.loc["dreadnought-laid-down-1905", "date"]
    assert novelle["decided"] < laid and f"laid on {laid.strftime('%-d %B %Y')}" in CHAPTER


# --- the notebook's "Try it yourself" model answers ---

def test_notebook_answer_1_narrowest_lead_in_keels(ships):
    laid = naval_race.fleet_counts(ships, "laid_down", range(1905, 1915))
    judged = laid[laid[DE] > 0]
    year = int((judged[UK] / judged[DE]).idxmin())
    assert year == 1908 and "1. **1908.**" in NOTEBOOK
    assert (f"Britain had laid down {laid.loc[year, UK]} dreadnought-type ships and Germany "
            f"{laid.loc[year, DE]}") in NOTEBOOK
    per_year = laid.diff().loc[year]
    assert f"Germany laid down {int(per_year[DE])} to Britain's {int(per_year[UK])}" in NOTEBOOK
    commissioned = naval_race.fleet_counts(ships, "commissioned", range(year, year + 1)).loc[year]
    assert f"Britain still led {commissioned[UK]} to {commissioned[DE]}" in NOTEBOOK


def test_notebook_answer_2_ships_joining_in_the_first_months_of_war(ships):
    before = naval_race.capital_ship_table(ships, "commissioned", "1914-08-04")
    after = naval_race.capital_ship_table(ships, "commissioned", "1914-12-31")
    total = "All dreadnought-type capital ships"
    assert (f"Britain's commissioned capital ships rose from {before.loc[total, 'Britain']} to "
            f"{after.loc[total, 'Britain']}") in NOTEBOOK
    assert f"Germany's rose from {before.loc[total, 'Germany']} to {after.loc[total, 'Germany']}" in NOTEBOOK
    joined = naval_race.joined_between(ships, "commissioned", "1914-08-04", "1914-12-31")
    for row in joined.itertuples():
        name = row.ship.split(" ", 1)[1].replace("Koenig", "König")
        assert f"*{name}*" in NOTEBOOK, row.ship
    assert len(joined) == (after.loc[total] - before.loc[total])[["Britain", "Germany"]].sum()


def test_notebook_answer_3_new_construction(construction):
    admiralty = construction["hansard1911"]
    for country, name in ((UK, "British"), (DE, "German")):
        start, end = admiralty.loc[1904, country], admiralty.loc[1910, country]
        growth = round(100 * (end / start - 1))
        text = f"£{start:.2f} million to £{end:.2f} million ({growth} per cent)"
        assert (f"{name} new construction rose from {text}" in NOTEBOOK
                or f"{name} from {text}" in NOTEBOOK), name
    assert (f"from {_share(admiralty, 1904)} per cent of Britain's to {_share(admiralty, 1910)} per cent"
            in NOTEBOOK)
