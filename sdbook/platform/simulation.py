"""The nuclear-age crisis simulation's injects, built from the book's events data.

Page: docs/classroom/nuclear-crisis-simulation.md (chapter: the Cold War nuclear spiral).
The rounds (``docs/includes/able_archer_rounds.yml``) name events by their ``event_id`` in
``data/cold_war_events.csv``; the date and the words read aloud come from that row, so an
inject cannot drift from the timeline the chapter draws. Pure functions; the build puts
the result in place of the page's ``<!-- nuclear-injects -->`` marker.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from sdbook.data import REPO_ROOT, load

ROUNDS = REPO_ROOT / "docs" / "includes" / "able_archer_rounds.yml"


def event_date(when, precision: str) -> str:
    """A date as precisely as the data know it: '7 November 1983', 'May 1962' or '1976'."""
    day = when if isinstance(when, date) else date.fromisoformat(str(when)[:10])
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{day:%B} {day.year}"
    return f"{day.day} {day:%B} {day.year}"


def _events() -> dict[str, dict]:
    frame = load("cold_war_events")
    return {row["event_id"]: row for row in frame.to_dict("records")}


def _sentence(row: dict) -> str:
    text = str(row["event"]).strip()
    return f"**{event_date(row['date'], row['date_precision'])}.** {text[0].upper()}{text[1:]}."


def scenario(path: Path = ROUNDS) -> dict:
    """The rounds with every event resolved; an unknown event_id fails naming file and round."""
    source = yaml.safe_load(path.read_text(encoding="utf-8"))
    events = _events()

    def resolve(ids: list[str], where: str) -> list[dict]:
        missing = [i for i in ids if i not in events]
        if missing:
            raise ValueError(f"{path.name}, {where}: {missing} not an event_id in data/cold_war_events.csv")
        return [events[i] for i in ids]

    rounds = [{**r, "rows": resolve(r["events"], f"round {r['round']}")} for r in source["rounds"]]
    return {"background": resolve(source["background"], "background"), "rounds": rounds}


def background_markdown(path: Path = ROUNDS) -> str:
    """The situation before round 1, one line per event, from the data."""
    return "\n".join(f"- {_sentence(row)}" for row in scenario(path)["background"]) + "\n"


def injects_markdown(path: Path = ROUNDS) -> str:
    """The rounds, one heading each: the inject read aloud (from the data), what it asks, its purpose.

    Headings and short paragraphs rather than a five-column table, which a phone cannot show.
    """
    blocks = []
    for entry in scenario(path)["rounds"]:
        inject = " ".join(_sentence(row) for row in entry["rows"])
        blocks += [f"### Round {entry['round']}: {entry['simulated']}", "",
                   f"**Inject (read aloud).** {inject}", "",
                   f"**Then ask the teams.** {' '.join(entry['asks'].split())}", "",
                   f"**What it is designed to do.** {' '.join(entry['purpose'].split())}", ""]
    return "\n".join(blocks)
