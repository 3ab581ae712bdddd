"""The numbers the core-logic chapter quotes are recomputed from the data here.

If a dataset is corrected, these tests fail until the prose is brought into line.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from sdbook import core_logic, data

CHAPTER = (ROOT / "docs" / "core-logic" / "index.md").read_text(encoding="utf-8")
CONSTANT, SHARE = "milex_constant_2023_usd_million", "milex_share_of_gdp_percent"


@pytest.fixture(scope="module")
def milex():
    return data.load("rivalry_military_spending")


@pytest.fixture(scope="module")
def cow():
    return data.load("rivalry_milex_cow")


def value(milex, country, year, column=CONSTANT):
    row = milex[(milex["country"] == country) & (milex["year"] == year)]
    return float(row[column].iloc[0])


def pounds(cow, country, year):
    row = cow[(cow["country"] == country) & (cow["year"] == year)]
    assert row["currency"].iloc[0] == "GBP"
    return float(row["milex_thousands"].iloc[0]) / 1000


def percent_change(new, old):
    return round(100 * (new / old - 1))


def years_heavier(milex, pair, heavier):
    """Years in which ``heavier`` spent the larger share of GDP, and years with both figures."""
    a, b = core_logic.PAIRS[pair]
    other = b if heavier == a else a
    frame = core_logic.pair_frame(milex, pair, "share").dropna(subset=[a, b])
    return int((frame[heavier] > frame[other]).sum()), len(frame)


def test_greece_and_turkey_after_cyprus_and_the_debt_crisis(milex):
    turkey = percent_change(value(milex, "Turkey", 1975), value(milex, "Turkey", 1974))
    greece = percent_change(value(milex, "Greece", 1975), value(milex, "Greece", 1974))
    assert (f"in 1975 Turkey's spending was {turkey} per cent higher than in 1974 in constant "
            f"dollars, and Greece's {greece} per cent higher") in CHAPTER
    heavier, years = years_heavier(milex, "Greece–Turkey", "Greece")
    assert f"larger share of GDP than Turkey's in {heavier} of the {years} years" in CHAPTER
    cut = round(100 * (1 - value(milex, "Greece", 2014) / value(milex, "Greece", 2009)))
    assert f"by {cut} per cent between 2009 and 2014" in CHAPTER
    assert value(milex, "Turkey", 2024) / value(milex, "Turkey", 2015) > 2
    assert "Turkey's more than doubled between 2015 and 2024" in CHAPTER


def test_india_and_pakistan_ratios_and_burdens(milex):
    ratio = {y: value(milex, "India", y) / value(milex, "Pakistan", y) for y in (1960, 1971, 2024)}
    assert (f"India spent {ratio[1960]:.1f} times as much as Pakistan in 1960 and "
            f"{ratio[2024]:.1f} times as much in 2024") in CHAPTER
    assert (f"India spent {ratio[1971]:.1f} times as much as Pakistan in 1971 and "
            f"{ratio[2024]:.1f} times as much in 2024") in CHAPTER
    pakistan, india = value(milex, "Pakistan", 2024, SHARE), value(milex, "India", 2024, SHARE)
    assert f"took {pakistan:.2f} per cent of GDP against India's {india:.2f} per cent" in CHAPTER
    heavier, years = years_heavier(milex, "India–Pakistan", "Pakistan")
    assert f"higher than India's in {heavier} of the {years} years" in CHAPTER


def test_israel_and_egypt_burdens(milex):
    year, peak = core_logic.peak_share(milex, "Israel")
    assert f"Israel's military spending reached {peak:.1f} per cent of its GDP in {year}" in CHAPTER
    year, peak = core_logic.peak_share(milex, "Egypt")
    assert f"Egypt's {peak:.1f} per cent in {year}" in CHAPTER
    assert f"(to {value(milex, 'Egypt', 1979, SHARE):.1f} per cent in 1979)" in CHAPTER
    assert f"to {value(milex, 'Egypt', 1990, SHARE):.1f} per cent in 1990" in CHAPTER
    assert (f"Israel's fell to {value(milex, 'Israel', 1990, SHARE):.1f} per cent in 1990 and "
            f"{value(milex, 'Israel', 2000, SHARE):.1f} per cent in 2000") in CHAPTER
    rise = percent_change(value(milex, "Israel", 2024), value(milex, "Israel", 2023))
    assert (f"{value(milex, 'Israel', 2024, SHARE):.1f} per cent of GDP in 2024 and {rise} per "
            f"cent more in constant dollars than in 2023") in CHAPTER
    recent = milex[(milex["country"] == "Egypt") & (milex["year"] >= 2010)]
    assert (recent["milex_constant_flag"] == "uncertain").all()
    assert "SIPRI marks Egypt's recent figures as highly uncertain" in CHAPTER


def test_argentina_climbs_down_and_brazil_overtakes(milex):
    argentina = milex[milex["country"] == "Argentina"].set_index("year")[CONSTANT]
    peak_year = int(argentina.idxmax())
    fall = round(100 * (1 - argentina[1990] / argentina[peak_year]))
    assert f"peaked in {peak_year} under the military junta and fell by {fall} per cent by 1990" in CHAPTER
    assert f"by {fall} per cent between {peak_year} and 1990" in CHAPTER
    frame = core_logic.pair_frame(milex, "Argentina–Brazil", "constant").dropna(subset=["Argentina", "Brazil"])
    behind = frame.index[frame["Brazil"] <= frame["Argentina"]]
    since = int(behind.max()) + 1
    assert f"Brazil has outspent Argentina in every year since {since}" in CHAPTER
    assert f"Brazil has spent more than Argentina in every year since {since}" in CHAPTER


def test_the_dreadnought_race_and_the_balkan_wars_in_pounds(cow):
    brazil = {y: pounds(cow, "Brazil", y) for y in (1905, 1911)}
    argentina = {y: pounds(cow, "Argentina", y) for y in (1905, 1911, 1913)}
    assert (f"Brazil's military spending rose from £{brazil[1905]:.1f} million in 1905 to "
            f"£{brazil[1911]:.1f} million in 1911, and Argentina's from £{argentina[1905]:.1f} "
            f"million in 1905 to £{argentina[1913]:.1f} million in 1913") in CHAPTER
    assert core_logic.cow_peak(cow, "Argentina", "GBP") == (1913, pytest.approx(argentina[1913]))
    assert (f"a factor of {brazil[1911] / brazil[1905]:.1f}; Argentina's from £{argentina[1905]:.1f} "
            f"million to £{argentina[1911]:.1f} million, a factor of "
            f"{argentina[1911] / argentina[1905]:.1f} (Argentina's highest pre-war figure, "
            f"£{argentina[1913]:.1f} million, came in 1913)") in CHAPTER
    greece = {y: pounds(cow, "Greece", y) for y in (1912, 1913)}
    assert round(greece[1913] / greece[1912]) == 4
    assert (f"a fourfold jump in Greek spending, from £{greece[1912]:.1f} million in 1912 to "
            f"£{greece[1913]:.1f} million in 1913") in CHAPTER


def test_quiz_answer_is_the_data(milex):
    ratio = value(milex, "India", 2024) / value(milex, "Pakistan", 2024)
    assert f"= {ratio:.1f} ± 0.1" in CHAPTER
    assert (f"about US$ {value(milex, 'India', 2024) / 1000:.1f} billion against US$ "
            f"{value(milex, 'Pakistan', 2024) / 1000:.1f} billion, up from a ratio of "
            f"{value(milex, 'India', 1960) / value(milex, 'Pakistan', 1960):.1f} in 1960") in CHAPTER
