"""What the origins chapter says about the works, checked against the works dataset."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from sdbook import data, origins

CHAPTER = (ROOT / "docs" / "origins" / "index.md").read_text(encoding="utf-8")
FAMILY = {ref["id"]: ref["author"][0].get("family", ref["author"][0].get("literal"))
          for ref in yaml.safe_load((ROOT / "docs" / "references.yml").read_text("utf-8"))["references"]
          if ref.get("author")}
NUMBER_WORDS = {12: "twelve", 16: "sixteen", 18: "eighteen", 21: "twenty-one", 22: "twenty-two",
                25: "twenty-five"}


@pytest.fixture(scope="module")
def works():
    return data.load("security_dilemma_works")


def test_counts_of_works_match_the_data(works):
    total = len(works)
    modern = int((works["year"] >= origins.MODERN_FROM).sum())
    assert f"records {NUMBER_WORDS[total]} works" in CHAPTER
    assert f"{NUMBER_WORDS[modern]} of the {NUMBER_WORDS[total]} works after {origins.MODERN_FROM}" in CHAPTER


def test_the_gap_between_thucydides_and_herz(works):
    year = dict(zip(works["work_id"], works["year"]))
    gap = year["herz1950"] - year["thucydides"]
    assert f"= {gap} ± 50" in CHAPTER
    assert f"about {gap:,} years, from c. {-year['thucydides']} BCE to {year['herz1950']}" in CHAPTER


def test_the_most_answered_work_and_its_answers(works):
    tops, count = origins.most_answered(works)
    assert tops == ["jervis1976", "jervis1978"]
    assert (f"his 1976 book and his 1978 article are the works built on most often in the data, "
            f"by {['no', 'one', 'two', 'three', 'four'][count]} later works each") in CHAPTER
    numbered = origins.numbered_works(works).set_index("work_id")
    top = "jervis1978"  # the exercise asks about the article
    answering = sorted(w for w, target in origins.answers(works) if target == top)
    names = [f"{FAMILY[numbered.loc[w, 'reference_id']]} ({numbered.loc[w, 'year']})" for w in answering]
    names.sort(key=lambda n: n[-5:-1])
    assert f"The data record {', '.join(names[:-1])} and {names[-1]} as answering Jervis 1978" in CHAPTER
    assert f"find the {['no', 'one', 'two', 'three', 'four'][count]} works recorded as answering" in CHAPTER


def test_dates_of_the_naming_agree_with_the_data(works):
    year = dict(zip(works["work_id"], works["year"]))
    assert year["herz1950"] == year["butterfield1950"] == 1950 and year["herz1951"] == 1951
    assert f"published in January {year['herz1950']}" in CHAPTER
    assert f"Herz named the security dilemma in January {year['herz1950']}" in CHAPTER
    assert "*History and Human Relations* (London: Collins, 1951)" in CHAPTER
    # the fact check's "who came first": Herz in January 1950, Butterfield's article in April
    order = origins.numbered_works(works)["work_id"].tolist()
    assert order.index("herz1950") < order.index("butterfield1950")


def test_allison_count_matches_the_works_claim(works):
    claim = works.set_index("work_id").loc["allison2017", "claim"]
    assert "of sixteen such cases in 500 years, twelve ended in war" in claim
    assert "Allison counted sixteen such cases" in CHAPTER and "twelve ended in war" in CHAPTER
    assert "= 12\n" in CHAPTER
