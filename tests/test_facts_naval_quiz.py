"""The numbers in the naval chapter's self-check quiz, recomputed from the data.

A quiz answer is a number the chapter quotes like any other: if the data change, this
fails until the question, its accepted answer and its explanations are brought into line.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from sdbook import data, naval_race

CHAPTER = (ROOT / "docs" / "naval-race" / "index.md").read_text(encoding="utf-8")
QUIZ = CHAPTER[CHAPTER.index("```quiz"):CHAPTER.index("```", CHAPTER.index("```quiz") + 7)]
UK, DE = "United Kingdom", "Germany"


def _question(start: str) -> str:
    """The text of the quiz question whose '?' line starts with ``start``."""
    blocks = re.split(r"\n(?=\? )", QUIZ)
    return next(block for block in blocks if block.startswith("? " + start))


@pytest.fixture(scope="module")
def on_4_august_1914():
    counts = naval_race.count_on(data.load("dreadnoughts"), "commissioned", "1914-08-04")
    return {kind: (int(counts.get((UK, kind), 0)), int(counts.get((DE, kind), 0)))
            for kind in ("battleship", "battlecruiser")}


def test_capital_ship_ratio_question(on_4_august_1914):
    (uk_bb, de_bb), (uk_bc, de_bc) = on_4_august_1914["battleship"], on_4_august_1914["battlecruiser"]
    question = _question("Using the book's data, divide")
    assert f"= {(uk_bb + uk_bc) / (de_bb + de_bc):.2f} ± 0.005" in question  # 1.6 (the known wrong answer) must fall outside
    assert f"~ {uk_bb / de_bb:.2f}" in question and f"({uk_bb} to {de_bb})" in question
    assert question.count(f"{uk_bb + uk_bc} British") + question.count(f"{uk_bb + uk_bc} by") >= 1
    assert f"{de_bb + de_bc} German" in question


def test_spending_fall_question():
    spending = data.load("naval_expenditure").set_index(["country", "year"])["expenditure_million_gbp"]
    start, end = spending[(UK, 1904)], spending[(UK, 1907)]
    question = _question("By how much did British naval spending fall")
    assert f"= {round(100 * (1 - end / start))} ± 1" in question
    assert f"~ {round(100 * (start / end - 1))}" in question
    assert f"£{start:.2f} million" in question and f"£{end:.2f} million" in question
