"""Agreements that tried to break security spirals (chapter: model-un/index.md).

Pure functions over ``data/spiral_breaking_agreements.csv`` as loaded by
:func:`sdbook.load`: how long each agreement lasted, which mechanisms lasted,
and the one-sentence takeaways and tables behind the chapter's two charts.
"""

from __future__ import annotations

import pandas as pd

from .data import DataValidationError, resources

DATASET = "spiral_breaking_agreements"

# Five recorded statuses fold into three outcomes a reader can compare at a glance.
# A superseded measure lives on inside a stronger successor, so it counts as applying.
OUTCOMES = {"in_force": "still applies", "superseded": "still applies",
            "weakened": "weakened", "expired": "ended", "ended": "ended"}
OUTCOME_ORDER = ("still applies", "weakened", "ended")
MECHANISM_LABELS = {"communication": "Communication", "incident_rules": "Incident rules",
                    "transparency": "Transparency", "verification": "Verification",
                    "limits": "Limits on weapons", "restraint": "Pledge of restraint"}


def status_as_of() -> pd.Timestamp:
    """The day the statuses in the dataset describe (``status_as_of`` in its metadata)."""
    meta = resources()[DATASET].meta
    if "status_as_of" not in meta:
        raise DataValidationError(f"{resources()[DATASET].path}: metadata lacks 'status_as_of'")
    return pd.Timestamp(meta["status_as_of"])


def check_consistency(agreements: pd.DataFrame, as_of: pd.Timestamp) -> None:
    """Fail, naming the row, when dates run backwards or a status contradicts the dates.

    The schema checks each cell; this checks cells against each other: an agreement
    cannot take effect before it was signed, end before it took effect, be dated after
    the day its status describes, or be 'ended' without an end date (and vice versa).
    """
    path = resources()[DATASET].path
    for index, row in agreements.iterrows():
        where = f"{path}, row {index + 2} ({row['agreement_id']})"
        start = row["in_force"] if pd.notna(row["in_force"]) else row["signed"]
        if pd.notna(row["in_force"]) and row["in_force"] < row["signed"]:
            raise DataValidationError(f"{where}: in force {row['in_force']:%Y-%m-%d} before signed")
        if pd.notna(row["ended"]) and row["ended"] <= start:
            raise DataValidationError(f"{where}: ended {row['ended']:%Y-%m-%d} before it began")
        for column in ("signed", "in_force", "ended"):
            if pd.notna(row[column]) and row[column] > as_of:
                raise DataValidationError(f"{where}: {column} is after status_as_of {as_of:%Y-%m-%d}")
        has_end = pd.notna(row["ended"])
        if has_end != (OUTCOMES[row["status"]] == "ended"):
            raise DataValidationError(
                f"{where}: status {row['status']!r} but ended is {'set' if has_end else 'empty'}")
        if row["also"] == row["mechanism"]:
            raise DataValidationError(f"{where}: 'also' repeats the main mechanism")
        # An empty date must not read as an oversight: the row says why it is empty.
        has_note = isinstance(row["in_force_note"], str) and bool(row["in_force_note"].strip())
        if pd.isna(row["in_force"]) != has_note:
            raise DataValidationError(
                f"{where}: in_force is {'empty' if pd.isna(row['in_force']) else 'set'} but in_force_note is "
                f"{'set' if has_note else 'empty'} (a note is needed exactly when the date is missing)")


def spans(agreements: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per agreement with start, end, years lasted and outcome, oldest first.

    The span starts when the agreement took effect, or when it was signed if the day
    it took effect is not in the data (``start_is_signed``); it ends when it ended,
    or at ``as_of`` if it still applies or is weakened.
    """
    check_consistency(agreements, as_of)
    frame = agreements.copy()
    frame["start_is_signed"] = frame["in_force"].isna()
    frame["start"] = frame["in_force"].fillna(frame["signed"])
    frame["end"] = frame["ended"].fillna(as_of)
    frame["years"] = (frame["end"] - frame["start"]).dt.days / 365.25
    frame["outcome"] = frame["status"].map(OUTCOMES)
    frame["mechanism_label"] = frame["mechanism"].map(MECHANISM_LABELS)
    return frame.sort_values(["start", "agreement_id"]).reset_index(drop=True)


def outcomes_by_mechanism(agreements: pd.DataFrame) -> pd.DataFrame:
    """Agreements per main mechanism (rows, in MECHANISM_LABELS order) and outcome (columns)."""
    outcome = agreements["status"].map(OUTCOMES)
    counts = pd.crosstab(agreements["mechanism"], outcome)
    counts = counts.reindex(index=[m for m in MECHANISM_LABELS if m in counts.index],
                            columns=list(OUTCOME_ORDER), fill_value=0)
    counts.index = [MECHANISM_LABELS[m] for m in counts.index]
    counts.index.name = "Main mechanism"
    return counts


def timeline_table(spans_frame: pd.DataFrame) -> pd.DataFrame:
    """The timeline chart's data: one row per agreement, in the chart's order."""
    # Short names and headers: the table is the chart's text version on screen and in print.
    table = pd.DataFrame({
        "Agreement": spans_frame["short_name"],
        "Signed": spans_frame["signed"].dt.strftime("%Y-%m-%d"),
        "In force": spans_frame["in_force"].dt.strftime("%Y-%m-%d"),
        "Ended": spans_frame["ended"].dt.strftime("%Y-%m-%d"),
        "Years": spans_frame["years"].round(1),
        "Mechanism": spans_frame["mechanism_label"],
        "Status": spans_frame["status"].str.replace("_", " "),
        "Source": spans_frame["source_key"],
    })
    return table


def mechanism_table(agreements: pd.DataFrame) -> pd.DataFrame:
    """The mechanism chart's data, with a total per mechanism."""
    counts = outcomes_by_mechanism(agreements)
    counts["total"] = counts.sum(axis=1)
    return counts.reset_index()


def timeline_takeaway(spans_frame: pd.DataFrame, as_of: pd.Timestamp) -> str:
    """One sentence: how many agreements still apply, how many ended, and the longest-lived."""
    outcome = spans_frame["outcome"].value_counts()
    longest = spans_frame.loc[spans_frame.loc[spans_frame["outcome"] == "still applies", "years"].idxmax()]
    ended = spans_frame[spans_frame["outcome"] == "ended"]
    return (f"Of the {len(spans_frame)} agreements, {outcome.get('still applies', 0)} still applied "
            f"on {as_of.day} {as_of:%B %Y}, {outcome.get('weakened', 0)} had been weakened and "
            f"{len(ended)} had ended, after {ended['years'].min():.0f} to "
            f"{ended['years'].max():.0f} years; the oldest still in use is the "
            f"{longest['short_name']} ({longest['start']:%Y}).")


def mechanism_takeaway(agreements: pd.DataFrame) -> str:
    """One sentence comparing the mechanisms that lasted with those that did not."""
    counts = outcomes_by_mechanism(agreements)
    narrow = counts.loc[[MECHANISM_LABELS["communication"], MECHANISM_LABELS["incident_rules"]]]
    limits = counts.loc[MECHANISM_LABELS["limits"]]
    return (f"All {int(narrow.values.sum())} communication and incident-rule agreements here "
            f"{'still apply' if narrow['still applies'].sum() == narrow.values.sum() else 'did not all last'}"
            f", while {int(limits['ended'])} of the {int(limits.sum())} agreements whose main "
            f"mechanism was a limit on weapons have ended: narrow rules that cost little outlast "
            f"caps on the forces rivals fear most, at least in this hand-picked list.")
