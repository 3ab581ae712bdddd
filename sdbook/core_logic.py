"""Enduring rival pairs in the data (chapter: the core logic, core-logic/index.md).

Two producers, kept apart on purpose:

- SIPRI (``rivalry_military_spending``), 1949-2024: constant 2023 US$ and share of GDP;
- Correlates of War NMC v6.0 (``rivalry_milex_cow``), before 1949: current pounds to
  1913 and current US dollars from 1914.

Nothing here joins the two producers, or the two COW currencies, into one series.
"""

from __future__ import annotations

import pandas as pd

# The pairs the chapter follows, in the order the chapter introduces them.
PAIRS = {
    "India–Pakistan": ("India", "Pakistan"),
    "Greece–Turkey": ("Greece", "Turkey"),
    "Israel–Egypt": ("Israel", "Egypt"),
    "Argentina–Brazil": ("Argentina", "Brazil"),
}
# Before 1949 the Correlates of War data cover only these two pairs with any depth.
COW_PAIRS = {pair: PAIRS[pair] for pair in ("Greece–Turkey", "Argentina–Brazil")}
# COW measures military spending in pounds until 1913 and in US dollars from 1914.
COW_CURRENCIES = {"GBP": "£", "USD": "US$"}
LAST_POUND_YEAR = 1913
# COW's state 640 is the Ottoman Empire until 1922: say so wherever it is labelled.
COW_LABELS = {"Turkey": "Turkey (Ottoman Empire to 1922)"}

MEASURES = {
    "constant": ("milex_constant_2023_usd_million", "milex_constant_flag"),
    "share": ("milex_share_of_gdp_percent", "share_of_gdp_flag"),
}
FLAG_MARKS = {"estimate": "e", "uncertain": "u"}


def _check_pair(pair: str, pairs: dict) -> tuple[str, str]:
    if pair not in pairs:
        raise ValueError(f"unknown pair {pair!r}; known: {list(pairs)}")
    return pairs[pair]


def pair_frame(milex: pd.DataFrame, pair: str, measure: str) -> pd.DataFrame:
    """One row per year 1949-2024: each rival's value and SIPRI flag for ``measure``.

    Columns: ``<country>`` (value, NaN where SIPRI has none) and ``<country> flag``.
    Constant-dollar values are in US$ billion (the CSV holds millions).
    """
    value_col, flag_col = MEASURES[measure]
    scale = 1000 if measure == "constant" else 1
    frame = pd.DataFrame(index=pd.Index(sorted(milex["year"].unique()), name="year"))
    for country in _check_pair(pair, PAIRS):
        rows = milex[milex["country"] == country].set_index("year").reindex(frame.index)
        frame[country] = rows[value_col] / scale
        frame[f"{country} flag"] = rows[flag_col].where(rows[value_col].notna())
    return frame


def first_common_year(frame: pd.DataFrame, pair: str) -> int:
    """The first year with a figure for both rivals."""
    a, b = PAIRS[pair]
    both = frame[[a, b]].dropna()
    return int(both.index.min())


def growth(milex: pd.DataFrame, pair: str, end: int = 2024) -> dict[str, tuple[int, float, float]]:
    """Per rival: (first common year, value then, value in ``end``), constant US$ billion."""
    frame = pair_frame(milex, pair, "constant")
    start = first_common_year(frame, pair)
    return {c: (start, float(frame.loc[start, c]), float(frame.loc[end, c])) for c in PAIRS[pair]}


def spending_takeaway(milex: pd.DataFrame) -> str:
    """One sentence on the constant-dollar chart, computed from the data."""
    parts = []
    for pair, (a, b) in PAIRS.items():
        g = growth(milex, pair)
        (start, a0, a1), (_, b0, b1) = g[a], g[b]
        parts.append(f"×{a1 / a0:.1f} in {a} and ×{b1 / b0:.1f} in {b} (from {start})")
    return ("In constant 2023 dollars, from the first year SIPRI has figures for both rivals "
            "to 2024, military spending changed " + "; ".join(parts) + ".")


def peak_share(milex: pd.DataFrame, country: str) -> tuple[int, float]:
    """Year and value of a country's highest military burden (% of GDP) in the data."""
    rows = milex[(milex["country"] == country) & milex["milex_share_of_gdp_percent"].notna()]
    top = rows.loc[rows["milex_share_of_gdp_percent"].idxmax()]
    return int(top["year"]), float(top["milex_share_of_gdp_percent"])


def share_in(milex: pd.DataFrame, country: str, year: int) -> float:
    row = milex[(milex["country"] == country) & (milex["year"] == year)]
    return float(row["milex_share_of_gdp_percent"].iloc[0])


def burden_takeaway(milex: pd.DataFrame, end: int = 2024) -> str:
    """One sentence on the share-of-GDP chart: peaks against the latest year."""
    countries = [c for pair in PAIRS.values() for c in pair]
    peaks = {c: peak_share(milex, c) for c in countries}
    latest = {c: share_in(milex, c, end) for c in countries}
    lower = [c for c in countries if latest[c] < peaks[c][1]]
    steepest = max(countries, key=lambda c: peaks[c][1] - latest[c])
    highest = max(countries, key=lambda c: peaks[c][1])
    count = "all eight" if len(lower) == len(countries) else f"{len(lower)} of the eight"
    fall = (f"from {peaks[steepest][1]:.1f}% in {peaks[steepest][0]} to {latest[steepest]:.1f}%")
    if steepest == highest:
        detail = (f"{highest} had both the highest peak and the largest fall, {fall}")
    else:
        detail = (f"the highest peak was {highest}'s ({peaks[highest][1]:.1f}% in "
                  f"{peaks[highest][0]}) and the largest fall {steepest}'s, {fall}")
    return (f"In {end}, {count} countries spent a smaller share of GDP on the military than at "
            f"their peak; {detail}.")


def spending_table(milex: pd.DataFrame, measure: str = "constant") -> pd.DataFrame:
    """Every value behind a SIPRI chart, one column per country, SIPRI's marks kept.

    Values carry " e" (SIPRI estimate) or " u" (highly uncertain) as SIPRI marks them.
    """
    value_col, flag_col = MEASURES[measure]
    scale, digits = (1000, 2) if measure == "constant" else (1, 2)
    countries = [c for pair in PAIRS.values() for c in pair]
    table = pd.DataFrame({"Year": sorted(milex["year"].unique())})
    for country in countries:
        rows = milex[milex["country"] == country].set_index("year").reindex(table["Year"])
        cells = []
        for value, flag in zip(rows[value_col], rows[flag_col]):
            if pd.isna(value):
                cells.append(None)
            else:
                mark = FLAG_MARKS.get(flag, "") if isinstance(flag, str) else ""
                cells.append(f"{value / scale:,.{digits}f}" + (f" {mark}" if mark else ""))
        table[country] = cells
    return table


# --- Correlates of War, before 1949 ---------------------------------------------------

def cow_frame(cow: pd.DataFrame, pair: str, currency: str) -> pd.DataFrame:
    """Each rival's COW military spending in one currency era, in millions (wide, by year).

    Years run from the first year either rival has a figure in that era to the era's end,
    so the two currencies never share a frame.
    """
    if currency not in COW_CURRENCIES:
        raise ValueError(f"currency must be one of {list(COW_CURRENCIES)}, not {currency!r}")
    countries = _check_pair(pair, COW_PAIRS)
    era = cow[(cow["currency"] == currency) & cow["country"].isin(countries)]
    known = era[era["milex_thousands"].notna()]
    years = range(int(known["year"].min()), int(era["year"].max()) + 1)
    frame = pd.DataFrame(index=pd.Index(years, name="year"))
    for country in countries:
        rows = era[era["country"] == country].set_index("year").reindex(frame.index)
        frame[country] = rows["milex_thousands"] / 1000
    return frame


def cow_peak(cow: pd.DataFrame, country: str, currency: str) -> tuple[int, float]:
    """Year and value (millions, current) of a country's highest COW figure in one era."""
    rows = cow[(cow["country"] == country) & (cow["currency"] == currency)
               & cow["milex_thousands"].notna()]
    top = rows.loc[rows["milex_thousands"].idxmax()]
    return int(top["year"]), float(top["milex_thousands"]) / 1000


def cow_takeaway(cow: pd.DataFrame) -> str:
    """One sentence on the pre-1914 peaks, in current pounds (the era the chart opens on)."""
    parts = []
    for pair, (a, b) in COW_PAIRS.items():
        (ya, va), (yb, vb) = cow_peak(cow, a, "GBP"), cow_peak(cow, b, "GBP")
        parts.append(f"{COW_LABELS.get(a, a)} £{va:.1f} million ({ya}) against "
                     f"{COW_LABELS.get(b, b)} £{vb:.1f} million ({yb})")
    return ("Before 1914, in current pounds, the highest yearly military spending in the "
            "Correlates of War data was " + "; ".join(parts) + "; after 1913 the figures are "
            "in US dollars and are drawn separately.")


def cow_table(cow: pd.DataFrame) -> pd.DataFrame:
    """Every value behind the pre-1949 chart, with its currency, one row per year."""
    countries = [c for pair in COW_PAIRS.values() for c in pair]
    years = sorted(cow["year"].unique())
    table = pd.DataFrame({"Year": years})
    table["Currency"] = ["£" if y <= LAST_POUND_YEAR else "US$" for y in years]
    for country in countries:
        rows = cow[cow["country"] == country].set_index("year").reindex(years)
        table[f"{COW_LABELS.get(country, country)} (million, current)"] = (
            rows["milex_thousands"] / 1000).round(3).tolist()
    return table
