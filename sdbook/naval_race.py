"""The Anglo-German naval race in numbers (chapter: the naval race): fleets counted from per-ship
records, spending kept in series of one producer and one basis each, and the action-reaction timeline."""

from __future__ import annotations

import pandas as pd

from . import events as book_events
from .data import resources

STAGES = ("laid_down", "launched", "commissioned")
STAGE_LABELS = {"laid_down": "laid down", "launched": "launched", "commissioned": "commissioned"}
# Churchill's standard of March 1912: 60 per cent more dreadnoughts than Germany.
CHURCHILL_MARGIN = 1.6


_PERIOD_END = {"month": pd.offsets.MonthEnd(0), "year": pd.offsets.YearEnd(0)}


def known_by(ships: pd.DataFrame, stage: str) -> pd.Series:
    """The day from which each ship is *known* to have reached ``stage`` as one of its navy's ships.

    A date known only to the month or the year (``<stage>_precision``) counts from the
    end of that month or year: on 4 August 1914 a ship commissioned "in August 1914" is
    not yet known to be in service, and Kronprinz, laid down "in 1912", counts from
    31 December 1912. A ship built for another navy (``taken_over``) counts for the
    navy that took her over only from that day: in 1911-13 Erin was an Ottoman order.
    """
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, not {stage!r}")
    dates = ships[stage]
    precision = ships.get(f"{stage}_precision", pd.Series("day", index=ships.index))
    known = dates.copy()
    for level, period_end in _PERIOD_END.items():
        vague = precision == level
        known[vague] = dates[vague] + period_end
    if "taken_over" in ships:
        later = ships["taken_over"]
        known = known.mask(known.notna() & later.notna() & (later > known), later)
    return known


def reached(ships: pd.DataFrame, stage: str, moment: pd.Timestamp) -> pd.DataFrame:
    """Ships known to have reached ``stage`` by ``moment`` (see :func:`known_by`)."""
    known = known_by(ships, stage)
    return ships[known.notna() & (known <= moment)]


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


def margin_met(counts: pd.DataFrame, ratio: float = CHURCHILL_MARGIN) -> pd.Series:
    """Whether Britain had at least ``ratio`` times Germany's ships (16 to 10 counts as met)."""
    return british_margin(counts, ratio).round(9) >= 0  # 16 - 1.6 * 10 is -3.6e-15 in floats


def count_on(ships: pd.DataFrame, stage: str, when: str) -> pd.Series:
    """Ships per country and type known to have reached ``stage`` on a date (e.g. '1914-08-04')."""
    return reached(ships, stage, pd.Timestamp(when)).groupby(["country", "ship_type"]).size()


def capital_ship_table(ships: pd.DataFrame, stage: str, when: str) -> pd.DataFrame:
    """Counts on a date by type, Britain against Germany, with the ratio: a readable :func:`count_on`.

    Rows are the ship types; the column header's corner names the stage and the date.
    """
    counts = count_on(ships, stage, when)
    rows = {}
    for label, kinds in (("Dreadnought battleships", ["battleship"]),
                         ("Battlecruisers", ["battlecruiser"]),
                         ("All dreadnought-type capital ships", ["battleship", "battlecruiser"])):
        uk = sum(int(counts.get(("United Kingdom", k), 0)) for k in kinds)
        de = sum(int(counts.get(("Germany", k), 0)) for k in kinds)
        rows[label] = {"Britain": uk, "Germany": de, "Ratio": round(uk / de, 2) if de else None}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.columns.name = f"{STAGE_LABELS[stage].capitalize()} by {_day(when)}"
    return table


def joined_between(ships: pd.DataFrame, stage: str, after: str, until: str) -> pd.DataFrame:
    """Ships that reached ``stage`` after one date and by another (e.g. the first months of war)."""
    known = known_by(ships, stage)
    joined = ships[(known > pd.Timestamp(after)) & (known <= pd.Timestamp(until))]
    return joined.assign(known_by=known[joined.index]).sort_values(["country", "known_by", "ship"])


def _day(when: str) -> str:
    return pd.Timestamp(when).strftime("%d %B %Y").lstrip("0")


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


FLEET_TABLE_CAPTION = ("Capital ships by 31 December, laid down, launched and commissioned, "
                       "with Britain's margin over 1.6 × Germany")


def fleet_takeaway(ships: pd.DataFrame, years: range = range(1905, 1915)) -> str:
    """One sentence on the fleet race that holds for every stage the chart can show.

    The 60 % margin is judged only from the first year-end at which Germany had a ship at
    that stage: "1.6 times nothing" is no standard (Germany commissioned none until 1909).
    """
    ahead, parts = True, []
    for stage in STAGES:
        counts = fleet_counts(ships, stage, years)
        ahead &= bool((counts["United Kingdom"] >= counts["Germany"]).all())
        judged = counts[counts["Germany"] > 0]
        met = margin_met(judged)
        parts.append(f"{int(met.sum())} of {len(judged)} year-ends for ships {STAGE_LABELS[stage]}"
                     if not parts else f"{int(met.sum())} of {len(judged)} for ships {STAGE_LABELS[stage]}")
    first, last = years[0], years[-1]
    lead = (f"At no year-end from {first} to {last} did Germany have more dreadnought-type ships than "
            f"Britain in any of the three counts" if ahead else
            f"Germany led Britain in at least one count at some year-end from {first} to {last}")
    return (f"{lead}, but Churchill's 60 % margin, judged from the first year Germany had a ship at "
            f"that stage, held at only {', '.join(parts[:-1])} and {parts[-1]}.")


# --- Spending: three series that must never be read as one (chapter: the naval race) ---

SPENDING_YEARS = range(1898, 1915)
BASIS_LABELS = {"outturn": "money spent", "estimate": "estimate",
                "unstated": "basis not stated", "unknown": "no figure"}


def source_labels(dataset: str) -> dict[str, str]:
    """Short names of a dataset's sources, for tooltips and tables (never bare keys)."""
    return {key: source.get("label") or source["title"]
            for key, source in resources()[dataset].sources.items()}


def spending_series(new_construction: pd.DataFrame, military: pd.DataFrame,
                    navy: pd.DataFrame) -> pd.DataFrame:
    """Every spending figure as one tidy frame: panel, series (one producer and basis), country,
    year, million £, basis, financial year and source name. Each series is drawn as its own line."""
    labels = {**source_labels("naval_new_construction"), **source_labels("military_expenditure"),
              **source_labels("naval_expenditure")}
    parts = [
        new_construction.assign(panel="new_construction", series=new_construction["source_key"],
                                million_gbp=new_construction["new_construction_gbp"] / 1e6),
        # the Correlates of War file covers five powers; this race is Britain against Germany
        military[military["country"].isin(["United Kingdom", "Germany"])].pipe(
            lambda rows: rows.assign(panel="military", series="cow", million_gbp=rows["milex_thousand_gbp"] / 1e3,
                                     basis="unstated", financial_year=rows["year"].astype(str))),
        navy.assign(panel="navy", series="navy-" + navy["basis"],
                    million_gbp=navy["expenditure_million_gbp"]),
    ]
    frame = pd.concat([p[["panel", "series", "country", "year", "million_gbp", "basis",
                          "financial_year", "source_key"]] for p in parts], ignore_index=True)
    frame = frame[frame["million_gbp"].notna()].copy()
    frame["million_gbp"] = frame["million_gbp"].astype(float)  # nullable ints divide to Float64
    frame["year"] = frame["year"].astype(int)
    frame["source"] = frame["source_key"].map(labels)
    frame["series_name"] = frame["series"].map(_SERIES_NAMES).fillna(frame["source"])
    return frame.reset_index(drop=True)


# Series whose rows come from several reports of one producer's document get one name.
_SERIES_NAMES = {"cow": "Correlates of War NMC v6.0", "navy-estimate": "Navy Estimates as presented",
                 "navy-outturn": "actual spending (Admiralty)"}


def spending_table(series: pd.DataFrame) -> pd.DataFrame:
    """Year-by-year table of the spending chart: one column per series and country (million £);
    a figure that is an estimate or of unstated basis says so in its cell."""
    def cell(row):  # only an estimate is marked: the headings say which series has no stated basis
        return f"{row.million_gbp:.2f}" + (" (estimate)" if row.basis == "estimate" else "")

    headings = {("new_construction", "hansard1911"): "New construction, {} (Admiralty 1911)",
                ("new_construction", "nock1922"): "New construction, {} (Nock 1922, basis not stated)",
                ("military", "cow"): "Army and navy, {} (COW)"}
    table = pd.DataFrame(index=pd.Index(SPENDING_YEARS, name="Year"))
    for (panel, series_key), heading in headings.items():
        for country in ("United Kingdom", "Germany"):
            rows = series[(series["panel"] == panel) & (series["series"] == series_key)
                          & (series["country"] == country)]
            name = "Britain" if country == "United Kingdom" else country
            table[heading.format(name)] = pd.Series([cell(r) for r in rows.itertuples()],
                                                    index=rows["year"].tolist(), dtype=object)
    navy = series[series["panel"] == "navy"]
    table["Royal Navy, all spending (Britain)"] = pd.Series(
        [cell(r) for r in navy.itertuples()], index=navy["year"].tolist(), dtype=object)
    return table.astype(object).where(table.notna(), None).reset_index()


SPENDING_TABLE_CAPTION = ("Million £ at current prices, three measures: compare the two countries "
                          "within a measure, never across measures")


def spending_takeaway(series: pd.DataFrame) -> str:
    """One sentence, true of every panel of the spending chart, computed from the data."""
    def wide(panel, series_key):
        part = series[(series["panel"] == panel) & (series["series"] == series_key)]
        return part.pivot(index="year", columns="country", values="million_gbp").dropna()

    official = wide("new_construction", "hansard1911")
    first, last = int(official.index.min()), int(official.index.max())
    share = official["Germany"] / official["United Kingdom"]
    passed = [int(y) for y in official.index[official["Germany"] > official["United Kingdom"]]]
    nock = wide("new_construction", "nock1922")
    end = int(nock.index.max())
    military = wide("military", "cow")
    ahead = [int(y) for y in military.index[military["Germany"] > military["United Kingdom"]]]
    return (f"On new warships, the one measure with both navies on one official basis, Germany's "
            f"spending rose from {100 * share[first]:.0f} % of Britain's in {first}–{str(first + 1)[-2:]} "
            f"to {100 * share[last]:.0f} % in {last}–{str(last + 1)[-2:]} and passed it in "
            f"{_years_text(passed, financial=True)}, yet by {end} Britain spent "
            f"{nock.loc[end, 'United Kingdom'] / nock.loc[end, 'Germany']:.1f} times as much (Nock); "
            f"army and navy together, Germany outspent Britain in {len(ahead)} of the {len(military)} "
            f"years {int(military.index.min())}–{int(military.index.max())} ({_years_text(ahead)}; "
            f"Correlates of War).")


def _years_text(years: list[int], financial: bool = False) -> str:
    names = [f"{y}–{str(y + 1)[-2:]}" if financial else str(y) for y in years] or ["no year"]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def timeline_takeaway(events: pd.DataFrame) -> str:
    """One sentence on the timeline's links: answers, follow-ons (see :mod:`sdbook.events`)."""
    return book_events.timeline_takeaway(events)


def timeline_table(events: pd.DataFrame) -> pd.DataFrame:
    """The timeline's events, numbered as on the chart, with each link, its kind and source."""
    return book_events.timeline_table(events)
