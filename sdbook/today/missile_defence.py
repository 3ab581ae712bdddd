"""Missile defence, its cost and its answers (chapter: today/index.md, part 1).

Pure functions over the frames :func:`sdbook.load` returns for ``missile_defence_budget``,
``us_gdp_price_index``, ``new_start_aggregates`` and ``missile_defence_events``. The
timeline's numbering, links and takeaway are the book's shared events model
(:mod:`sdbook.events`), as for the South China Sea part.
"""

from __future__ import annotations

import pandas as pd

from .. import events as book_events


# Constant dollars are expressed in the last fiscal year the OMB edition gives as actual.
PRICE_BASE_YEAR = 2022
ANNUAL_STAGES = ("request", "enacted")
SCOPE_LABELS = {
    "mda_only": "Missile Defense Agency only",
    "all_missile_defence": "all missile defence (MDA and the services)",
    "bmd_rdte_all": "research and development only",
    "missile_defence_unstated": "missile defence, scope not stated",
}
# The source article's claim: US spending of more than $180 billion over 2001-2020.
ARTICLE_CLAIM = {"value_billion_usd": 180.0, "fiscal_year_from": 2001, "fiscal_year_to": 2020}
# New START central limits, in force from 5 February 2018.
NEW_START_LIMITS = {"deployed_delivery_vehicles": 700, "deployed_warheads": 1550,
                    "deployed_and_non_deployed_launchers": 800}
NEW_START_LABELS = {"deployed_delivery_vehicles": "deployed missiles and bombers",
                    "deployed_warheads": "deployed warheads",
                    "deployed_and_non_deployed_launchers": "launchers and bombers, deployed or not"}


def deflator(index: pd.DataFrame, base_year: int = PRICE_BASE_YEAR) -> pd.Series:
    """Multiplier from then-year to constant ``base_year`` dollars, per fiscal year.

    Only years OMB reports as actual are used: an estimate is a forecast, and the book
    never converts with a forecast, so later years have no constant-dollar value.
    """
    actual = index[index["status"] == "actual"].set_index("fiscal_year")["gdp_chained_price_index"]
    if base_year not in actual.index:
        raise ValueError(f"no actual price index for the base year FY{base_year}")
    return actual[base_year] / actual


def annual_figures(budget: pd.DataFrame, index: pd.DataFrame,
                   base_year: int = PRICE_BASE_YEAR) -> pd.DataFrame:
    """Single-year requests and enacted amounts, with a constant-dollar column added."""
    annual = budget[(budget["fiscal_year_from"] == budget["fiscal_year_to"])
                    & budget["stage"].isin(ANNUAL_STAGES)].copy()
    annual["fiscal_year"] = annual["fiscal_year_from"].astype(int)
    factor = deflator(index, base_year)
    annual["value_constant"] = (annual["value_billion_usd"]
                                * annual["fiscal_year"].map(factor)).round(2)
    return annual.sort_values(["fiscal_year", "scope", "stage"]).reset_index(drop=True)


def budget_table(budget: pd.DataFrame, index: pd.DataFrame,
                 base_year: int = PRICE_BASE_YEAR) -> pd.DataFrame:
    """The figures behind the budget chart, one row per sourced figure."""
    annual = annual_figures(budget, index, base_year)
    table = annual[["fiscal_year", "scope", "stage", "value_billion_usd", "value_constant",
                    "source_key", "note"]].copy()
    table["scope"] = table["scope"].map(SCOPE_LABELS)
    return table.rename(columns={
        "fiscal_year": "Fiscal year", "scope": "What is counted", "stage": "Stage",
        "value_billion_usd": "US$ billion (then-year)",
        "value_constant": f"US$ billion (FY{base_year} prices)", "source_key": "Source",
        "note": "Note"})


def budget_takeaway(budget: pd.DataFrame, index: pd.DataFrame) -> str:
    """One sentence on the sourced annual figures and what they lack."""
    annual = annual_figures(budget, index)
    mda = annual[annual["scope"] == "mda_only"]
    low, high = mda.loc[mda["value_billion_usd"].idxmin()], mda.loc[mda["value_billion_usd"].idxmax()]
    years = sorted(annual["fiscal_year"].unique())
    extra = scope_gaps(budget)
    return (f"Only {len(annual)} single-year figures could be sourced, for {len(years)} of the "
            f"{years[-1] - years[0] + 1} fiscal years FY{years[0]}–FY{years[-1]}; the Missile "
            f"Defense Agency's own figures range from ${low['value_billion_usd']:g} billion "
            f"(FY{low['fiscal_year']} {low['stage']}) to ${high['value_billion_usd']:g} billion "
            f"(FY{high['fiscal_year']} {high['stage']}) a year, and in the {len(extra)} years with "
            f"both, counting the services' programmes adds ${extra.min():.1f}–{extra.max():.1f} billion.")


def scope_gaps(budget: pd.DataFrame) -> pd.Series:
    """Per fiscal year and stage with both figures: all missile defence minus MDA alone."""
    annual = budget[(budget["fiscal_year_from"] == budget["fiscal_year_to"])
                    & budget["stage"].isin(ANNUAL_STAGES)]
    wide = annual.pivot_table(index=["fiscal_year_from", "stage"], columns="scope",
                              values="value_billion_usd")
    both = wide.dropna(subset=["mda_only", "all_missile_defence"])
    return (both["all_missile_defence"] - both["mda_only"]).round(2)


def _one(budget: pd.DataFrame, record_id: str) -> pd.Series:
    rows = budget[budget["record_id"] == record_id]
    if len(rows) != 1:
        raise KeyError(f"missile_defence_budget: no single record {record_id!r}")
    return rows.iloc[0]


def article_check(budget: pd.DataFrame) -> dict:
    """What the sourced totals say about 'over $180 billion between 2001 and 2020'.

    GAO's April 2016 total of MDA money received since FY2002 plus what MDA then planned
    for FY2017-2020 covers FY2002-2020 for the agency alone; FY2001 R&D is added from CRS.
    """
    received = _one(budget, "mda-2002-2016")
    planned = _one(budget, "mda-2017-2020-planned")
    fy2001 = _one(budget, "fy2001-bmd-rdte-available")
    mda_2002_2020 = received["value_billion_usd"] + planned["value_billion_usd"]
    with_2001 = mda_2002_2020 + fy2001["value_billion_usd"]
    claim = ARTICLE_CLAIM["value_billion_usd"]
    return {"received_2002_2016": received["value_billion_usd"],
            "planned_2017_2020": planned["value_billion_usd"],
            "mda_2002_2020": mda_2002_2020, "fy2001_rdte": fy2001["value_billion_usd"],
            "with_2001": with_2001, "claim": claim, "shortfall": claim - with_2001}


def totals_table(budget: pd.DataFrame) -> pd.DataFrame:
    """The multi-year totals GAO and CRS have given, with the article's claim beside them."""
    totals = budget[budget["stage"].isin(("cumulative_received", "planned"))].copy()
    totals["Fiscal years"] = [f"FY{a}–FY{b}" for a, b in
                              zip(totals["fiscal_year_from"], totals["fiscal_year_to"])]
    totals["What is counted"] = totals["scope"].map(SCOPE_LABELS)
    table = totals[["Fiscal years", "What is counted", "stage", "value_billion_usd", "source_key", "note"]]
    return table.rename(columns={"stage": "Stage", "value_billion_usd": "US$ billion (then-year)",
                                 "source_key": "Source", "note": "Note"}).reset_index(drop=True)


def totals_takeaway(budget: pd.DataFrame) -> str:
    check = article_check(budget)
    return (f"MDA money received in FY2002–2016 (${check['received_2002_2016']:g} billion) plus "
            f"what it planned for FY2017–2020 (${check['planned_2017_2020']:g} billion) and FY2001 "
            f"research (${check['fy2001_rdte']:g} billion) come to ${check['with_2001']:g} billion, "
            f"${check['shortfall']:g} billion short of the article's 'over ${check['claim']:g} "
            f"billion': the claim holds only if service programmes or larger later budgets are counted.")


def totals_bars(budget: pd.DataFrame) -> pd.DataFrame:
    """One bar per multi-year total received, with any plan the same report gave for the
    years straight after it (GAO 2014 and 2016), in date order of the span."""
    totals = budget[budget["stage"] == "cumulative_received"].sort_values(
        ["fiscal_year_to", "fiscal_year_from"])
    planned = budget[budget["stage"] == "planned"]
    rows = []
    for r in totals.itertuples():
        plan = planned[(planned["source_key"] == r.source_key)
                       & (planned["fiscal_year_from"] == r.fiscal_year_to + 1)]
        to_year = int(plan["fiscal_year_to"].iloc[0]) if len(plan) else r.fiscal_year_to
        who = "MDA" if r.scope == "mda_only" else "all"
        # two short lines, so that the labels leave room for the bars on a phone
        rows.append({"label": f"{r.source_key[:3].upper()} {r.source_key[3:]}<br>{who}, "
                              f"FY{r.fiscal_year_from % 100:02d}–{to_year % 100:02d}",
                     "received": r.value_billion_usd,
                     "planned": float(plan["value_billion_usd"].iloc[0]) if len(plan) else 0.0})
    return pd.DataFrame(rows)


def exchange_dates() -> pd.DatetimeIndex:
    """Every date New START data were declared current, whether or not the book has its figures.

    The initial exchange (5 February 2011), then 1 September and 1 March each year, except that
    the exchange of early 2018 was as of 5 February, the day the central limits took effect; the
    last is 1 March 2023, when only the United States published. A date here without a row in the
    data is a gap that charts must leave open, never bridge.
    """
    dates = ["2011-02-05"]
    for year in range(2011, 2023):
        if year > 2011:
            dates.append("2018-02-05" if year == 2018 else f"{year}-03-01")
        dates.append(f"{year}-09-01")
    dates.append("2023-03-01")
    return pd.DatetimeIndex(dates)


def new_start_wide(aggregates: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One column per party, one row per exchange date (every exchange, NaN where not read)."""
    if measure not in NEW_START_LIMITS:
        raise ValueError(f"measure must be one of {list(NEW_START_LIMITS)}, not {measure!r}")
    wide = aggregates.pivot(index="as_of", columns="party", values=measure)
    unknown = wide.index.difference(exchange_dates())
    if len(unknown):
        raise ValueError(f"new_start_aggregates: {list(unknown.strftime('%Y-%m-%d'))} is not an exchange date")
    wide = wide.reindex(exchange_dates())
    wide.index.name = "as_of"
    return wide[["United States", "Russia"]]


def missing_exchanges(aggregates: pd.DataFrame, measure: str) -> list[str]:
    """Exchange dates for which the file has no figure for ``measure`` for either party."""
    wide = new_start_wide(aggregates, measure)
    return list(wide.index[wide.isna().all(axis=1)].strftime("%Y-%m-%d"))


def new_start_table(aggregates: pd.DataFrame) -> pd.DataFrame:
    """Every exchange, read or not: an empty cell is a figure the book could not source."""
    columns = {}
    for measure, label in NEW_START_LABELS.items():
        wide = new_start_wide(aggregates, measure)
        for party in ("United States", "Russia"):
            columns[f"{party}: {label}"] = wide[party].astype("Int64")
    table = pd.DataFrame(columns)
    table.index = table.index.strftime("%Y-%m-%d")
    table.index.name = "Data as of"
    return table.reset_index()


def last_joint_exchange(aggregates: pd.DataFrame) -> pd.Timestamp:
    """The last exchange for which both parties' deployed warheads are in the file."""
    both = aggregates.dropna(subset=["deployed_warheads"]).groupby("as_of")["party"].nunique()
    return both[both == 2].index.max()


def warheads(aggregates: pd.DataFrame, party: str, as_of) -> int:
    rows = aggregates[(aggregates["party"] == party) & (aggregates["as_of"] == pd.Timestamp(as_of))]
    if len(rows) != 1 or pd.isna(rows["deployed_warheads"].iloc[0]):
        raise KeyError(f"new_start_aggregates: no deployed_warheads for {party} as of {as_of}")
    return int(rows["deployed_warheads"].iloc[0])


def russian_peak(aggregates: pd.DataFrame) -> pd.Series:
    """Russia's highest declared warhead total in the file (the row)."""
    russia = aggregates[aggregates["party"] == "Russia"].dropna(subset=["deployed_warheads"])
    return russia.loc[russia["deployed_warheads"].idxmax()]


def new_start_takeaway(aggregates: pd.DataFrame) -> str:
    """One sentence true of all three views: first and last joint exchange, the Russian peak,
    the limits, and the US-only figures after Russia's suspension."""
    first, last = aggregates["as_of"].min(), last_joint_exchange(aggregates)
    parts = [f"{party} {warheads(aggregates, party, first):,} → {warheads(aggregates, party, last):,}"
             for party in ("United States", "Russia")]
    peak = russian_peak(aggregates)
    within = all((aggregates.loc[aggregates["as_of"] >= "2018-02-05", m].dropna() <= limit).all()
                 for m, limit in NEW_START_LIMITS.items())
    after = aggregates[aggregates["as_of"] > last]
    us_only = (f"; only the United States published figures after that ({', '.join(after['as_of'].dt.strftime('%B %Y'))})"
               if len(after) and set(after["party"]) == {"United States"} else "")
    return (f"Deployed warheads from {first:%B %Y} to {last:%B %Y}: {'; '.join(parts)}. Russia's rose to "
            f"{int(peak['deployed_warheads']):,} in {peak['as_of']:%B %Y}, above the limit that applied from "
            f"February 2018; from then on both sides declared numbers {'within' if within else 'above'} all "
            f"three limits{us_only}. Gaps are exchanges whose figures the book could not source.")


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """The timeline's events numbered as on the chart (:func:`sdbook.events.numbered`), with
    each link, its kind and why it was drawn."""
    ordered = book_events.numbered(events)
    ordered["link"] = book_events.link_column(ordered)
    table = ordered[["number", "when", "actor", "event", "link", "note"]]
    return table.rename(columns={"number": "No.", "when": "Date", "actor": "Actor",
                                 "event": "Event", "link": "Link", "note": "Note"})
