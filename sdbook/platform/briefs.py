"""Country briefs for Model UN delegates, written from data/ at build (docs/model-un/countries/).

Chapter: the security dilemma in Model UN. One page per state in
``docs/includes/country_briefs.yml``; every number comes from a dataset (SIPRI spending with
SIPRI's marks, FAS warheads, ACA tests, UNODA treaty membership, the agreements and events
files), so a corrected CSV corrects every brief. Pure functions: frames in, Markdown out;
:func:`pages` is what the build calls.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from .. import treaties
from ..data import REPO_ROOT, DataValidationError, load

BRIEFS_FILE = REPO_ROOT / "docs" / "includes" / "country_briefs.yml"
SECTION = "model-un/countries"
SPENDING_YEARS = (1990, 2000, 2010, 2015, 2020)  # plus the latest year in the data
EVENT_FILES = {"cold_war_events": "../../cold-war/index.md",
               "missile_defence_events": "../../today/index.md",
               "scs_events": "../../today/index.md"}
MAX_EVENTS = 8  # two printed pages: the most recent moves, and a count of the rest
WHY = {"nuclear-armed": "holds or has held nuclear weapons",
       "scs": "in the South China Sea data (claimant, neighbour or outside power)",
       "rival": "one of the core-logic chapter's rival pairs"}
REQUIRED = ("slug", "name", "why", "questions")
# SIPRI's marks, kept on every figure: estimate (blue in SIPRI's sheet), highly uncertain (red).
MARKS = {"sipri_estimate": "e", "estimate": "e", "highly_uncertain": "u", "uncertain": "u"}
_SPENDING_COLUMNS = {  # dataset -> (value, value mark, share, share mark)
    "asia_military_spending": ("milex_constant_2023_usd_m", "constant_status",
                               "milex_share_gdp_pct", "share_status"),
    "rivalry_military_spending": ("milex_constant_2023_usd_million", "milex_constant_flag",
                                  "milex_share_of_gdp_percent", "share_of_gdp_flag"),
}


def read_states(path: Path = BRIEFS_FILE, reference_keys: set[str] | None = None) -> list[dict]:
    """The briefed states, checked: required keys, unique slugs, three sourced questions each."""
    states = yaml.safe_load(path.read_text(encoding="utf-8"))["states"]
    seen = set()
    for number, state in enumerate(states, start=1):
        where = f"{path}: state #{number} ({state.get('name', '?')})"
        missing = [key for key in REQUIRED if not state.get(key)]
        if missing:
            raise DataValidationError(f"{where} lacks {', '.join(missing)}")
        if state["slug"] in seen:
            raise DataValidationError(f"{where}: slug {state['slug']!r} is used twice")
        seen.add(state["slug"])
        if unknown := set(state["why"]) - set(WHY):
            raise DataValidationError(f"{where}: unknown 'why' {sorted(unknown)} (known: {sorted(WHY)})")
        if len(state["questions"]) != 3:
            raise DataValidationError(f"{where}: {len(state['questions'])} questions, expected 3")
        for question in state["questions"]:
            if not question.get("q") or not question.get("source"):
                raise DataValidationError(f"{where}: every question needs 'q' and 'source'")
            if reference_keys is not None and question["source"] not in reference_keys:
                raise DataValidationError(
                    f"{where}: source {question['source']!r} is not in docs/references.yml")
    return states


def load_frames() -> dict[str, pd.DataFrame]:
    """Every dataset a brief reads, loaded (and validated) once per build."""
    names = ["asia_military_spending", "rivalry_military_spending", "nuclear_warheads",
             "nuclear_tests", treaties.DATASET, "spiral_breaking_agreements", *EVENT_FILES]
    return {name: load(name) for name in names}


def markdown_table(frame: pd.DataFrame) -> str:
    """A pipe table (pandas' to_markdown needs tabulate, which the book does not install)."""
    def cell(value) -> str:
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).replace("|", "\\|")
    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + " --- |" * len(frame.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def _day(value) -> str:
    return "" if pd.isna(value) else f"{value.day} {value:%b %Y}"


def spending_rows(frame: pd.DataFrame, dataset: str, country: str) -> pd.DataFrame:
    """Selected years of one country's SIPRI series: value and share, each with SIPRI's mark."""
    value, value_mark, share, share_mark = _SPENDING_COLUMNS[dataset]
    rows = frame[frame["country"] == country].set_index("year")
    if rows.empty:
        raise DataValidationError(f"{dataset}: no rows for {country!r} (docs/includes/country_briefs.yml)")
    latest = int(rows.index.max())
    years = [y for y in SPENDING_YEARS if y in rows.index] + [latest]

    def cell(year, column, mark_column, digits):
        number, mark = rows.at[year, column], rows.at[year, mark_column]
        if pd.isna(number):
            return "no SIPRI figure"
        return f"{number:,.{digits}f}" + (f" ({MARKS[mark]})" if mark in MARKS else "")
    return pd.DataFrame({"Year": years,
                         "US$ m (constant 2023)": [cell(y, value, value_mark, 0) for y in years],
                         "Share of GDP, %": [cell(y, share, share_mark, 1) for y in years]})


def spending_markdown(frames: dict, state: dict) -> str:
    if not state.get("spending"):
        return ("The book's data hold no SIPRI series for this state; its spending is not shown "
                "rather than taken from another source.\n")
    dataset, country = state["spending"]
    table = spending_rows(frames[dataset], dataset, country)
    return (markdown_table(table) + "\n\n(e) SIPRI estimate; (u) highly uncertain, as SIPRI "
            "marks them; \"no SIPRI figure\" is a gap in SIPRI's data, left empty [@sipri2025].\n")


def nuclear_markdown(frames: dict, state: dict) -> str:
    if not state.get("nuclear"):
        return "None: the state has not held nuclear weapons according to the book's data.\n"
    name = state["nuclear"]
    warheads = frames["nuclear_warheads"]
    held = warheads[(warheads["country"] == name)].dropna(subset=["warheads"])
    lines = []
    if not held.empty:
        last, peak = held.loc[held["year"].idxmax()], held.loc[held["warheads"].idxmax()]
        lines.append(f"- Warheads: {int(last['warheads']):,} in {int(last['year'])}; at most "
                     f"{int(peak['warheads']):,} ({int(peak['year'])}) [@fas2023].")
    tests = frames["nuclear_tests"]
    tested = tests[(tests["country"] == name) & (tests["tests"].fillna(0) > 0)]
    if tested.empty:
        lines.append("- Nuclear tests: none recorded in the book's data [@aca2020].")
    else:
        lines.append(f"- Nuclear tests: {int(tested['tests'].sum()):,}, from {int(tested['year'].min())} "
                     f"to {int(tested['year'].max())} [@aca2020].")
    return "\n".join(lines) + "\n"


def treaty_markdown(frames: dict, state: dict) -> str:
    members = frames[treaties.DATASET]
    treaties.check_consistency(members)
    rows = treaties.state_rows(members, state.get("treaty_name", ""))
    if rows.empty:
        return ("UNODA's Treaties Database, which follows UN practice, does not list this state; "
                "the book has no treaty row for it.\n")
    table = pd.DataFrame({
        "Treaty": rows["treaty"].map(treaties.SHORT_NAMES),
        "Status": rows["status"].map(treaties.STATUS_LABELS),
        "Signed": rows["signed"].map(_day),
        "Joined": [f"{_day(d)} ({t})" if pd.notna(d) else "" for d, t in zip(rows["joined"], rows["join_type"])],
        "Withdrew": rows["withdrawn"].map(_day),
    })
    notes = [f"{treaties.SHORT_NAMES[t]}: {n}" for t, n in zip(rows["treaty"], rows["note"])
             if isinstance(n, str) and n and not n.startswith(("Date of deposit", "Not in the stored"))]
    as_of = treaties.as_of()
    text = markdown_table(table) + (
        f"\n\n<!-- as-of: {as_of:%Y-%m} -->Status on {as_of.day} {as_of:%B %Y}, as UNODA's lists "
        "showed it that day [@unoda_treaties2026]; later signatures are not in this edition. "
        "\"Not recorded\" is a gap in the copy read, not a no.\n")
    return text + "".join(f"\n- {note}" for note in notes) + ("\n" if notes else "")


def agreements_of(frames: dict, state: dict) -> pd.DataFrame:
    """The agreements in the dataset that name the state, belong to a group it is in, or bind all UN members."""
    deals = frames["spiral_breaking_agreements"]
    names = state.get("agreement_names", [])
    members = frames[treaties.DATASET]
    npt = members[(members["state"] == state.get("treaty_name")) & (members["treaty"] == "npt")]

    def party(row) -> bool:
        if row["agreement_id"] == "npt-1968":  # its parties column names those who stayed out
            return not npt.empty and npt["status"].iloc[0] in ("joined", "disputed")
        if row["parties"].startswith("All UN member states"):
            return state.get("un_member", True)
        return row["agreement_id"] in state.get("also_party_to", []) or \
            any(name in row["parties"] for name in names)
    return deals[deals.apply(party, axis=1)].sort_values("signed")


def agreements_markdown(frames: dict, state: dict) -> str:
    deals = agreements_of(frames, state)
    if deals.empty:
        return "None of the eighteen agreements in the book's dataset.\n"
    return "\n".join(f"- **{d.short_name}** ({d.signed:%Y}): {d.mechanism.replace('_', ' ')}; "
                     f"{d.status.replace('_', ' ')}." for d in deals.itertuples()) + "\n"


def events_of(frames: dict, state: dict) -> pd.DataFrame:
    """The state's moves in the modern events files, each with the move it answered, newest first."""
    found = []
    for name, chapter in EVENT_FILES.items():
        events = frames[name]
        by_id = events.set_index("event_id")
        mine = events[events["actor"].isin(state.get("actors", []))]
        for event in mine.itertuples():
            answered = ""
            # Only answers: a state's own next step (a follow-on) answered nobody.
            if getattr(event, "link_type", "answer") == "answer" and isinstance(event.responds_to, str) \
                    and event.responds_to in by_id.index:
                earlier = by_id.loc[event.responds_to]
                answered = f"{earlier['actor']} ({earlier['date']:%Y}): {earlier['event']}"
            found.append({"date": event.date, "event": event.event, "answered": answered,
                          "chapter": chapter})
    frame = pd.DataFrame(found, columns=["date", "event", "answered", "chapter"])
    return frame.sort_values("date", ascending=False).reset_index(drop=True)


def events_markdown(frames: dict, state: dict) -> str:
    events = events_of(frames, state)
    if events.empty:
        return "None in the book's modern events files (Cold War, missile defence, South China Sea).\n"
    lines = [f"- {e.date:%Y}: {e.event}" + (f". *It answered* {e.answered}" if e.answered else "")
             for e in events.head(MAX_EVENTS).itertuples()]
    if len(events) > MAX_EVENTS:
        chapters = sorted(set(events["chapter"].iloc[MAX_EVENTS:]))
        links = " and ".join(f"[{'the Cold War chapter' if 'cold' in c else 'the dilemma today'}]({c})"
                             for c in chapters)
        lines.append(f"- {len(events) - MAX_EVENTS} earlier moves: see {links}.")
    return "\n".join(lines) + "\n"


def brief_markdown(frames: dict, state: dict) -> str:
    """The whole page for one state."""
    why = "; ".join(WHY[w] for w in state["why"])
    questions = "\n".join(f"{n}. {q['q']} [@{q['source']}]" for n, q in enumerate(state["questions"], 1))
    # The wrapper lets the print style (book.css, .sd-brief) fit a brief on two A4 pages.
    return (f"# Country brief: {state['name']}\n\n<div class=\"sd-brief\" markdown>\n\n"
            f"*Why it is briefed:* {why}. Every figure below is computed from the book's data at "
            f"build; gaps are gaps in the sources. [All briefs](index.md) · "
            f"[the Model UN chapter](../index.md).\n\n"
            f"## Military spending (SIPRI)\n\n{spending_markdown(frames, state)}\n"
            f"## Nuclear weapons\n\n{nuclear_markdown(frames, state)}\n"
            f"## Treaty membership\n\n{treaty_markdown(frames, state)}\n"
            f"## Agreements in the book's dataset\n\n{agreements_markdown(frames, state)}\n"
            f"## Its moves, and what they answered\n\n{events_markdown(frames, state)}\n"
            f"## Three questions to be ready for\n\n{questions}\n\n"
            "## References\n\n::: references\n\n</div>\n")


def index_markdown(frames: dict, states: list[dict]) -> str:
    """The delegate's entry page: pick a state; the treaty table of every briefed state."""
    rows = "\n".join(f"| [{s['name']}]({s['slug']}.md) | {'; '.join(WHY[w] for w in s['why'])} |"
                     for s in sorted(states, key=lambda s: s["name"]))
    return ("# Country briefs for delegates\n\n"
            "Pick the state you represent. Each brief gathers, from the book's data, its military "
            "spending with SIPRI's own marks, its nuclear forces and tests, the treaties it has "
            "signed and joined, the agreements and the moves the book records for it, and three "
            "questions other delegations are likely to put to it. Each prints on two pages.\n\n"
            "| State | Why it is briefed |\n| --- | --- |\n" + rows + "\n\n"
            "## Treaty membership at a glance\n\n" + treaty_table_markdown(frames, states, "../../") +
            "\nThe chapter's section on [the treaties a disarmament committee argues about]"
            "(../index.md#treaties) reads them through the security dilemma.\n")


def treaty_table_markdown(frames: dict, states: list[dict], root: str, cite: bool = True) -> str:
    """Every briefed state's status under each treaty (``::: treaty-table`` in the chapter too).

    Treaties with no recorded status for any of these states are left out of the table and
    named under it. ``cite=False`` where citations are already resolved (a directive's output).
    """
    names = [s["treaty_name"] for s in sorted(states, key=lambda s: s["name"]) if s.get("treaty_name")]
    table = treaties.states_table(frames[treaties.DATASET], names)
    empty = [c for c in table.columns[1:] if set(table[c]) <= {"not recorded", "no row"}]
    table = table.drop(columns=empty)
    as_of = treaties.as_of()
    source = "[@unoda_treaties2026]" if cite else "(UNODA, Treaties Database)"
    left_out = (f"Not shown: {' and '.join(empty)}, which were not in the copy of the lists read for "
                "this edition. " if empty else "")
    return (markdown_table(table) +
            f"\n\n<!-- as-of: {as_of:%Y-%m} -->Status on {as_of.day} {as_of:%B %Y} {source}. {left_out}"
            "\"Not recorded\" marks the same kind of gap for a single state. The "
            f"[data library]({root}data-library.md#treaty_membership) says what was read.\n")


def chapter_treaty_table() -> str:
    """``::: treaty-table`` in docs/model-un/index.md: the briefed states' treaty statuses."""
    return treaty_table_markdown(load_frames(), read_states(), "../", cite=False)


def pages() -> dict[str, str]:
    """``{src_uri: markdown}`` for the index and every brief (what the build adds to the site)."""
    states, frames = read_states(), load_frames()
    out = {f"{SECTION}/index.md": index_markdown(frames, states)}
    for state in states:
        out[f"{SECTION}/{state['slug']}.md"] = brief_markdown(frames, state)
    return out
