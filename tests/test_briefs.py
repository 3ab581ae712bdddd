"""Country briefs (issue 19, item 1): generated from data/, gaps kept, questions sourced, in nav."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from sdbook import data
from sdbook.platform import briefs
from sdbook.data import DataValidationError

REFERENCES = {entry["id"] for entry in
              yaml.safe_load((ROOT / "docs" / "references.yml").read_text(encoding="utf-8"))["references"]}


@pytest.fixture(scope="module")
def states():
    return briefs.read_states(reference_keys=REFERENCES)


@pytest.fixture(scope="module")
def pages():
    return briefs.pages()


@pytest.fixture(scope="module")
def frames():
    return briefs.load_frames()


def _state(states, slug):
    return next(s for s in states if s["slug"] == slug)


def test_at_least_the_nuclear_armed_scs_and_rival_states_are_briefed(states):
    names = {s["name"] for s in states}
    assert {"United States", "Russia", "United Kingdom", "France", "China", "India", "Pakistan",
            "Israel", "North Korea"} <= names
    assert {"Vietnam", "Philippines", "Malaysia", "Indonesia", "Taiwan", "Japan"} <= names
    assert {"Argentina", "Brazil", "Egypt", "Greece", "Turkey"} <= names


def test_every_brief_is_a_page_and_in_the_navigation(states, pages):
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.findall(r'^\s+- "([^"]+)": model-un/countries/([\w-]+)\.md$', nav, re.M)
    assert sorted(listed) == sorted((s["name"], s["slug"]) for s in states)
    assert "model-un/countries/index.md" in nav
    assert set(pages) == {"model-un/countries/index.md"} | {f"model-un/countries/{s['slug']}.md" for s in states}


def test_spending_figures_and_sipri_marks_come_from_the_data(states, frames, pages):
    asia = frames["asia_military_spending"]
    us_2024 = asia[(asia["country"] == "United States") & (asia["year"] == 2024)].iloc[0]
    assert f"| 2024 | {us_2024['milex_constant_2023_usd_m']:,.0f} | {us_2024['milex_share_gdp_pct']:.1f} |" \
        in pages["model-un/countries/united-states.md"]
    vietnam = pages["model-un/countries/vietnam.md"]
    assert "| 2024 | no SIPRI figure | no SIPRI figure |" in vietnam  # SIPRI's gap, kept
    assert re.search(r"\| 2015 \| [\d,]+ \(u\) \|", vietnam)  # SIPRI's 'highly uncertain' mark
    rival = frames["rivalry_military_spending"]
    egypt = rival[(rival["country"] == "Egypt") & (rival["year"] == 2024)].iloc[0]
    mark = " (u)" if egypt["milex_constant_flag"] == "uncertain" else ""
    assert f"| 2024 | {egypt['milex_constant_2023_usd_million']:,.0f}{mark} |" in pages["model-un/countries/egypt.md"]


def test_states_without_a_series_say_so_instead_of_borrowing_one(pages):
    assert "hold no SIPRI series for this state" in pages["model-un/countries/russia.md"]
    assert "UNODA's Treaties Database, which follows UN practice, does not list this state" \
        in pages["model-un/countries/taiwan.md"]


def test_warheads_and_tests_are_computed(frames, pages):
    tests = frames["nuclear_tests"]
    dprk = tests[(tests["country"] == "North Korea") & (tests["tests"].fillna(0) > 0)]
    assert f"Nuclear tests: {int(dprk['tests'].sum())}, from {int(dprk['year'].min())} to " \
           f"{int(dprk['year'].max())}" in pages["model-un/countries/north-korea.md"]
    assert "Nuclear tests: none recorded" in pages["model-un/countries/israel.md"]


def test_treaty_rows_and_their_date(pages):
    china = pages["model-un/countries/china.md"]
    assert "| CTBT | signed only | 24 Sep 1996 |  |  |" in china
    assert "<!-- as-of: 2026-08 -->Status on 22 August 2026" in china


def test_agreements_follow_the_parties_column(states, frames):
    india = briefs.agreements_of(frames, _state(states, "india"))["agreement_id"].tolist()
    assert "india-pakistan-1988" in india and "npt-1968" not in india
    taiwan = briefs.agreements_of(frames, _state(states, "taiwan"))["agreement_id"].tolist()
    assert "un-register-1991" not in taiwan
    vietnam = briefs.agreements_of(frames, _state(states, "vietnam"))["agreement_id"].tolist()
    assert "doc-scs-2002" in vietnam


def test_events_say_what_they_answered_and_stay_short(states, frames, pages):
    events = briefs.events_of(frames, _state(states, "vietnam"))
    # Viet Nam's recorded answers (not its own follow-ons) name the move they answered
    scs = frames["scs_events"].set_index("event_id")
    answers = scs[(scs["actor"] == "Vietnam") & (scs["link_type"] == "answer")]
    assert len(answers), "the test needs a Vietnamese answer in scs_events.csv"
    for cause in answers["responds_to"]:
        earlier = scs.loc[cause]
        assert events["answered"].str.startswith(f"{earlier['actor']} ({earlier['date']:%Y})").any()
    assert (events["answered"] != "").sum() == len(answers), "a follow-on is shown as an answer"
    us = pages["model-un/countries/united-states.md"]
    assert len(re.findall(r"^- \d{4}: ", us, re.M)) == briefs.MAX_EVENTS
    assert "earlier moves: see" in us


def test_three_sourced_questions_on_every_brief(states, pages):
    for state in states:
        page = pages[f"model-un/countries/{state['slug']}.md"]
        questions = page.split("## Three questions to be ready for", 1)[1]
        assert len(re.findall(r"^\d\. .+\[@\w+\]$", questions, re.M)) == 3, state["slug"]


@pytest.mark.parametrize("change, message", [
    (lambda s: s[0]["questions"].pop(), "2 questions, expected 3"),
    (lambda s: s[1].update(slug=s[0]["slug"]), "is used twice"),
    (lambda s: s[0]["questions"][0].update(source="nobody2099"), "not in docs/references.yml"),
    (lambda s: s[0].update(why=["friend"]), "unknown 'why'"),
])
def test_a_bad_briefs_file_is_named(tmp_path, change, message):
    content = yaml.safe_load(briefs.BRIEFS_FILE.read_text(encoding="utf-8"))
    change(content["states"])
    path = tmp_path / "country_briefs.yml"
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    with pytest.raises(DataValidationError, match=rf"country_briefs.yml: state #\d+ .*{message}"):
        briefs.read_states(path, REFERENCES)


def test_an_unknown_spending_country_is_named(frames):
    with pytest.raises(DataValidationError, match="no rows for 'Atlantis'"):
        briefs.spending_rows(frames["asia_military_spending"], "asia_military_spending", "Atlantis")
