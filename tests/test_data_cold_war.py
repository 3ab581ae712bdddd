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
