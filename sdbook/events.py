"""One events model for every action–reaction timeline in the book.

The naval race, the Cold War, missile defence, the South China Sea and the history of the
idea all record dated moves and, for some, the earlier move each one follows from
(``responds_to``). This module is the one place that says what such a link means, checks
it, numbers the moves and counts the links, so that the five timelines cannot drift apart.

A link is typed (``link_type``):

- ``answer``: *another* actor's move made because of the earlier one. It must name its own
  source (``link_source_key``, a key of ``docs/references.yml``, and ``link_source_page``)
  and an evidence grade (``link_evidence``): ``well_evidenced``, ``argued`` (by the named
  historians) or ``disputed`` (and then ``link_disputed_by`` names who disputes it).
- ``follow_on``: the same actor's next step, or the implementation of its own decision.
  It is drawn, but it is not an answer, and takeaways never count it as one.
- ``lineage`` (works only): a work building on, answering or criticising an earlier work;
  it too names its source.

:func:`check_links` runs inside :func:`sdbook.data.load` for every file that has a
``link_type`` column, so a bad link fails the build with the file and row named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from .data import DataValidationError

ANSWER, FOLLOW_ON, LINEAGE = "answer", "follow_on", "lineage"
LINK_TYPES = (ANSWER, FOLLOW_ON, LINEAGE)
EVIDENCE = ("well_evidenced", "argued", "disputed")
EVIDENCE_LABELS = {"well_evidenced": "well evidenced", "argued": "argued", "disputed": "disputed"}
LINK_COLUMNS = ("responds_to", "link_type", "link_source_key", "link_source_page",
                "link_evidence", "link_disputed_by", "link_note")
# Dates are shown only as precisely as the source gives them ("1897", not "1 Jan 1897").
DATE_FORMATS = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}
# The bibliography: docs/references.yml in the repository; an installed copy of the package
# (the wheel readers install) carries it beside its data, as sdbook/bookdata/references.yml.
_REPO_REFERENCES = Path(__file__).resolve().parent.parent / "docs" / "references.yml"
REFERENCES_FILE = _REPO_REFERENCES if _REPO_REFERENCES.is_file() else \
    Path(__file__).resolve().parent / "bookdata" / "references.yml"
_REFERENCE_ID = re.compile(r"^- id:\s*(\S+)\s*$", re.MULTILINE)


class EventLinkError(DataValidationError):
    """A link in an events file breaks the shared rules; the message names file and row."""


def reference_keys(path: Path = REFERENCES_FILE) -> set[str]:
    """Ids of the book's bibliography (the keys a link may cite).

    Read with a pattern rather than a YAML parser: only the ids are needed, and every
    entry starts with ``- id:`` at the start of a line (the file's own convention).
    """
    if not path.is_file():
        raise EventLinkError(f"{path}: bibliography missing; event links cite its keys")
    return set(_REFERENCE_ID.findall(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _reference_labels() -> dict[str, str]:
    entries = yaml.safe_load(REFERENCES_FILE.read_text(encoding="utf-8"))["references"]
    labels = {}
    for entry in entries:
        authors = entry.get("author") or entry.get("editor") or [{}]
        first = authors[0].get("family") or authors[0].get("literal") or entry["id"]
        more = " and others" if len(authors) > 2 else f" and {authors[1].get('family')}" \
            if len(authors) == 2 and authors[1].get("family") else ""
        year = (entry.get("issued") or {}).get("date-parts", [[""]])[0][0]
        labels[entry["id"]] = f"{first}{more} {year}".strip()
    return labels


def reference_label(key: str) -> str:
    """'Kennedy 1980' for a bibliography key: tables name works, never bare keys."""
    return _reference_labels().get(key, key)


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == "" \
        or value is pd.NA


def _columns(frame: pd.DataFrame) -> tuple[str, str]:
    """(id column, date column): events use event_id/date, works work_id/year."""
    if "event_id" in frame.columns:
        return "event_id", "date"
    if "work_id" in frame.columns:
        return "work_id", "year"
    raise EventLinkError(f"an events file needs an event_id or work_id column, not {list(frame.columns)}")


def check_links(frame: pd.DataFrame, where: str | Path,
                allowed: Iterable[str] = (ANSWER, FOLLOW_ON),
                references: set[str] | None = None) -> None:
    """Fail, naming ``where`` and the CSV row, on the first link that breaks the rules.

    Rows are counted as in the file (the header is row 1). The rules: a link type exactly
    when there is a link, one of ``allowed``; the earlier event exists and is not later;
    an answer is by another actor and has its own source, page and grade; a lineage link
    has its source and page; ``disputed`` names who disputes it; every cited key exists.
    """
    id_column, date_column = _columns(frame)
    references = reference_keys() if references is None else references
    dated = dict(zip(frame[id_column], frame[date_column]))
    actor_of = dict(zip(frame[id_column], frame["actor"])) if "actor" in frame else {}
    allowed = tuple(allowed)
    for index, row in frame.iterrows():
        here = f"{where}, row {index + 2} ({row[id_column]})"
        cause, kind = row.get("responds_to"), row.get("link_type")
        if _blank(cause):
            filled = [c for c in LINK_COLUMNS[1:] if c in row and not _blank(row[c])]
            if filled:
                raise EventLinkError(f"{here}: {filled} filled but responds_to is empty")
            continue
        if cause not in dated:
            raise EventLinkError(f"{here}: responds_to {cause!r} is not an {id_column} in the file")
        if dated[cause] > row[date_column]:
            raise EventLinkError(f"{here}: responds_to {cause!r}, which is later "
                                 f"({_iso(dated[cause])} > {_iso(row[date_column])})")
        if cause == row[id_column]:
            raise EventLinkError(f"{here}: responds to itself")
        if "link_type" not in frame:  # a file not yet on the shared schema: order checks only
            continue
        if kind not in allowed:
            shown = "(empty)" if _blank(kind) else repr(kind)
            raise EventLinkError(f"{here}: link_type {shown} must be one of {list(allowed)} "
                                 f"when responds_to is filled")
        if kind == ANSWER and actor_of and actor_of[cause] == row["actor"]:
            raise EventLinkError(f"{here}: an answer must be another actor's move, but "
                                 f"{cause!r} is also by {row['actor']!r} (use follow_on)")
        needed = {ANSWER: ("link_source_key", "link_source_page", "link_evidence"),
                  LINEAGE: ("link_source_key", "link_source_page")}.get(kind, ())
        missing = [c for c in needed if _blank(row.get(c))]
        if missing:
            raise EventLinkError(f"{here}: a {kind} link needs {missing}")
        evidence = row.get("link_evidence")
        if not _blank(evidence) and evidence not in EVIDENCE:
            raise EventLinkError(f"{here}: link_evidence {evidence!r} is not one of {list(EVIDENCE)}")
        disputers = [] if _blank(row.get("link_disputed_by")) else \
            [k.strip() for k in str(row["link_disputed_by"]).split(";")]
        if evidence == "disputed" and not disputers:
            raise EventLinkError(f"{here}: a disputed link must name who disputes it in link_disputed_by")
        if disputers and evidence != "disputed":
            raise EventLinkError(f"{here}: link_disputed_by is filled but the link is graded {evidence!r}")
        cited = ([] if _blank(row.get("link_source_key")) else [row["link_source_key"]]) + disputers
        unknown = [k for k in cited if k not in references]
        if unknown:
            raise EventLinkError(f"{here}: {unknown} not in the bibliography ({REFERENCES_FILE.name})")


def _iso(value) -> str:
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)


def when_label(date: pd.Timestamp, precision: str) -> str:
    """A date only as precise as its source: '5 Jun 1906', 'Feb 1913', '1897'."""
    return date.strftime(DATE_FORMATS[precision]).lstrip("0")


def numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """Events (or works) in date order, numbered from 1: every chart and table shares the numbers.

    Ties are broken so that a move linked to an earlier move of the same day comes after it
    (an answer given on the day of its cause), then by id. Events get ``when`` from their
    date precision; works keep their own label (see :func:`sdbook.origins.numbered_works`).
    """
    id_column, date_column = _columns(frame)
    parent = dict(zip(frame[id_column], frame.get("responds_to", pd.Series(None, index=frame.index))))
    dated = dict(zip(frame[id_column], frame[date_column]))

    def same_day_depth(item):
        depth, cause, seen = 0, parent.get(item), {item}
        while not _blank(cause) and cause in dated and dated[cause] == dated[item] and cause not in seen:
            seen.add(cause)
            depth, cause = depth + 1, parent.get(cause)
        return depth

    # works of one year are ordered by month where the file knows it (Herz in January 1950
    # before Butterfield in April), then links, then id
    within = frame["month"].fillna(0) if "month" in frame else 0
    ordered = frame.assign(_depth=frame[id_column].map(same_day_depth), _within=within)
    ordered = ordered.sort_values([date_column, "_within", "_depth", id_column])
    ordered = ordered.drop(columns=["_depth", "_within"])
    ordered = ordered.reset_index(drop=True)
    ordered["number"] = range(1, len(ordered) + 1)
    if "date_precision" in ordered:
        ordered["when"] = [when_label(d, p) for d, p in zip(ordered["date"], ordered["date_precision"])]
    return ordered


def link_types(frame: pd.DataFrame) -> pd.Series:
    """Each row's link type ('' where there is no link).

    A file still without a ``link_type`` column (one not yet moved to the shared schema)
    has untyped links; they are reported as ``untyped`` and never counted as answers.
    """
    linked = frame["responds_to"].map(lambda v: not _blank(v))
    if "link_type" not in frame:
        return linked.map({True: "untyped", False: ""})
    return frame["link_type"].where(linked, "").fillna("")


def answers(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that are answers to another actor's earlier move."""
    return frame[link_types(frame) == ANSWER]


def links(frame: pd.DataFrame, kind: str | None = None) -> list[tuple[str, str]]:
    """(move, the move it follows from) pairs, by id; only links of ``kind`` if given."""
    id_column, _ = _columns(frame)
    types = link_types(frame)
    rows = frame[types != ""] if kind is None else frame[types == kind]
    return list(zip(rows[id_column], rows["responds_to"]))


def counts(frame: pd.DataFrame) -> dict:
    """How many moves, links of each type, and answers per evidence grade and per actor."""
    types = link_types(frame)
    answered = frame[types == ANSWER]
    grades = answered["link_evidence"].value_counts() if "link_evidence" in frame else pd.Series(dtype=int)
    by_actor = answered.groupby("actor").size() if "actor" in frame else pd.Series(dtype=int)
    return {"moves": len(frame), "links": int((types != "").sum()),
            **{kind: int((types == kind).sum()) for kind in (*LINK_TYPES, "untyped")},
            "evidence": {grade: int(grades.get(grade, 0)) for grade in EVIDENCE},
            "answers_by_actor": {actor: int(n) for actor, n in by_actor.items()}}


def link_label(row, number_of: dict[str, int]) -> str | None:
    """How a table shows a row's link: 'answers No. 4 (disputed)', 'follows on No. 2'."""
    cause = row.get("responds_to") if isinstance(row, dict) else getattr(row, "responds_to", None)
    if _blank(cause):
        return None
    kind = row.get("link_type") if isinstance(row, dict) else getattr(row, "link_type", None)
    evidence = row.get("link_evidence") if isinstance(row, dict) else getattr(row, "link_evidence", None)
    if kind == FOLLOW_ON:
        return f"follows on No. {number_of[cause]}"
    if kind == LINEAGE:
        return f"builds on No. {number_of[cause]}"
    grade = "" if _blank(evidence) else f" ({EVIDENCE_LABELS.get(evidence, evidence)})"
    return f"answers No. {number_of[cause]}{grade}"


def link_column(ordered: pd.DataFrame) -> list[str | None]:
    """:func:`link_label` for every row of a :func:`numbered` frame."""
    id_column, _ = _columns(ordered)
    number_of = dict(zip(ordered[id_column], ordered["number"]))
    return [link_label(row._asdict(), number_of) for row in ordered.itertuples(index=False)]


# How an actor reads in a sentence ("4 by the United Kingdom", "3 by both sides together").
_ACTOR_PHRASES = {"Both": "both sides together", "United Kingdom": "the United Kingdom",
                  "United States": "the United States", "Soviet Union": "the Soviet Union",
                  "Soviet Union / Russia": "the Soviet Union or Russia", "Philippines": "the Philippines"}


def _actors_text(by_actor: dict[str, int]) -> str:
    return ", ".join(f"{n} by {_ACTOR_PHRASES.get(actor, actor)}" for actor, n in by_actor.items())


def timeline_takeaway(frame: pd.DataFrame) -> str:
    """One sentence for any events timeline, computed from the data: only answers count as
    answers; follow-ons are named as what they are; disputed answers are counted."""
    c = counts(frame)
    first, last = frame["date"].min().year, frame["date"].max().year
    text = f"Of the {c['moves']} dated moves from {first} to {last}, "
    if c["untyped"]:  # a file not yet on the shared schema: its links are not typed
        return text + (f"{c['untyped']} are recorded as following from an earlier move; the "
                       f"arrows show the recorded links.")
    text += (f"{c[ANSWER]} are recorded as answers to another side's earlier move"
             + (f" ({_actors_text(c['answers_by_actor'])})" if c[ANSWER] else ""))
    if c[FOLLOW_ON]:
        text += f" and {c[FOLLOW_ON]} as a side's follow-on to its own earlier step (dashed lines)"
    disputed = c["evidence"]["disputed"]
    if disputed:
        text += f"; historians dispute {disputed} of the answers (faint arrows)"
    return text + "."


def describe_link(row: dict) -> str | None:
    """The link's note with its own source: 'Why linked … (kennedy1980, p. 416)'."""
    if _blank(row.get("responds_to")):
        return None
    note = "" if _blank(row.get("link_note")) else str(row["link_note"])
    key, page = row.get("link_source_key"), row.get("link_source_page")
    source = "" if _blank(key) else reference_label(key) + ("" if _blank(page) else f", {page}")
    disputed = "" if _blank(row.get("link_disputed_by")) else "; disputed by " + ", ".join(
        reference_label(k.strip()) for k in str(row["link_disputed_by"]).split(";"))
    if source or disputed:
        note = f"{note} ({source}{disputed})".strip()
    return note or None


def timeline_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An events timeline's table: numbered as on the chart, each link with its kind, grade,
    reason and own source."""
    ordered = numbered(frame)
    ordered["link"] = link_column(ordered)
    ordered["why"] = [describe_link(row) for row in ordered.to_dict("records")]
    table = ordered[["number", "when", "actor", "event", "link", "why"]]
    return table.rename(columns={"number": "No.", "when": "Date", "actor": "Actor", "event": "Event",
                                 "link": "Link", "why": "Why linked (source)"})
