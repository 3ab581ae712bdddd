"""Numbers and dates quoted by the Model UN chapter and the classroom kit, recomputed from data/.

If a row of the agreements or dreadnought data is corrected, these fail until the prose
(chapter, quiz, crisis simulation, role cards) is brought into line.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import ROOT
from sdbook import data, model_un, naval_race

DOCS = ROOT / "docs"
CHAPTER = (DOCS / "model-un" / "index.md").read_text(encoding="utf-8")
SIMULATION = (DOCS / "classroom" / "crisis-simulation.md").read_text(encoding="utf-8")
CARDS = (DOCS / "classroom" / "role-cards.md").read_text(encoding="utf-8")
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


@pytest.fixture(scope="module")
def deals():
    return data.load(model_un.DATASET).set_index("agreement_id")


@pytest.fixture(scope="module")
def spans():
    frame = data.load(model_un.DATASET)
    return model_un.spans(frame, model_un.status_as_of())


def _day(timestamp) -> str:
    return f"{timestamp.day} {timestamp:%B %Y}"


def test_headline_counts(spans):
    outcome = spans["outcome"].value_counts()
    assert (f"Of the {len(spans)} agreements, {outcome['still applies']} still applied when the "
            f"data were last checked") in CHAPTER
    assert f"{outcome['weakened']} were formally in force but weakened, and {outcome['ended']} had ended" in CHAPTER
    spelled = {18: "eighteen"}.get(len(spans), str(len(spans)))
    assert (f"dataset of {spelled} agreements from {spans['signed'].min():%Y} to "
            f"{spans['signed'].max():%Y}") in CHAPTER


def test_mechanism_comparison(spans):
    counts = model_un.outcomes_by_mechanism(spans)
    narrow = counts.loc[["Communication", "Incident rules"]]
    limits = counts.loc["Limits on weapons"]
    assert int(narrow["still applies"].sum()) == int(narrow.values.sum())
    assert (f"All {WORDS[int(narrow.values.sum())]} agreements whose main mechanism was communication "
            f"or incident rules still apply, while {WORDS[int(limits['ended'])]} of the "
            f"{WORDS[int(limits.sum())]} whose main mechanism was a limit on weapons have ended") in CHAPTER
    assert (f"three of the four agreements whose main mechanism was a limit on weapons ended"
            in CHAPTER) == (int(limits["ended"]) == 3 and int(limits.sum()) == 4)


def test_quiz_answers(spans):
    abm = spans.set_index("agreement_id").loc["abm-1972"]
    assert f"= {abm['years']:.1f} ± 0.1" in CHAPTER
    days = (abm["ended"] - abm["in_force"]).days
    assert f"{days:,} days, or {abm['years']:.1f} years" in CHAPTER
    limits = model_un.outcomes_by_mechanism(spans).loc["Limits on weapons"]
    quiz = CHAPTER[CHAPTER.index("whose main mechanism was a limit on weapons, how many"):]
    assert quiz.split("\n", 2)[1].strip() == f"= {int(limits['ended'])}"


@pytest.mark.parametrize("agreement_id, column", [
    ("hotline-1963", "signed"), ("incsea-1972", "signed"), ("cues-2014", "signed"),
    ("doc-scs-2002", "signed"), ("npt-1968", "signed"), ("npt-1968", "in_force"),
])
def test_dates_quoted_in_the_chapter(deals, agreement_id, column):
    assert _day(deals.loc[agreement_id, column]) in CHAPTER, (agreement_id, column)


def test_years_quoted_in_the_chapter(deals):
    for agreement_id, phrase in (("washington-naval-1922", "Washington Naval Treaty** of {signed}"),
                                 ("ptbt-1963", "Partial Test Ban Treaty** of {signed}"),
                                 ("inf-1987", "INF Treaty** of {signed}"),
                                 ("stockholm-1986", "Stockholm Document** of {signed}"),
                                 ("helsinki-cbm-1975", "Helsinki Final Act** of {signed}")):
        assert phrase.format(signed=deals.loc[agreement_id, "signed"].year) in CHAPTER, agreement_id
    assert f"ended in {deals.loc['abm-1972', 'ended'].year}" in CHAPTER or \
        f"until the United States withdrew in {deals.loc['abm-1972', 'ended'].year}" in CHAPTER


@pytest.mark.parametrize("agreement_id, numbers", [
    ("washington-naval-1922", ["525,000", "315,000", "175,000"]),
    ("inf-1987", ["2,692"]),
    ("helsinki-cbm-1975", ["25,000", "21 days"]),
    ("stockholm-1986", ["13,000", "300 tanks", "42 days"]),
    ("cues-2014", ["21"]),
])
def test_terms_quoted_in_the_chapter_are_those_in_the_data(deals, agreement_id, numbers):
    recorded = deals.loc[agreement_id, "what_it_did"] + " " + deals.loc[agreement_id, "parties"]
    for number in numbers:
        assert number in recorded, (agreement_id, number)
        assert number in CHAPTER, (agreement_id, number)


def test_ships_in_commission_at_the_start_of_the_simulation():
    ships = data.load("dreadnoughts")
    counts = naval_race.count_on(ships, "commissioned", "1911-07-01").groupby(level="country").sum()
    uk, de = int(counts["United Kingdom"]), int(counts["Germany"])
    assert f"Britain has commissioned {uk} dreadnought battleships and battlecruisers, Germany {de}" in SIMULATION
    assert "ships in commission on 1 July 1911" in SIMULATION
    assert f"You have {uk} dreadnought-type capital ships in commission to Germany's {de}" in CARDS
    assert f"You have {de} dreadnought-type capital ships in commission to Britain's {uk}" in CARDS


def test_no_number_in_the_chapter_contradicts_the_dataset_size(spans):
    for match in re.finditer(r"(\d+) agreements", CHAPTER):
        assert int(match.group(1)) <= len(spans), match.group(0)
