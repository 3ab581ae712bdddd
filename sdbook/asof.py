"""Dated statements: every sentence about something scheduled or ongoing says when it was true.

A chapter marks such a statement with an HTML comment at the start of its paragraph, which
readers never see:

    <!-- as-of: 2026-08 dataset: treaty_membership -->On 22 August 2026, 75 states ...
    <!-- as-of: 2026-11 note: the conference was postponed; checked again for this edition -->

- ``as-of:`` the month (or day) the statement describes: the date of the data it rests on,
  or the edition's date for the book's own reading of events.
- ``dataset:`` (optional) the dataset it comes from; its date must then match that dataset's
  ``status_as_of`` (or ``retrieved``) month, so a refreshed dataset forces the prose to follow.
- ``note:`` (optional) why a statement older than the margin is still right to print.

:func:`problems` finds statements older than the edition by more than ``MARGIN_DAYS`` without a
note, markers whose date disagrees with their dataset, and paragraphs whose wording says
something is scheduled or ongoing ("was scheduled", "still applies", "has not entered into
force", ...) but carry no marker. The tests run it on every page of ``docs/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MARGIN_DAYS = 365
MARKER = re.compile(r"<!--\s*as-of:\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?)(?P<rest>.*?)-->")
_DATASET = re.compile(r"\bdataset:\s*(?P<name>[\w-]+)")
_NOTE = re.compile(r"\bnote:\s*(?P<text>\S.*)")
# Wording that makes a statement about the present or the future of the world, not of history.
TRIGGERS = re.compile(
    r"\b(?:is|was|were|are) scheduled\b|\bwill (?:be held|meet|take place)\b|\bupcoming\b|"
    r"\bcheck the (?:outcome|latest)\b|\bis due to\b|\bhad still not been\b|\bstill appl(?:y|ies|ied)\b|"
    r"\bis still in use\b|\bremains? in force\b|\b(?:has|have) not (?:yet )?entered into force\b|"
    r"\bnot yet (?:in force|concluded)\b|\bstill not in force\b|\bas things stand\b|\bat the time of writing\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}, line {self.line}: {self.message}"


def _month_start(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)


def paragraphs(text: str):
    """(first line number, paragraph text) for each blank-line-separated block outside code fences."""
    block, start, fenced = [], 1, False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or not line.strip():
            if block:
                yield start, "\n".join(block)
            block = []
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        yield start, "\n".join(block)


def problems(text: str, path: str, edition: date, dataset_dates: dict[str, date]) -> list[Problem]:
    """Every stale, mismatched or missing as-of marker in one Markdown page."""
    found = []
    for start, block in paragraphs(text):
        markers = list(MARKER.finditer(block))
        for marker in markers:
            line = start + block[:marker.start()].count("\n")
            when = _month_start(marker["date"])
            rest = marker["rest"]
            if dataset := _DATASET.search(rest):
                name = dataset["name"]
                if name not in dataset_dates:
                    found.append(Problem(path, line, f"as-of marker names unknown dataset {name!r}"))
                elif (when.year, when.month) != (dataset_dates[name].year, dataset_dates[name].month):
                    found.append(Problem(path, line, f"as-of {marker['date']} but {name} is as of "
                                                     f"{dataset_dates[name]:%Y-%m}: update the statement"))
            if (edition - when).days > MARGIN_DAYS and not _NOTE.search(rest):
                found.append(Problem(path, line, f"statement as of {marker['date']} is more than "
                                                 f"{MARGIN_DAYS} days older than the edition "
                                                 f"({edition:%Y-%m-%d}); update it or add 'note: why'"))
        if not markers and (trigger := TRIGGERS.search(block)):
            line = start + block[:trigger.start()].count("\n")
            found.append(Problem(path, line, f"{trigger.group(0)!r} describes something scheduled or "
                                             "ongoing: add <!-- as-of: YYYY-MM --> (README, 'How to add "
                                             "a chapter')"))
    return found


def check_docs(docs: Path, edition: date, dataset_dates: dict[str, date]) -> list[Problem]:
    """:func:`problems` for every Markdown page under ``docs``."""
    found = []
    for page in sorted(docs.rglob("*.md")):
        found += problems(page.read_text(encoding="utf-8"), str(page.relative_to(docs.parent)),
                          edition, dataset_dates)
    return found
