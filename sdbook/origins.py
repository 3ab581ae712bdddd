"""The history of the idea as data: works and what they answer (chapter: origins/index.md).

``security_dilemma_works`` holds one row per work; ``responds_to`` names the earlier work
it most directly builds on, answers or criticises, a ``lineage`` link with its own source
(the book's shared events schema, :mod:`sdbook.events`).
"""

from __future__ import annotations

import pandas as pd

from . import events as book_events

STRANDS = ("Precursors", "Naming the dilemma", "Conditions and models", "Critiques and extensions")
MODERN_FROM = 1945  # the timeline's opening view: the debate since the name was coined


def year_label(year: int, precision: str) -> str:
    """'1950', 'c. 400 BCE'."""
    text = f"{-year} BCE" if year < 0 else str(year)
    return f"c. {text}" if precision == "circa" else text


def numbered_works(works: pd.DataFrame) -> pd.DataFrame:
    """Works in publication order, numbered from 1 as on the timeline (:func:`sdbook.events.numbered`)."""
    ordered = book_events.numbered(works)
    ordered["when"] = [year_label(int(y), p) for y, p in zip(ordered["year"], ordered["year_precision"])]
    return ordered


def answers(works: pd.DataFrame) -> list[tuple[str, str]]:
    """(work, the earlier work it builds on, answers or criticises) pairs, by id: the lineage links."""
    return book_events.links(works, book_events.LINEAGE)


def most_answered(works: pd.DataFrame) -> tuple[list[str], int]:
    """The work_ids that most later works in the data build on (all of them if tied, in
    publication order), and how many later works build on each."""
    counts = pd.Series([target for _, target in answers(works)]).value_counts()
    top = int(counts.max())
    order = list(numbered_works(works)["work_id"])
    return sorted(counts.index[counts == top], key=order.index), top


def timeline_takeaway(works: pd.DataFrame) -> str:
    """One sentence on the timeline, computed from the data."""
    ordered = numbered_works(works)
    modern = ordered[ordered["year"] >= MODERN_FROM]
    named = ordered[ordered["work_id"] == "herz1950"].iloc[0]
    gap = int(named["year"]) - int(ordered["year"].iloc[0])
    tops, count = most_answered(works)
    rows = ordered.set_index("work_id").loc[tops]
    names = [f"{row.author} ({row.when})" for row in rows.itertuples()]
    named_text = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    what = "the work built on most often is" if len(names) == 1 else "the works built on most often are"
    each = "" if len(names) == 1 else " each"
    return (f"The idea is old but the name is not: about {gap:,} years separate Thucydides from "
            f"Herz's coinage in {named['year']}, and {len(modern)} of the {len(ordered)} works "
            f"in the data appeared after {MODERN_FROM}; {what} {named_text}, by {count} later "
            f"works{each}.")


def timeline_table(works: pd.DataFrame) -> pd.DataFrame:
    """The works as numbered on the timeline, with the number of the work each answers."""
    ordered = numbered_works(works)
    number_of = dict(zip(ordered["work_id"], ordered["number"]))
    ordered["answers"] = [f"No. {number_of[r]}" if isinstance(r, str) and r else None
                          for r in ordered["responds_to"]]
    ordered["why"] = [book_events.describe_link(row) for row in ordered.to_dict("records")]
    table = ordered[["number", "when", "author", "title", "strand", "claim", "answers", "why"]]
    return table.rename(columns={"number": "No.", "when": "Year", "author": "Author",
                                 "title": "Title", "strand": "Strand", "claim": "Claim added",
                                 "answers": "Builds on", "why": "Why linked (source)"})
