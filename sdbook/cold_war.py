"""Counting the Cold War nuclear competition (chapter: cold-war/index.md).

Pure functions over the frames that :func:`sdbook.load` returns: warhead stockpiles
(FAS), nuclear tests (ACA), US defence outlays (OMB), US and Soviet intercontinental
launchers (Suh) and the action-reaction timeline. Each chart's takeaway sentence and
data table are built here, so the notebook, the chart and the tests share one count.
"""

from __future__ import annotations

import pandas as pd

from . import events as book_events

US = "United States"
USSR = "Soviet Union / Russia"
SUPERPOWERS = (US, USSR)
COLD_WAR = range(1945, 1992)  # calendar years 1945-1991
LEGS = {"icbms": "land-based missiles (ICBMs)", "slbms": "submarine missiles (SLBMs)",
        "bombers": "bombers"}


def wide(frame: pd.DataFrame, value: str, index: str = "year") -> pd.DataFrame:
    """One row per year, one column per country; an empty cell stays NaN (never 0)."""
    return frame.pivot(index=index, columns="country", values=value).astype("Float64")


def peak(frame: pd.DataFrame, country: str, value: str = "warheads") -> tuple[int, int]:
    """(year, value) of a country's highest figure; the earliest year if it repeats."""
    series = frame[frame["country"] == country].set_index("year")[value].dropna()
    if series.empty:
        raise ValueError(f"no {value} figures for {country!r}")
    year = int(series.idxmax())
    return year, int(series[year])


def value_in(frame: pd.DataFrame, country: str, year: int, value: str = "warheads") -> int:
    """One country's figure in one year (fails loudly if the cell is empty)."""
    cell = frame[(frame["country"] == country) & (frame["year"] == year)][value]
    if cell.empty or pd.isna(cell.iloc[0]):
        raise ValueError(f"no {value} figure for {country!r} in {year}")
    return int(cell.iloc[0])


def world_stockpile(warheads: pd.DataFrame) -> pd.Series:
    """Sum of all national stockpiles per year (FAS's 'total inventory' also counts retired warheads)."""
    return warheads.groupby("year")["warheads"].sum(min_count=1).astype("Int64")


def stockpile_takeaway(warheads: pd.DataFrame) -> str:
    """The asymmetry in one sentence: the two stockpiles peaked two decades apart."""
    us_year, us_peak = peak(warheads, US)
    su_year, su_peak = peak(warheads, USSR)
    us_then = value_in(warheads, US, su_year)
    world = world_stockpile(warheads)
    return (f"The US stockpile peaked first, at {us_peak:,} warheads in {us_year}; the Soviet one "
            f"kept growing until {su_year} ({su_peak:,}), when the US held {us_then:,} - and the "
            f"world's stockpiles together peaked at {int(world.max()):,} in {int(world.idxmax())}.")


def stockpile_table(warheads: pd.DataFrame) -> pd.DataFrame:
    """Warheads per country and year (every state, every year FAS gives a figure)."""
    table = wide(warheads, "warheads").dropna(how="all")
    order = [c for c in (US, USSR) if c in table] + sorted(c for c in table if c not in SUPERPOWERS)
    table = table[order]
    table.index.name = "Year"
    return table.reset_index()


def tests_takeaway(tests: pd.DataFrame) -> str:
    """Tests per year in one sentence: the 1962 peak, the moratorium and the totals."""
    per_year = tests.groupby("year")["tests"].sum()
    top = int(per_year.idxmax())
    totals = tests.groupby("country")["tests"].sum()
    superpowers = tests[tests["country"].isin(SUPERPOWERS)].groupby("year")["tests"].sum()
    # the 1958-61 moratorium: whole calendar years with no US or Soviet test
    quiet = [int(y) for y in range(1955, 1963) if superpowers.get(y, 0) == 0]
    return (f"Testing peaked in {top} with {int(per_year[top])} tests, just before the Limited Test "
            f"Ban; the superpowers tested not at all in {quiet[0]}-{quiet[-1]} (the moratorium); "
            f"of {int(totals.sum()):,} tests from 1945 to {int(tests['year'].max())}, the US conducted {int(totals[US]):,} and the "
            f"Soviet Union {int(totals[USSR]):,}.")


def tests_table(tests: pd.DataFrame) -> pd.DataFrame:
    """Tests per country and year, with the world total."""
    table = wide(tests, "tests")
    order = [US, USSR] + [c for c in table if c not in SUPERPOWERS]
    table = table[order]
    table["All states"] = table.sum(axis=1, min_count=1)
    table.index.name = "Year"
    return table.reset_index()


def outlays_constant(outlays: pd.DataFrame) -> pd.DataFrame:
    """Add defence outlays in billions of current and of constant FY 2012 dollars.

    Constant dollars = current outlays / OMB's composite defence outlay deflator
    (Table 10.1), the method OMB uses for its own constant-dollar tables.
    """
    out = outlays.copy()
    out["billion_current"] = out["outlays_million_usd"] / 1000
    out["billion_fy2012"] = out["outlays_million_usd"] / out["defense_deflator_fy2012"] / 1000
    return out


def first_year_above(outlays: pd.DataFrame, million_usd: int) -> int:
    """First fiscal year whose actual outlays reached a level (e.g. 200,000 = $200 billion)."""
    actual = outlays[(outlays["basis"] == "actual") & (outlays["outlays_million_usd"] >= million_usd)]
    return int(actual["fiscal_year"].min())


def burden_peak(outlays: pd.DataFrame, first: int, last: int) -> tuple[int, float]:
    """(fiscal year, % of GDP) of the highest defence burden in a span of fiscal years."""
    span = outlays[outlays["fiscal_year"].between(first, last)].set_index("fiscal_year")
    year = int(span["share_of_gdp_percent"].idxmax())
    return year, float(span.loc[year, "share_of_gdp_percent"])


def burden_takeaway(outlays: pd.DataFrame) -> str:
    """The US defence burden across the Cold War in one sentence."""
    korea = burden_peak(outlays, 1950, 1955)
    vietnam = burden_peak(outlays, 1965, 1972)
    reagan = burden_peak(outlays, 1980, 1991)
    end = outlays.set_index("fiscal_year").loc[1991, "share_of_gdp_percent"]
    return (f"US defence outlays took {korea[1]:.1f} % of GDP at the Korean War peak (FY {korea[0]}), "
            f"{vietnam[1]:.1f} % in Vietnam (FY {vietnam[0]}) and only {reagan[1]:.1f} % at the height "
            f"of the Reagan build-up (FY {reagan[0]}), falling to {end:.1f} % by FY 1991.")


def burden_table(outlays: pd.DataFrame, last: int = 1991) -> pd.DataFrame:
    """Fiscal years 1945 to ``last``: current and constant dollars and the shares."""
    out = outlays_constant(outlays)
    out = out[out["fiscal_year"].between(1945, last)]
    table = out[["fiscal_year", "billion_current", "billion_fy2012", "share_of_gdp_percent",
                 "share_of_federal_outlays_percent", "basis"]].round(1)
    return table.rename(columns={
        "fiscal_year": "Fiscal year", "billion_current": "$ billion (current)",
        "billion_fy2012": "$ billion (FY 2012 prices)", "share_of_gdp_percent": "% of GDP",
        "share_of_federal_outlays_percent": "% of federal outlays", "basis": "Basis"})


def launcher_totals(launchers: pd.DataFrame) -> pd.DataFrame:
    """Launchers of all three legs per side and year, beside the warheads they could deliver."""
    out = launchers.copy()
    out["launchers"] = out[list(LEGS)].sum(axis=1)
    return out


def triad_takeaway(launchers: pd.DataFrame) -> str:
    """Launchers levelled off long before warheads did: MIRV, in one sentence."""
    totals = launcher_totals(launchers)
    us_year, us_launchers = peak(totals, US, "launchers")
    us_warheads_then = value_in(totals, US, us_year, "deliverable_warheads")
    us_1980 = value_in(totals, US, 1980, "deliverable_warheads")
    su_year, su_launchers = peak(totals[totals["year"] <= 1991], USSR, "launchers")
    su_w_year, su_warheads = peak(totals[totals["year"] <= 1991], USSR, "deliverable_warheads")
    return (f"US intercontinental launchers peaked at {us_launchers:,} in {us_year}, yet the warheads "
            f"they could deliver rose from {us_warheads_then:,} then to {us_1980:,} in 1980 as missiles "
            f"took multiple warheads; Soviet launchers peaked at {su_launchers:,} in {su_year} and their "
            f"warheads at {su_warheads:,} in {su_w_year}.")


def triad_table(launchers: pd.DataFrame) -> pd.DataFrame:
    """Each side's ICBMs, SLBMs, bombers and deliverable warheads per year."""
    totals = launcher_totals(launchers)
    columns = {}
    for country in SUPERPOWERS:
        rows = totals[totals["country"] == country].set_index("year")
        for leg, label in LEGS.items():
            columns[f"{country}: {label}"] = rows[leg]
        columns[f"{country}: deliverable warheads"] = rows["deliverable_warheads"]
    table = pd.DataFrame(columns)
    table.index.name = "Year"
    return table.reset_index()


def change_vs_level(warheads: pd.DataFrame, years: range = range(1950, 1992)) -> pd.DataFrame:
    """Richardson's question for each side: this year's change against the rival's level last year.

    One row per side and year: ``change`` = stockpile(t) - stockpile(t-1), ``rival_level`` =
    the other side's stockpile in t-1. Years where either figure is missing are dropped.
    """
    table = wide(warheads[warheads["country"].isin(SUPERPOWERS)], "warheads")
    rows = []
    for own, rival in ((US, USSR), (USSR, US)):
        change = table[own].diff()
        level = table[rival].shift(1)
        for year in years:
            if year in table.index and pd.notna(change.get(year)) and pd.notna(level.get(year)):
                rows.append({"country": own, "year": year, "change": int(change[year]),
                             "rival_level": int(level[year])})
    return pd.DataFrame(rows)


def spiral_correlation(points: pd.DataFrame, country: str) -> float:
    """Pearson correlation of a side's yearly change with the rival's level (a first look, not a test)."""
    rows = points[points["country"] == country]
    return float(rows["change"].astype(float).corr(rows["rival_level"].astype(float)))


def spiral_takeaway(points: pd.DataFrame) -> str:
    """Whether each side grew faster when the other was bigger, in one sentence."""
    us, su = spiral_correlation(points, US), spiral_correlation(points, USSR)
    years = points.pivot(index="year", columns="country", values="change")
    apart = years[(years[US] < 0) & (years[USSR] > 0)]
    def follows(r):
        return "rose with" if r > 0.2 else "did not rise with"
    return (f"Soviet growth {follows(su)} the US level (correlation {su:+.2f}); US growth "
            f"{follows(us)} the Soviet level (correlation {us:+.2f}); in {len(apart)} of {len(years)} years the "
            f"US stockpile shrank while the Soviet one grew.")


def spiral_table(points: pd.DataFrame) -> pd.DataFrame:
    """The points of the change-versus-level chart."""
    return points.rename(columns={"country": "Side", "year": "Year",
                                  "change": "Change in own stockpile",
                                  "rival_level": "Rival's stockpile the year before"})


def days_between(events: pd.DataFrame, first: str, second: str) -> int:
    """Days from one timeline event to another (both must be dated to the day)."""
    rows = events.set_index("event_id")
    for event in (first, second):
        if rows.loc[event, "date_precision"] != "day":
            raise ValueError(f"{event} is dated only to the {rows.loc[event, 'date_precision']}")
    return int((rows.loc[second, "date"] - rows.loc[first, "date"]).days)


def timeline_takeaway(events: pd.DataFrame) -> str:
    """How many moves answered another side's, how many were follow-ons, how many answers are
    disputed (:func:`sdbook.events.timeline_takeaway`)."""
    return book_events.timeline_takeaway(events)


def timeline_table(events: pd.DataFrame) -> pd.DataFrame:
    """The timeline's events, numbered as on the chart, with each link, its grade and source."""
    return book_events.timeline_table(events)
