"""The scholarly review's corrections (issue 17, items 5 and 6), recomputed from the bibliography
and data/ rather than typed twice.

Years and counts in the corrected sentences come from docs/references.yml (the year a work was
issued) and data/ (the Soviet-burden estimates); each test fails until the prose agrees.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from sdbook import data

DOCS = ROOT / "docs"


def _issued_year(key: str) -> int:
    entries = yaml.safe_load((DOCS / "references.yml").read_text(encoding="utf-8"))["references"]
    entry = next((e for e in entries if e["id"] == key), None)
    assert entry is not None, f"docs/references.yml: no entry {key!r}"
    return int(entry["issued"]["date-parts"][0][0])


def _text(relative: str) -> str:
    return (DOCS / relative).read_text(encoding="utf-8")


def test_butterfield_first_printed_the_argument_the_same_year_as_herz():
    first, book, herz = _issued_year("butterfield1950"), _issued_year("butterfield1951"), _issued_year("herz1950")
    assert first == herz == book - 1
    origins = _text("origins/index.md")
    assert "@butterfield1950" in origins, "origins: cite Butterfield's 1950 essay as his first statement"
    assert f"Both men first printed their versions in {first}" in origins
    assert f"Butterfield's first statement of the same predicament also appeared in {first}" \
        in _text("questions/index.md")
    glossary = _text("includes/glossary.yml")
    assert f"an essay\n    first printed in {first} and reprinted in his book of {book}" in glossary
    assert f"described the same\n    trap in the same year, and again in a book of {book}" in glossary


@pytest.mark.parametrize("page", ["origins/index.md", "core-logic/index.md", "naval-race/index.md",
                                  "questions/index.md", "includes/glossary.yml"])
def test_no_page_dates_butterfields_first_statement_after_herz(page):
    text = _text(page)
    for wrong in (r"Butterfield[^.]{0,80}a year after", r"Butterfield's name \(1951\)",
                  r"Butterfield described the same\s+trap in 1951"):
        assert not re.search(wrong, text), f"docs/{page}: {wrong!r} dates Butterfield 1951 as his first"


def test_the_conference_on_disarmament_took_its_name_after_the_committee():
    created, renamed = _issued_year("unga1978"), _issued_year("cd1984")
    assert renamed - created == 6
    model_un = _text("model-un/index.md")
    assert "The special session of 1978 also created a **Committee on Disarmament**" in model_un
    assert f"it took its present name, Conference on Disarmament, in {renamed}" in model_un
    assert "The special session of 1978 also created the CD" not in model_un
    assert f"took its present name in {renamed}" in _text("includes/glossary.yml")


def test_the_cia_estimate_is_dated_by_when_it_was_made_public():
    estimates = data.load("soviet_burden_estimates").set_index("estimate_id")
    cia = estimates.loc["cia-1984"]
    assert cia["published"] == 1985, "the Gates testimony of November 1984 was made public in February 1985"
    assert f"made public in February {cia['published']}" in _text("cold-war/index.md")
    assert "made public on 21 February 1985" in cia["note"]


def test_gorbachev_figure_is_given_with_the_western_estimate_the_source_reports():
    estimates = data.load("soviet_burden_estimates").set_index("estimate_id")
    rubles = estimates.loc["gorbachev-1989", "billion_rubles"]
    chapter = _text("cold-war/index.md")
    assert f"Gorbachev announced a military budget of {rubles:.1f} billion rubles" in chapter
    assert "about twice that" in chapter
    assert "full figure for the first time" not in chapter, "the cited country study does not say so"


def test_fact_check_boxes_no_longer_correct_an_unnamed_article():
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for phrase in ("the source article", "The source article", "The article says", "The article calls",
                       "this book grew from", "available to the authors", "this book's fact-check boxes"):
            assert phrase not in text, f"{page.relative_to(ROOT)}: {phrase!r} (say which claim, where it is found)"
