"""The nuclear-age crisis simulation: injects built from the Cold War events data."""

from __future__ import annotations

import csv
import re

import pytest
import yaml

from conftest import ROOT
from sdbook.platform import simulation

EVENTS = ROOT / "data" / "cold_war_events.csv"
PAGE = ROOT / "docs" / "classroom" / "nuclear-crisis-simulation.md"
CARDS = ROOT / "docs" / "classroom" / "nuclear-role-cards.md"


def event_rows() -> dict[str, dict]:
    with EVENTS.open(encoding="utf-8", newline="") as handle:
        return {row["event_id"]: row for row in csv.DictReader(handle)}


def test_every_inject_is_an_event_of_the_book():
    source = yaml.safe_load(simulation.ROUNDS.read_text(encoding="utf-8"))
    rows = event_rows()
    assert len(source["rounds"]) >= 3
    for entry in source["rounds"]:
        for event_id in entry["events"]:
            assert event_id in rows, f"{simulation.ROUNDS.name}, round {entry['round']}: {event_id!r} not in {EVENTS.name}"
    for event_id in source["background"]:
        assert event_id in rows, f"{simulation.ROUNDS.name}, background: {event_id!r} not in {EVENTS.name}"


def test_injects_read_the_events_words_and_dates_from_the_data():
    table = simulation.injects_markdown()
    background = simulation.background_markdown()
    source = yaml.safe_load(simulation.ROUNDS.read_text(encoding="utf-8"))
    rows = event_rows()
    for event_id in [e for r in source["rounds"] for e in r["events"]]:
        row = rows[event_id]
        assert row["event"][1:] in table, event_id
        assert simulation.event_date(row["date"], row["date_precision"]) in table, event_id
    for event_id in source["background"]:
        assert rows[event_id]["event"][1:] in background, event_id
    assert table.count("### Round ") == len(source["rounds"])


@pytest.mark.parametrize("when, precision, expected", [
    ("1983-11-07", "day", "7 November 1983"), ("1962-05-01", "month", "May 1962"), ("1976-01-01", "year", "1976")])
def test_dates_are_shown_as_precisely_as_the_data_know_them(when, precision, expected):
    assert simulation.event_date(when, precision) == expected


def test_an_unknown_event_fails_naming_file_and_round(tmp_path):
    rounds = tmp_path / "rounds.yml"
    rounds.write_text(yaml.safe_dump({"background": [], "rounds": [
        {"round": "1", "simulated": "x", "events": ["no-such-event"], "asks": "x", "purpose": "x"}]}),
        encoding="utf-8")
    with pytest.raises(ValueError, match=r"rounds.yml, round 1: \['no-such-event'\]"):
        simulation.scenario(rounds)


def test_pages_carry_the_generated_parts_and_print_one_card_per_page():
    page = PAGE.read_text(encoding="utf-8")
    assert "<!-- nuclear-injects -->" in page and "<!-- nuclear-background -->" in page
    for section in ("## Before the session", "## Timing plan", "## Debrief", "## What happened"):
        assert section in page, section
    cards = CARDS.read_text(encoding="utf-8").split('<div class="sd-role-card" markdown>')[1:]
    assert len(cards) >= 4
    for card in cards:
        title = re.search(r"^## (.+?) \{", card, re.M).group(1)
        for part in ("**You are**", "**Objectives**", "**Red lines**", "**Secret instruction.**"):
            assert part in card, f"{CARDS.name}, card {title}: {part} missing"


def test_the_built_page_shows_every_inject(site):
    page = (site / "classroom" / "nuclear-crisis-simulation" / "index.html").read_text(encoding="utf-8")
    source = yaml.safe_load(simulation.ROUNDS.read_text(encoding="utf-8"))
    rows = event_rows()
    assert "<!-- nuclear-injects -->" not in page and page.count("<h3 id=") >= len(source["rounds"])
    for event_id in [e for r in source["rounds"] for e in r["events"]] + source["background"]:
        words = rows[event_id]["event"].replace("'", "&#x27;").split(",")[0][1:30]
        assert words in page or rows[event_id]["event"].split(",")[0][1:30] in page, event_id
