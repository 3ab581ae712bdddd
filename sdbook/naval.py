"""Counting the Anglo-German fleet race from per-ship records (chapter: the naval race)."""

from __future__ import annotations

import pandas as pd

STAGES = ("laid_down", "launched", "commissioned")
STAGE_LABELS = {"laid_down": "laid down", "launched": "launched", "commissioned": "commissioned"}
# Churchill's standard of March 1912: 60 per cent more dreadnoughts than Germany.
CHURCHILL_MARGIN = 1.6


def reached(ships: pd.DataFrame, stage: str, moment: pd.Timestamp) -> pd.DataFrame:
    """Ships known to have reached ``stage`` by ``moment``.

    A date known only to the month (``<stage>_precision == "month"``) counts from the
    end of that month: on 4 August 1914 a ship commissioned "in August 1914" is not
    yet known to be in service.
    """
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, not {stage!r}")
    dates = ships[stage]
    precision = ships.get(f"{stage}_precision", pd.Series("day", index=ships.index))
    known_by = dates.where(precision != "month", dates + pd.offsets.MonthEnd(0))
    return ships[dates.notna() & (known_by <= moment)]


def fleet_counts(ships: pd.DataFrame, stage: str, years: range) -> pd.DataFrame:
    """Ships per country that had reached ``stage`` by 31 December of each year.

    Returns a wide frame: one row per year, one column per country.
    """
    countries = sorted(ships["country"].unique())
    rows = []
    for year in years:
        counts = reached(ships, stage, pd.Timestamp(year=year, month=12, day=31))["country"].value_counts()
        rows.append({"year": year, **{c: int(counts.get(c, 0)) for c in countries}})
    return pd.DataFrame(rows).set_index("year")


def british_margin(counts: pd.DataFrame, ratio: float = CHURCHILL_MARGIN) -> pd.Series:
    """British ships above (positive) or below (negative) ``ratio`` times the German count."""
    return counts["United Kingdom"] - ratio * counts["Germany"]


def count_on(ships: pd.DataFrame, stage: str, when: str) -> pd.Series:
    """Ships per country and type known to have reached ``stage`` on a date (e.g. '1914-08-04')."""
    return reached(ships, stage, pd.Timestamp(when)).groupby(["country", "ship_type"]).size()


def spending_table(expenditure: pd.DataFrame) -> pd.DataFrame:
    """Year-by-year table of the spending chart: value, basis and source per country."""
    columns = {}
    for country, rows in expenditure.groupby("country", sort=True):
        rows = rows.set_index("year").sort_index()
        columns[f"{country} (million £)"] = rows["expenditure_million_gbp"]
        known = rows["expenditure_million_gbp"].notna()
        columns[f"{country}: basis"] = rows["basis"].where(known)
        columns[f"{country}: source"] = rows["source_key"].where(known)
    table = pd.DataFrame(columns)
    table.index.name = "Year"
    return table.reset_index()


def spending_takeaway(expenditure: pd.DataFrame) -> str:
    """One sentence on the spending race, computed from the data (first and last shared years)."""
    wide = expenditure.pivot(index="year", columns="country",
                             values="expenditure_million_gbp").dropna()
    first, last = int(wide.index.min()), int(wide.index.max())
    uk, de = wide["United Kingdom"], wide["Germany"]
    ahead = int((uk > de).sum())
    return (f"From {first} to {last} British naval spending went from £{uk[first]:.1f} million "
            f"to £{uk[last]:.1f} million (×{uk[last] / uk[first]:.1f}) and German from "
            f"£{de[first]:.1f} million to £{de[last]:.1f} million (×{de[last] / de[first]:.1f}); "
            f"Britain spent more in {ahead} of the {len(wide)} years where both are known.")


def fleet_table(ships: pd.DataFrame, years: range = range(1905, 1915)) -> pd.DataFrame:
    """Counts behind the fleet chart: every stage, both navies, and the 60 % margin."""
    columns = {}
    for stage in STAGES:
        counts = fleet_counts(ships, stage, years)
        for country in counts.columns:
            columns[f"{country}: {STAGE_LABELS[stage]}"] = counts[country]
        columns[f"British margin over 1.6 × Germany ({STAGE_LABELS[stage]})"] = \
            british_margin(counts).round(1)
    table = pd.DataFrame(columns)
    table.index.name = "Year (31 Dec)"
    return table.reset_index()


def fleet_takeaway(ships: pd.DataFrame, year: int = 1914) -> str:
    """One sentence on the fleet race at the end of ``year`` (commissioned ships)."""
    counts = fleet_counts(ships, "commissioned", range(1905, year + 1))
    uk, de = counts.loc[year, "United Kingdom"], counts.loc[year, "Germany"]
    margin = british_margin(counts)
    met = [int(y) for y in margin.index if margin[y] >= 0 and counts.loc[y, "Germany"] > 0]
    met_text = (f"met Churchill's 60 % margin in {len(met)} of those years "
                f"({', '.join(map(str, met))})" if met else "never met Churchill's 60 % margin")
    return (f"By 31 December {year} Britain had commissioned {uk} dreadnought battleships and "
            f"battlecruisers to Germany's {de} (ratio {uk / de:.2f} : 1); counting from 1905, "
            f"Britain {met_text}.")


def timeline_takeaway(events: pd.DataFrame) -> str:
    """One sentence on how many moves in the timeline answered an earlier one."""
    answered = events["responds_to"].notna() & (events["responds_to"] != "")
    by_actor = events[answered].groupby("actor").size()
    parts = ", ".join(f"{n} by {actor}" for actor, n in by_actor.items())
    first, last = events["date"].min().year, events["date"].max().year
    return (f"Of the {len(events)} dated moves from {first} to {last}, {int(answered.sum())} "
            f"are recorded as answers to an earlier move ({parts}): the arrows show who was "
            f"reacting to whom.")


_DATE_FORMATS = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


def numbered_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events in date order (ties by id), numbered from 1; chart and table share the numbers.

    ``when`` shows each date only as precisely as the source gives it ("1897", not "1 Jan 1897").
    """
    ordered = events.sort_values(["date", "event_id"]).reset_index(drop=True)
    ordered["number"] = range(1, len(ordered) + 1)
    ordered["when"] = [date.strftime(_DATE_FORMATS[precision]).lstrip("0")
                       for date, precision in zip(ordered["date"], ordered["date_precision"])]
    return ordered


def timeline_table(events: pd.DataFrame) -> pd.DataFrame:
    """The timeline's events, numbered as on the chart."""
    ordered = numbered_events(events)
    number_of = dict(zip(ordered["event_id"], ordered["number"]))
    ordered["responds_to"] = [f"No. {number_of[r]}" if isinstance(r, str) and r else None
                              for r in ordered["responds_to"]]
    table = ordered[["number", "when", "actor", "event", "responds_to"]]
    return table.rename(columns={"number": "No.", "when": "Date", "actor": "Actor", "event": "Event",
                                 "responds_to": "Answers"})
