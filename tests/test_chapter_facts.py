"""The numbers the naval-race chapter quotes are recomputed from the data here.

If a dataset is corrected, these tests fail until the prose is brought into line:
the book never says one thing in a chapter and plots another in a chart.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from sdbook import data, naval

CHAPTER = (ROOT / "docs" / "naval-race" / "index.md").read_text(encoding="utf-8")
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
    counts = naval.count_on(ships, "commissioned", when)
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
    launched = naval.count_on(ships, "launched", "1914-08-04")
    assert int(launched[(DE, "battleship")]) == 17
    assert "Seventeen is the number of German dreadnought battleships that had been *launched*" in CHAPTER


def test_exercise_6_keels_laid_per_year(ships):
    laid = naval.fleet_counts(ships, "laid_down", range(1905, 1913)).diff()
    for year in range(1906, 1911):
        assert _row(year, int(laid.loc[year, UK]), int(laid.loc[year, DE])) in CHAPTER, year
    by_1908 = naval.fleet_counts(ships, "laid_down", range(1908, 1909)).loc[1908]
    in_service_1912 = naval.fleet_counts(ships, "commissioned", range(1912, 1913)).loc[1912]
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


def test_german_spending_figures(spending):
    for year in (1907, 1911, 1913):
        assert f"£{spending[(DE, year)]:.2f} million" in CHAPTER, year
    rise = round(100 * (spending[(DE, 1913)] / spending[(DE, 1907)] - 1))
    assert f"a rise of about {rise} per cent" in CHAPTER
