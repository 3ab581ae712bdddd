"""The many-sided South China Sea: spending, burden and island-building
(chapter: today/index.md, part 2).

Pure functions over ``asia_military_spending`` (SIPRI, 2025 release), ``scs_reclamation``
(AMTI) and ``scs_events``. They answer one question the source article asserts: are
China's neighbours "caught in the same loop", in money spent or in the share of their
economies it takes?
"""

from __future__ import annotations

import pandas as pd

# The year China began large-scale reclamation in the Spratlys (AMTI): the base of the index.
BASE_YEAR = 2013
CLAIMANTS = ("China", "Vietnam", "Philippines", "Malaysia", "Taiwan")
NEIGHBOURS = ("Vietnam", "Philippines", "Malaysia", "Indonesia", "Taiwan", "Japan")
ORDER = ("China", "Vietnam", "Philippines", "Malaysia", "Indonesia", "Taiwan", "Japan",
         "United States")
CONSTANT, SHARE = "milex_constant_2023_usd_m", "milex_share_gdp_pct"


def wide(spending: pd.DataFrame, column: str) -> pd.DataFrame:
    """Years down, countries across (in the book's order); gaps stay NaN."""
    table = spending.pivot(index="year", columns="country", values=column)
    return table[[c for c in ORDER if c in table.columns]]


def indexed(spending: pd.DataFrame, base_year: int = BASE_YEAR) -> pd.DataFrame:
    """Constant-dollar spending as an index, ``base_year`` = 100 (NaN where no base)."""
    levels = wide(spending, CONSTANT)
    return (100 * levels / levels.loc[base_year]).round(1)


def last_year(series: pd.Series) -> int:
    """The last year a series has a value: the edge of the data for that country."""
    return int(series.dropna().index.max())


def loop_test(spending: pd.DataFrame, base_year: int = BASE_YEAR) -> pd.DataFrame:
    """Did each country's spending follow China's after ``base_year``, in level and burden?

    For each country, up to its own last year of data (never beyond): the growth of
    spending in constant dollars, the change in its share of GDP in percentage points,
    and how far its year-on-year changes moved with China's (correlation of growth rates).
    """
    levels, shares = wide(spending, CONSTANT), wide(spending, SHARE)
    growth = levels.pct_change(fill_method=None)
    rows = []
    for country in levels.columns:
        end = last_year(levels[country])
        rows.append({
            "country": country, "to_year": end,
            "level_ratio": round(levels.loc[end, country] / levels.loc[base_year, country], 2),
            "share_base": round(shares.loc[base_year, country], 2),
            "share_end": round(shares.loc[end, country], 2),
            "share_change_pts": round(shares.loc[end, country] - shares.loc[base_year, country], 2),
            "growth_corr_with_china": round(growth[country].corr(growth["China"]), 2),
        })
    return pd.DataFrame(rows).set_index("country")


def loop_verdict(spending: pd.DataFrame, base_year: int = BASE_YEAR) -> dict:
    """Counts of neighbours whose level rose, and whose burden rose, after ``base_year``."""
    test = loop_test(spending, base_year).loc[list(NEIGHBOURS)]
    return {"neighbours": len(test),
            "level_rose": sorted(test.index[test["level_ratio"] > 1]),
            "burden_rose": sorted(test.index[test["share_change_pts"] > 0]),
            "burden_fell": sorted(test.index[test["share_change_pts"] < 0]),
            "china_level_ratio": loop_value(spending, "China", "level_ratio", base_year),
            "china_share_change": loop_value(spending, "China", "share_change_pts", base_year)}


def loop_value(spending: pd.DataFrame, country: str, column: str, base_year: int = BASE_YEAR):
    return loop_test(spending, base_year).loc[country, column]


def spending_table(spending: pd.DataFrame) -> pd.DataFrame:
    """Constant-dollar spending, the index and SIPRI's marker, per country and year."""
    levels, index = wide(spending, CONSTANT), indexed(spending)
    status = spending.pivot(index="year", columns="country", values="constant_status")
    columns = {}
    for country in levels.columns:
        columns[f"{country} (US$ m, 2023 prices)"] = levels[country]
        columns[f"{country} ({BASE_YEAR} = 100)"] = index[country]
        columns[f"{country}: SIPRI marker"] = status[country].where(status[country] != "reported", "")
    table = pd.DataFrame(columns)
    table.index.name = "Year"
    return table.reset_index()


def spending_takeaway(spending: pd.DataFrame) -> str:
    verdict = loop_verdict(spending)
    test = loop_test(spending)
    end = int(test.loc["China", "to_year"])
    return (f"From {BASE_YEAR} to {end} China's spending rose to {verdict['china_level_ratio']:.2f} "
            f"times its {BASE_YEAR} level (a SIPRI estimate); {len(verdict['level_rose'])} of the "
            f"{verdict['neighbours']} neighbours also spent more by their last year of data, but "
            f"their year-to-year changes hardly moved with China's (correlations "
            f"{test.loc[list(NEIGHBOURS), 'growth_corr_with_china'].min():.2f} to "
            f"{test.loc[list(NEIGHBOURS), 'growth_corr_with_china'].max():.2f}); Viet Nam's "
            f"series stops in {int(test.loc['Vietnam', 'to_year'])}.")


def burden_table(spending: pd.DataFrame) -> pd.DataFrame:
    shares = wide(spending, SHARE)
    status = spending.pivot(index="year", columns="country", values="share_status")
    columns = {}
    for country in shares.columns:
        columns[f"{country} (% of GDP)"] = shares[country].round(2)
        columns[f"{country}: SIPRI marker"] = status[country].where(status[country] != "reported", "")
    table = pd.DataFrame(columns)
    table.index.name = "Year"
    return table.reset_index()


def burden_takeaway(spending: pd.DataFrame) -> str:
    verdict = loop_verdict(spending)
    test = loop_test(spending)
    fell = ", ".join(f"{c} {test.loc[c, 'share_base']:.2f}→{test.loc[c, 'share_end']:.2f}%"
                     for c in verdict["burden_fell"])
    rose = ", ".join(f"{c} {test.loc[c, 'share_base']:.2f}→{test.loc[c, 'share_end']:.2f}%"
                     for c in verdict["burden_rose"])
    china = test.loc["China"]
    return (f"Measured as a share of GDP, China's burden barely moved after {BASE_YEAR} "
            f"({china['share_base']:.2f}→{china['share_end']:.2f}% by {int(china['to_year'])}); "
            f"among its neighbours it fell for "
            f"{len(verdict['burden_fell'])} ({fell}) and rose for {len(verdict['burden_rose'])} "
            f"({rose}), each to its last year of data.")


def reclamation_table(reclamation: pd.DataFrame) -> pd.DataFrame:
    table = reclamation.sort_values(["as_of", "claimant"])[
        ["claimant", "as_of", "area_acres", "area_scope", "source_key", "note"]].copy()
    table["as_of"] = table["as_of"].dt.strftime("%Y-%m")
    return table.rename(columns={"claimant": "Claimant", "as_of": "Survey (year-month)",
                                 "area_acres": "Acres", "area_scope": "Where counted",
                                 "source_key": "Source", "note": "Note"}).reset_index(drop=True)


def latest_area(reclamation: pd.DataFrame, claimant: str) -> pd.Series:
    rows = reclamation[reclamation["claimant"] == claimant].sort_values("as_of")
    return rows.iloc[-1]


def reclamation_takeaway(reclamation: pd.DataFrame) -> str:
    china, vietnam = latest_area(reclamation, "China"), latest_area(reclamation, "Vietnam")
    early = reclamation[(reclamation["claimant"] == "Vietnam")].sort_values("as_of").iloc[0]
    return (f"In AMTI's survey of {vietnam['as_of']:%B %Y} Viet Nam had created "
            f"{vietnam['area_acres']:,.0f} acres of land to China's {china['area_acres']:,.0f} "
            f"({100 * vietnam['area_acres'] / china['area_acres']:.0f} per cent), up from "
            f"{early['area_acres']:,.0f} acres in {early['as_of']:%B %Y}: the island-building "
            f"race that began with China now has a second runner.")
