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


# --- The treaties a disarmament committee argues about (issue 19, item 3) ---

NUCLEAR_ARMED = ["United States", "Russia", "United Kingdom", "France", "China", "India",
                 "Pakistan", "Israel", "North Korea"]
NATO_AND_ASIAN_ALLIES = [  # named in the TPNW paragraph; NATO's 32 members as of 2026
    "Albania", "Belgium", "Bulgaria", "Canada", "Croatia", "Czech Republic", "Denmark", "Estonia",
    "Finland", "France", "Germany", "Greece", "Hungary", "Iceland", "Italy", "Latvia", "Lithuania",
    "Luxembourg", "Montenegro", "Netherlands", "North Macedonia", "Norway", "Poland", "Portugal",
    "Romania", "Slovakia", "Slovenia", "Spain", "Sweden", "Turkey", "United Kingdom",
    "United States", "Japan", "South Korea", "Australia"]


@pytest.fixture(scope="module")
def members():
    from sdbook import treaties
    return data.load(treaties.DATASET)


def _spelled(n: int) -> str:
    return {9: "nine", 44: "44"}.get(n, str(n))


def test_treaty_counts_in_the_chapter(members):
    from sdbook import treaties
    table = treaties.counts(members)
    as_of = treaties.as_of()
    assert (f"On {as_of.day} {as_of:%B %Y}, the day the copy of UNODA's lists used here was stored, "
            f"{table.loc['NPT', 'joined']} of the {int(table.loc['NPT'].sum())} states UNODA lists had "
            f"joined the NPT, against {table.loc['TPNW', 'joined']} for the TPNW; the CTBT had "
            f"{table.loc['CTBT', 'joined']} ratifications") in CHAPTER


def test_ctbt_annex2_sentence_and_quiz(members):
    from sdbook import treaties
    holdouts = treaties.annex2_holdouts(members)
    annex2 = int((members["ctbt_annex2"] == "yes").sum())
    names = ", ".join(holdouts[:-1]) + " and " + holdouts[-1].replace("United States", "the United States")
    assert (f"{annex2 - len(holdouts)} of the {annex2} had ratified; the {_spelled(len(holdouts))} "
            f"that had not were {names}") in CHAPTER
    quiz = CHAPTER[CHAPTER.index("how many of the 44 states listed in Annex 2"):]
    assert quiz.split("\n", 2)[1].strip() == f"= {len(holdouts)}"
    assert f"Read the CTBT section: {annex2 - len(holdouts)} of the {annex2} had ratified." in CHAPTER
    russia = members[(members["state"] == "Russia") & (members["treaty"] == "ctbt")].iloc[0]
    assert f"Russia had ratified in {russia['joined']:%Y} and withdrew its ratification in " \
           f"{russia['withdrawn']:%Y}" in CHAPTER


def test_no_nuclear_armed_state_or_ally_has_joined_the_tpnw(members):
    tpnw = members[members["treaty"] == "tpnw"].set_index("state")["status"]
    joined_armed = int((tpnw.reindex(NUCLEAR_ARMED) == "joined").sum())
    assert "None of the nine nuclear-armed states had joined" in CHAPTER and joined_armed == 0
    quiz = CHAPTER[CHAPTER.index("How many of the nine nuclear-armed states had joined the TPNW"):]
    assert quiz.split("\n", 2)[1].strip() == f"= {joined_armed}"
    allies = tpnw.reindex(NATO_AND_ASIAN_ALLIES)
    assert allies.notna().all() and not (allies == "joined").any()
    assert "nor had any of the 32 members of NATO, Japan, South Korea or Australia" in CHAPTER


def test_the_treaty_section_is_in_place_with_its_chart_and_table():
    section = CHAPTER[CHAPTER.index("{ #treaties }"):CHAPTER.index("{ #worked-example }")]
    assert "::: chart mun-treaties" in section and "::: treaty-table" in section
    for heading in ("Treaty on the Prohibition of Nuclear Weapons", "The Arms Trade Treaty",
                    "(PAROS)", "The CTBT and its entry-into-force problem"):
        assert heading in section
        part = section[section.index(heading):]
        for question in ("**What it reassures.**", "**Who stays out, and why.**"):
            assert question in part[:4000], (heading, question)
