"""Dated statements (issue 19, item 5): nothing scheduled or ongoing is printed without its date.

sdbook/asof.py defines the marker (<!-- as-of: YYYY-MM [dataset: NAME] [note: ...] -->); these
tests run it on every page and prove that each rule can fail.
"""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from conftest import ROOT
from sdbook import asof, data


def edition_date() -> date:
    """The edition's date: the last commit's day, as the site's footer shows it."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True,
                             text=True, check=True, timeout=30).stdout.strip()
        return date.fromisoformat(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        return date.today()


def dataset_dates() -> dict[str, date]:
    return {name: date.fromisoformat(r.meta.get("status_as_of", r.meta["retrieved"]))
            for name, r in data.resources().items()}


def test_every_dated_statement_in_the_book_is_current_and_marked():
    found = asof.check_docs(ROOT / "docs", edition_date(), dataset_dates())
    assert not found, "\n".join(map(str, found))


def test_the_npt_review_box_says_what_the_edition_does_not_report():
    chapter = (ROOT / "docs" / "model-un" / "index.md").read_text(encoding="utf-8")
    assert "check the outcome" not in chapter and "was scheduled for 2026" not in chapter
    assert "This edition does not report the eleventh review conference" in chapter


EDITION = date(2026, 12, 1)
DATES = {"treaty_membership": date(2026, 8, 22)}


@pytest.mark.parametrize("text, message", [
    ("The conference was scheduled for 2026.", "scheduled or ongoing"),
    ("Para one.\n\nThe treaty still applies today.", "scheduled or ongoing"),
    ("<!-- as-of: 2024-06 -->The code had still not been concluded.", "older than the edition"),
    ("<!-- as-of: 2026-07 dataset: treaty_membership -->75 states have joined.", "update the statement"),
    ("<!-- as-of: 2026-08 dataset: no_such_data -->Text.", "unknown dataset"),
])
def test_each_rule_fails_with_file_and_line(text, message):
    found = asof.problems(text, "docs/x.md", EDITION, DATES)
    assert found and message in str(found[0]), found
    assert str(found[0]).startswith("docs/x.md, line ")


@pytest.mark.parametrize("text", [
    "<!-- as-of: 2026-08 dataset: treaty_membership -->75 states had joined; the CTBT still applies to no one.",
    "<!-- as-of: 2024-06 note: the last review the sources cover -->It was scheduled for 2025.",
    "```\nwas scheduled\n```",
    "The Washington treaty lapsed at the end of 1936.",
])
def test_marked_noted_fenced_and_historical_statements_pass(text):
    assert asof.problems(text, "docs/x.md", EDITION, DATES) == []


def test_the_line_reported_is_the_statements_line():
    text = "# Title\n\nIntro.\n\nFirst line\nsecond line: it was scheduled for May."
    assert asof.problems(text, "docs/x.md", EDITION, DATES)[0].line == 6
