"""Rebuild data/treaty_membership.csv from the stored copy of UNODA's treaty lists.

What was read (see data/datapackage.json, resource treaty_membership):
  the producer is the UN Office for Disarmament Affairs, Treaties Database
  (https://treaties.unoda.org/t/<treaty>); the copy read is the event timeline that
  SurvivalScores.org builds every day from those pages, as deployed on the gh-pages branch
  of github.com/arthuredelstein/survivalscores.org at commit
  b7cc254a44bd6c459d4b5c200ee3e11e1cc9da32 (2026-08-22 15:27 UTC), file timeline.html.
  It holds one line per signature, ratification, accession, succession or withdrawal for
  the NPT, CTBT, TPNW, BWC and the five nuclear-weapon-free-zone treaties.

Usage (the file is not in this repository; `git show <commit>:timeline.html` in a clone):
    python tools/treaty_membership.py timeline.html > data/treaty_membership.csv

The ATT, the CWC and the Outer Space Treaty are not in that copy: their rows (for the states
the country briefs cover) are written with status not_recorded and empty dates, except the
two ATT rows read in a stored copy of the depositary's own status page (UNTC XXVI-8).
"""

from __future__ import annotations

import csv
import re
import sys

SNAPSHOT_DATE = "2026-08-22"

# The treaty names as the stored copy spells them, and the book's short codes.
TREATIES = {
    "Non-Proliferation Treaty": "npt",
    "Comprehensive Nuclear-Test-Ban Treaty": "ctbt",
    "Prohibition of Nuclear Weapons": "tpnw",
    "Biological Weapons Convention": "bwc",
    "Treaty for the Prohibition of Nuclear Weapons in Latin America and the Caribbean": "tlatelolco",
    "South Pacific Nuclear-Free Zone Treaty": "rarotonga",
    "Southeast Asian Nuclear-Weapon-Free Zone Treaty": "bangkok",
    "African Nuclear-Weapon-Free Zone Treaty": "pelindaba",
    "Central Asian Nuclear-Weapon-Free Zone Treaty": "semipalatinsk",
}
GLOBAL = ("npt", "ctbt", "tpnw", "bwc")  # every state gets a row; zone treaties only members
NOT_IN_COPY = ("att", "cwc", "ost")

# The states the country briefs cover (docs/includes/briefs.yml), as the copy names them.
BRIEF_STATES = ("United States", "Russia", "United Kingdom", "France", "China", "India",
                "Pakistan", "Israel", "North Korea", "Japan", "Vietnam", "Philippines",
                "Malaysia", "Indonesia", "Argentina", "Brazil", "Egypt", "Greece",
                "Turkey", "South Africa")

# CTBT Annex 2: the 44 states whose ratification brings the treaty into force (Article XIV),
# as listed in the depositary's status page (UNTC, chapter XXVI-4), in the copy's spelling.
CTBT_ANNEX2 = {
    "Algeria", "Argentina", "Australia", "Austria", "Bangladesh", "Belgium", "Brazil",
    "Bulgaria", "Canada", "Chile", "China", "Colombia", "North Korea", "Egypt", "Finland",
    "France", "Germany", "Hungary", "India", "Indonesia", "Iran", "Israel", "Italy", "Japan",
    "Mexico", "Netherlands", "Norway", "Pakistan", "Peru", "Poland", "South Korea", "Romania",
    "Russia", "Slovakia", "South Africa", "Spain", "Sweden", "Switzerland", "Turkey", "Ukraine",
    "United Kingdom", "United States", "Vietnam", "Democratic Republic of the Congo"}

# Read in the depositary's status page for the ATT (UNTC XXVI-8, stored copy).
ATT_UNTC = {"Argentina": ("2013-06-03", "2014-09-25"), "Brazil": ("2013-06-03", "2018-08-14")}

ACTIONS = {"signed": "signed", "ratified": "ratification", "acceded to": "accession",
           "succeeded": "succession", "withdrew from": "withdrawal"}
ROW = re.compile(r'<td class="date">([^<]*)</td>.*?alt="([^"]*) logo".*?<td>([^<]*)</td>', re.S)
EVENT = re.compile(r"^(.*?) (signed|ratified|acceded to|succeeded|withdrew from) (?:the )?(.*?)\.$")
COLUMNS = ["state", "treaty", "signed", "joined", "join_type", "withdrawn", "status",
           "ctbt_annex2", "source_key", "note"]


def events(html: str):
    """(date, state, action, treaty code) for each line of the stored timeline."""
    for day, logo, text in ROW.findall(html):
        match = EVENT.match(text)
        if not match:
            continue
        state, verb, name = match.groups()
        code = TREATIES.get(name) or TREATIES.get(logo)
        if code:
            yield day, state, ACTIONS[verb], code


def rows(html: str) -> list[dict]:
    found: dict[tuple[str, str], dict] = {}
    states = set()
    for day, state, action, code in events(html):
        states.add(state)
        row = found.setdefault((state, code), {"signed": "", "joined": "", "join_type": "",
                                               "withdrawn": ""})
        if action == "signed":
            row["signed"] = day
        elif action == "withdrawal":
            row["withdrawn"] = day
        else:
            row["joined"], row["join_type"] = day, action
    out = []
    for state in sorted(states | set(BRIEF_STATES)):
        for code in GLOBAL + tuple(sorted({c for (s, c) in found if s == state} - set(GLOBAL))):
            row = dict(found.get((state, code), {"signed": "", "joined": "", "join_type": "",
                                                 "withdrawn": ""}))
            row.update(state=state, treaty=code, source_key="unoda_survivalscores_2026",
                       note="", status=_status(row),
                       ctbt_annex2=("yes" if state in CTBT_ANNEX2 else "no") if code == "ctbt" else "")
            out.append(row)
        if state in BRIEF_STATES:
            for code in NOT_IN_COPY:
                out.append(_not_in_copy(state, code))
    _notes(out)
    return out


def _status(row: dict) -> str:
    if row["withdrawn"]:
        return "withdrawn"
    if row["joined"]:
        return "joined"
    return "signatory" if row["signed"] else "not_joined"


def _not_in_copy(state: str, code: str) -> dict:
    row = {"state": state, "treaty": code, "signed": "", "joined": "", "join_type": "",
           "withdrawn": "", "status": "not_recorded", "ctbt_annex2": "", "source_key": "",
           "note": "Not in the stored copy read for this edition: no date recorded."}
    if code == "att" and state in ATT_UNTC:
        row.update(signed=ATT_UNTC[state][0], joined=ATT_UNTC[state][1], join_type="ratification",
                   status="joined", source_key="untc_att", note="")
    return row


def _notes(out: list[dict]) -> None:
    for row in out:
        if (row["state"], row["treaty"]) == ("North Korea", "npt"):
            row["status"] = "disputed"
            row["note"] = ("UNODA records the accession only; North Korea announced its withdrawal "
                           "in 2003 and parties disagree whether it took legal effect.")
        if (row["state"], row["treaty"]) == ("Russia", "ctbt"):
            row["note"] = ("Ratification withdrawn (UNODA's 'withdrawal'); Russia remains a "
                           "signatory. The treaty is not in force.")
        if row["treaty"] == "npt" and row["joined"]:
            row["note"] = row["note"] or ("Date of deposit with one of the three depositaries "
                                          "(London, Moscow, Washington) as UNODA lists it first; "
                                          "deposits with the others may differ by days.")


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(html))


if __name__ == "__main__":
    main(sys.argv[1])
