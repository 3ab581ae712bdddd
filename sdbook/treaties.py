"""Who has joined the arms-control treaties (chapter: model-un/index.md, and the country briefs).

Pure functions over ``data/treaty_membership.csv`` as loaded by :func:`sdbook.load`
(producer: the UN Office for Disarmament Affairs' Treaties Database): the rows cross-checked
against each other, counts per treaty for the chapter's chart and table, a state's row for
its brief, and the CTBT's Annex 2 hold-outs.
"""

from __future__ import annotations

import pandas as pd

from .data import DataValidationError, resources

DATASET = "treaty_membership"

TREATY_NAMES = {
    "npt": "Non-Proliferation Treaty (NPT)",
    "ctbt": "Comprehensive Nuclear-Test-Ban Treaty (CTBT)",
    "tpnw": "Treaty on the Prohibition of Nuclear Weapons (TPNW)",
    "att": "Arms Trade Treaty (ATT)",
    "bwc": "Biological Weapons Convention (BWC)",
    "cwc": "Chemical Weapons Convention (CWC)",
    "ost": "Outer Space Treaty",
    "tlatelolco": "Treaty of Tlatelolco (Latin America and the Caribbean)",
    "rarotonga": "Treaty of Rarotonga (South Pacific)",
    "bangkok": "Treaty of Bangkok (South-East Asia)",
    "pelindaba": "Treaty of Pelindaba (Africa)",
    "semipalatinsk": "Treaty of Semipalatinsk (Central Asia)",
}
SHORT_NAMES = {"npt": "NPT", "ctbt": "CTBT", "tpnw": "TPNW", "att": "ATT", "bwc": "BWC",
               "cwc": "CWC", "ost": "Outer Space Treaty", "tlatelolco": "Tlatelolco",
               "rarotonga": "Rarotonga", "bangkok": "Bangkok", "pelindaba": "Pelindaba",
               "semipalatinsk": "Semipalatinsk"}
GLOBAL_TREATIES = ("npt", "ctbt", "tpnw", "bwc")  # a row for every state listed
ZONE_TREATIES = ("tlatelolco", "rarotonga", "bangkok", "pelindaba", "semipalatinsk")
STATUS_LABELS = {"joined": "joined", "signatory": "signed only", "not_joined": "not joined",
                 "withdrawn": "withdrew", "disputed": "disputed", "not_recorded": "not recorded"}
STATUS_ORDER = ("joined", "signatory", "withdrawn", "disputed", "not_joined")


def as_of() -> pd.Timestamp:
    """The day the statuses describe (``status_as_of`` in the dataset's metadata)."""
    meta = resources()[DATASET].meta
    if "status_as_of" not in meta:
        raise DataValidationError(f"{resources()[DATASET].path}: metadata lacks 'status_as_of'")
    return pd.Timestamp(meta["status_as_of"])


def check_consistency(members: pd.DataFrame) -> None:
    """Fail, naming the row, when a status contradicts the row's own dates.

    The schema checks each cell; this checks cells against each other, so that a hand
    edit cannot call a state 'joined' without a day it joined, or give a day of joining
    before the day it signed.
    """
    path = resources()[DATASET].path
    status, dated = members["status"], members[["signed", "joined", "withdrawn"]].notna()
    # every rule as (rows that break it, what is wrong); checked for all rows at once (a loop
    # over rows took a second per call, and each of the 21 briefs calls this)
    rules = [(status.eq(state) & members[column].isna(), f"status {state!r} but {column} is empty")
             for state, column in (("joined", "joined"), ("signatory", "signed"),
                                   ("withdrawn", "withdrawn"), ("disputed", "joined"))]
    rules += [
        (status.eq("signatory") & dated["joined"], "status 'signatory' but joined is set"),
        (status.isin(["not_joined", "not_recorded"]) & dated.any(axis=1), "status {status!r} but a date is set"),
        (dated["joined"] != members["join_type"].notna(), "joined and join_type must be set together"),
        (dated["signed"] & dated["joined"] & (members["joined"] < members["signed"]), "joined before it signed"),
        (members["treaty"].eq("ctbt") != members["ctbt_annex2"].notna(),
         "ctbt_annex2 is for CTBT rows only, and all of them"),
        (status.ne("not_recorded") & members["source_key"].isna(), "a recorded status needs a source_key"),
    ]
    broken = [(mask[mask].index[0], order, message) for order, (mask, message) in enumerate(rules) if mask.any()]
    if broken:  # the first row at fault, and the first rule it breaks, as a row-by-row check would
        index, _, message = min(broken, key=lambda b: (members.index.get_loc(b[0]), b[1]))
        row = members.loc[index]
        raise DataValidationError(f"{path}, row {index + 2} ({row['state']}, {row['treaty']}): "
                                  + message.format(status=row["status"]))


def counts(members: pd.DataFrame, treaties=GLOBAL_TREATIES) -> pd.DataFrame:
    """States per treaty (rows, in the given order) and status (columns, STATUS_ORDER)."""
    check_consistency(members)
    rows = members[members["treaty"].isin(treaties)]
    table = pd.crosstab(rows["treaty"], rows["status"])
    table = table.reindex(index=list(treaties), columns=list(STATUS_ORDER), fill_value=0)
    table.index = [SHORT_NAMES[t] for t in table.index]
    table.index.name = "Treaty"
    return table


def counts_table(members: pd.DataFrame) -> pd.DataFrame:
    """The chart's data with readable headers and a total of states listed."""
    table = counts(members).rename(columns=STATUS_LABELS)
    table["states listed"] = table.sum(axis=1)
    return table.reset_index()


def state_rows(members: pd.DataFrame, state: str) -> pd.DataFrame:
    """One state's rows, in TREATY_NAMES order (empty when the source does not list it)."""
    rows = members[members["state"] == state].copy()
    rows["order"] = rows["treaty"].map(list(TREATY_NAMES).index)
    return rows.sort_values("order").drop(columns="order").reset_index(drop=True)


def states_table(members: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    """One row per state, one column per global treaty plus the zone it belongs to: the status word."""
    rows = members[members["state"].isin(states)]
    wide = rows[rows["treaty"].isin(GLOBAL_TREATIES + ("att", "cwc", "ost"))].pivot(
        index="state", columns="treaty", values="status")
    wide = wide.reindex(index=states, columns=["npt", "ctbt", "tpnw", "bwc", "att", "cwc", "ost"])
    wide = wide.apply(lambda column: column.map(lambda s: STATUS_LABELS.get(s, "no row")))
    zones = rows[rows["treaty"].isin(ZONE_TREATIES)]
    zone = {s: "; ".join(f"{SHORT_NAMES[t]} ({STATUS_LABELS[st]})"
                         for t, st in zip(g["treaty"], g["status"])) for s, g in zones.groupby("state")}
    wide["zone treaty"] = [zone.get(s, "—") for s in wide.index]
    wide.columns = [SHORT_NAMES.get(c, c) for c in wide.columns]
    wide.index.name = "State"
    return wide.reset_index()


def annex2_holdouts(members: pd.DataFrame) -> list[str]:
    """Annex 2 states whose ratification the CTBT still lacks (its entry-into-force problem)."""
    ctbt = members[(members["treaty"] == "ctbt") & (members["ctbt_annex2"] == "yes")]
    return sorted(ctbt.loc[ctbt["status"] != "joined", "state"])


def takeaway(members: pd.DataFrame) -> str:
    """One sentence for the chart: the near-universal NPT against the TPNW and the CTBT's gap."""
    table = counts(members)
    listed = table.sum(axis=1)
    holdouts = annex2_holdouts(members)
    return (f"Of the {listed['NPT']} states UNODA lists, {table.loc['NPT', 'joined']} have joined "
            f"the NPT and {table.loc['TPNW', 'joined']} the TPNW (on {as_of().day} "
            f"{as_of():%B %Y}); the CTBT has {table.loc['CTBT', 'joined']} ratifications but "
            f"cannot enter into force while {len(holdouts)} of the 44 states named in its Annex 2 "
            f"have not ratified it.")
