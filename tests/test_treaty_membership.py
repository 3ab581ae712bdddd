"""The treaty membership dataset (issue 19, item 2): schema, cross-checks, spot values.

Producer: UNODA's Treaties Database, read in a stored copy dated 22 August 2026 (see the data
library). Spot values were read in that copy; the counts at 23 January 2024 are Our World in
Data's own read of UNODA's database for its snapshot of that day (owid/etl,
snapshots/war/2024-01-23/nuclear_weapons_treaties.py), an independent check on the copy.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from sdbook import data, treaties
from sdbook.data import DataValidationError


@pytest.fixture(scope="module")
def members():
    return data.load(treaties.DATASET)


def test_rows_are_consistent_with_their_status(members):
    treaties.check_consistency(members)
    assert set(members["treaty"]) == set(treaties.TREATY_NAMES)


@pytest.mark.parametrize("state, treaty, status, signed, joined, join_type", [
    ("United States", "npt", "joined", "1968-07-01", "1970-03-05", "ratification"),
    ("United States", "ctbt", "signatory", "1996-09-24", None, None),
    ("China", "npt", "joined", None, "1992-03-12", "accession"),
    ("United Kingdom", "ctbt", "joined", "1996-09-24", "1998-04-06", "ratification"),
    ("Vietnam", "tpnw", "joined", "2017-09-22", "2018-05-17", "ratification"),
    ("Philippines", "tpnw", "joined", "2017-09-20", "2021-02-18", "ratification"),
    ("Austria", "tpnw", "joined", "2017-09-20", "2018-05-08", "ratification"),
    ("Egypt", "bwc", "signatory", "1972-04-10", None, None),
    ("India", "npt", "not_joined", None, None, None),
    ("Argentina", "att", "joined", "2013-06-03", "2014-09-25", "ratification"),
])
def test_spot_values_read_in_the_sources(members, state, treaty, status, signed, joined, join_type):
    row = members[(members["state"] == state) & (members["treaty"] == treaty)].iloc[0]
    assert row["status"] == status
    assert (None if pd.isna(row["signed"]) else f"{row['signed']:%Y-%m-%d}") == signed
    assert (None if pd.isna(row["joined"]) else f"{row['joined']:%Y-%m-%d}") == joined
    assert (None if pd.isna(row["join_type"]) else row["join_type"]) == join_type


def test_russia_withdrew_its_ctbt_ratification_and_north_korea_is_disputed(members):
    russia = members[(members["state"] == "Russia") & (members["treaty"] == "ctbt")].iloc[0]
    assert russia["status"] == "withdrawn" and f"{russia['withdrawn']:%Y-%m-%d}" == "2023-11-03"
    dprk = members[(members["state"] == "North Korea") & (members["treaty"] == "npt")].iloc[0]
    assert dprk["status"] == "disputed" and "2003" in dprk["note"]


@pytest.mark.parametrize("treaty, listed, signed", [("npt", 191, 93), ("ctbt", 187, 187),
                                                     ("tpnw", 97, 93)])
def test_counts_at_23_january_2024_match_owids_read_of_unoda(members, treaty, listed, signed):
    cut = pd.Timestamp("2024-01-23")
    rows = members[members["treaty"] == treaty]
    acted = rows[(rows["signed"] <= cut) | (rows["joined"] <= cut)]
    assert (len(acted), int((rows["signed"] <= cut).sum())) == (listed, signed)


def test_annex2_has_44_states_and_every_one_is_in_the_list(members):
    ctbt = members[members["treaty"] == "ctbt"]
    assert int((ctbt["ctbt_annex2"] == "yes").sum()) == 44
    assert treaties.annex2_holdouts(members) == ["China", "Egypt", "India", "Iran", "Israel",
                                                 "North Korea", "Pakistan", "Russia", "United States"]


def test_no_date_after_the_copy_and_gaps_are_gaps(members):
    as_of = treaties.as_of()
    for column in ("signed", "joined", "withdrawn"):
        assert (members[column].dropna() <= as_of).all(), column
    gaps = members[members["status"] == "not_recorded"]
    assert set(gaps["treaty"]) <= {"att", "cwc", "ost"}
    assert gaps[["signed", "joined", "withdrawn", "source_key"]].isna().all().all()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy)
    return copy


@pytest.mark.parametrize("status, message", [("joined", "joined is empty"),
                                             ("signatory", "signed is empty")])
def test_a_status_that_contradicts_the_dates_is_named(members, status, message):
    bad = members.copy()
    row = bad.index[(bad["state"] == "India") & (bad["treaty"] == "npt")][0]
    bad.loc[row, "status"] = status
    with pytest.raises(DataValidationError, match=rf"row {row + 2} \(India, npt\).*{message}"):
        treaties.check_consistency(bad)


def test_an_unknown_treaty_code_fails_validation(data_copy):
    path = data_copy / "treaty_membership.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",npt,", ",nptx,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"treaty_membership.csv, row 2, column 'treaty'"):
        data.load("treaty_membership", data_copy)


def test_the_chart_draws_the_counts_and_names_each_status(members):
    from sdbook import charts
    fig = charts.fig_treaty_membership(members)
    table = treaties.counts(members)
    drawn = {trace.name: list(trace.x) for trace in fig.data}
    for status, label in treaties.STATUS_LABELS.items():
        if status in table.columns and table[status].any():
            assert drawn[label] == table[status].tolist(), label
    assert list(fig.data[0].y) == ["NPT", "CTBT", "TPNW", "BWC"]
    assert "22 August 2026" in treaties.takeaway(members)
