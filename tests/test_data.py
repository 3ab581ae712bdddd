"""Every dataset validates, and every kind of bad input fails with a message naming the place."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from sdbook import data
from sdbook.data import DataValidationError

DATASETS = sorted(data.resources())


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_validates_against_its_metadata(name):
    frame = data.load(name)
    assert len(frame) >= data.resources()[name].meta["min_rows"]


@pytest.mark.parametrize("name", DATASETS)
def test_metadata_records_source_licence_units_and_notes(name):
    meta = data.resources()[name].meta
    for source in meta["sources"]:
        assert source["path"].startswith("http"), f"{name}: source {source['key']} has no URL"
    assert all(lic.get("name") for lic in meta["licenses"])
    pd.Timestamp(meta["retrieved"])  # a real date
    assert {"uncertainty", "disagreements"} <= set(meta["notes"]), \
        f"{name}: notes must say how uncertain the figures are and where sources disagree"
    for field in meta["schema"]["fields"]:
        assert field["unit"].strip() and field["description"].strip()


def test_every_csv_in_data_is_described():
    described = {r.path.name for r in data.resources().values()}
    on_disk = {p.name for p in data.DATA_DIR.glob("*.csv")}
    assert on_disk == described


NAVAL = ("naval_expenditure", "naval_new_construction", "military_expenditure", "dreadnoughts",
         "naval_race_events")


def test_spending_is_in_pounds_and_never_negative():
    assert (data.load("naval_expenditure")["expenditure_million_gbp"].dropna() > 0).all()
    assert (data.load("naval_new_construction")["new_construction_gbp"] > 0).all()
    assert (data.load("military_expenditure")["milex_thousand_gbp"] > 0).all()


def test_royal_navy_series_keeps_estimates_and_outturn_apart():
    """One basis per period: estimates up to 1903-4, outturn from 1904-5, never interleaved."""
    navy = data.load("naval_expenditure").dropna(subset=["expenditure_million_gbp"])
    assert set(navy["country"]) == {"United Kingdom"}
    estimates = navy.loc[navy["basis"] == "estimate", "year"]
    outturn = navy.loc[navy["basis"] == "outturn", "year"]
    assert len(estimates) and len(outturn) and estimates.max() < outturn.min()
    assert set(navy["basis"]) == {"estimate", "outturn"}


@pytest.mark.parametrize("name", ["naval_new_construction", "military_expenditure"])
def test_every_spending_series_covers_both_navies_in_the_same_years(name):
    """A series is one producer on one basis: it must give both rivals (and any other power
    it covers), year for year, or a chart would set a country against a different source."""
    frame = data.load(name)
    for key, series in frame.groupby("source_key"):
        years = {country: set(rows["year"]) for country, rows in series.groupby("country")}
        assert {"United Kingdom", "Germany"} <= set(years), f"{name}/{key}: {sorted(years)}"
        assert len({frozenset(y) for y in years.values()}) == 1, f"{name}/{key}: years differ by country"


def test_military_expenditure_stops_before_the_switch_to_dollars():
    assert data.load("military_expenditure")["year"].max() <= 1913


def _period_end(date, precision):
    offsets = {"day": pd.offsets.Day(0), "month": pd.offsets.MonthEnd(0), "year": pd.offsets.YearEnd(0)}
    return date + offsets[precision]


def test_precision_columns_match_their_dates():
    ships = data.load("dreadnoughts")
    for stage in ("laid_down", "launched", "commissioned"):
        for row in ships.itertuples():
            date, precision = getattr(row, stage), getattr(row, f"{stage}_precision")
            where = f"{row.ship}, {stage}"
            if pd.isna(date):
                assert precision in (None, "unknown"), f"{where}: precision {precision!r} without a date"
            else:
                assert precision in ("day", "month", "year"), f"{where}: a date needs its precision"
                if precision == "month":
                    assert date.day == 1, f"{where}: a month-only date must be the 1st"
                if precision == "year":
                    assert (date.month, date.day) == (1, 1), f"{where}: a year-only date must be 1 January"


def test_no_ship_reached_a_later_stage_without_a_date_for_an_earlier_one():
    """A blank date is a ship never counted: allowed only when the precision says 'unknown'
    and the note says why."""
    ships = data.load("dreadnoughts")
    stages = ("laid_down", "launched", "commissioned")
    for row in ships.itertuples():
        for i, earlier in enumerate(stages[:-1]):
            later_dated = any(pd.notna(getattr(row, later)) for later in stages[i + 1:])
            if later_dated and pd.isna(getattr(row, earlier)):
                assert getattr(row, f"{earlier}_precision") == "unknown" and row.note, (
                    f"{row.ship}: no {earlier} date although a later stage is dated, and no reason "
                    f"recorded (set {earlier}_precision to 'unknown' and explain in the note)")


def test_ships_are_taken_over_before_they_serve_their_new_navy():
    ships = data.load("dreadnoughts")
    taken = ships.dropna(subset=["taken_over"])
    assert set(taken["ship"]) >= {"HMS Erin", "HMS Agincourt"}
    for _, row in taken.iterrows():
        assert "(ex-" in row["class"], f"{row['ship']}: taken over, but the class does not name her first owner"
        if pd.notna(row["commissioned"]):
            assert _period_end(row["commissioned"], row["commissioned_precision"]) >= row["taken_over"], \
                row["ship"]


def test_the_ottoman_dreadnoughts_were_british_before_the_war_but_not_yet_in_service():
    ships = data.load("dreadnoughts").set_index("ship")
    war = pd.Timestamp("1914-08-04")
    assert ships.loc["HMS Erin", "taken_over"] == pd.Timestamp("1914-07-31")
    assert ships.loc["HMS Agincourt", "taken_over"] == pd.Timestamp("1914-08-03")
    events = data.load("naval_race_events").set_index("event_id")
    assert events.loc["ottoman-dreadnoughts-seized-1914", "date"] == ships.loc["HMS Erin", "taken_over"]
    assert events.loc["ottoman-dreadnoughts-seized-1914", "date_precision"] == "day"
    for ship in ("HMS Erin", "HMS Agincourt"):
        assert ships.loc[ship, "taken_over"] <= war < _period_end(
            ships.loc[ship, "commissioned"], ships.loc[ship, "commissioned_precision"])


def test_disputed_dates_are_recorded():
    ships = data.load("dreadnoughts").set_index("ship")
    assert "28 Aug 1909" in ships.loc["SMS Goeben", "note"] and "19 Aug 1909" in ships.loc["SMS Goeben", "note"]


def test_no_event_answers_a_later_one():
    """Compared at the coarser of the two stated precisions, an answer may not come before the
    move it answers; where the decision behind an answer is dated, the decision counts."""
    events = data.load("naval_race_events").set_index("event_id")
    order = {"day": 0, "month": 1, "year": 2}
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    for event_id, row in events.dropna(subset=["responds_to"]).iterrows():
        cause = events.loc[row["responds_to"]]
        if pd.notna(row["decided"]):
            when, precision = row["decided"], row["decided_precision"]
        else:
            when, precision = row["date"], row["date_precision"]
        coarser = max(precision, cause["date_precision"], key=order.get)
        answer_at, cause_at = (when.strftime(formats[coarser]),
                               cause["date"].strftime(formats[coarser]))
        assert answer_at >= cause_at, (
            f"{event_id} ({answer_at}) is recorded as answering {row['responds_to']} ({cause_at}), "
            f"which came later")


def test_decided_dates_come_before_the_event_and_carry_a_precision():
    events = data.load("naval_race_events")
    decided = events.dropna(subset=["decided"])
    assert (decided["decided"] <= decided["date"]).all()
    assert decided["decided_precision"].notna().all()
    assert events.loc[events["decided"].isna(), "decided_precision"].isna().all()


# Hosts that copy other people's text (Wikipedia mirrors, unauthorised book copies) are never
# cited as where a figure comes from; nor is an archive's home page or Wikipedia's help pages.
_NOT_A_SOURCE = ("wikimili", "zxc.wiki", "clateway", "piglix", "friendlywiki", "kiwix", "ipfs",
                 "theallfreenovel", "findmypast", "wikiless", "liquisearch", "alchetron")


@pytest.mark.parametrize("name", NAVAL)
def test_sources_are_producers_not_mirrors_or_home_pages(name):
    meta = data.resources()[name].meta
    for source in meta["sources"]:
        link = urlsplit(source["path"])
        assert not any(bad in source["path"] for bad in _NOT_A_SOURCE), f"{name}/{source['key']}: {source['path']}"
        assert link.path.strip("/") or link.query, f"{name}/{source['key']}: a home page is not a source"
        text = (source["title"] + " " + source["citation"]).lower()
        assert not any(bad in text for bad in _NOT_A_SOURCE + ("mirror",)), \
            f"{name}/{source['key']}: the citation names a mirror"
        assert source.get("label"), f"{name}/{source['key']}: a short label for tooltips and tables"
    for licence in meta["licenses"]:
        assert "Citing_sources" not in licence.get("path", ""), f"{name}: {licence}"


@pytest.mark.parametrize("name", NAVAL)
def test_every_source_row_names_a_listed_source(name):
    frame = data.load(name)
    keys = set(data.resources()[name].sources)
    used = set(frame["source_key"].dropna())
    assert used <= keys


# --- bad input: each must fail loudly, naming the file and the row/column ---

@pytest.fixture
def data_copy(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy)
    return copy


def _rewrite(path: Path, line_no: int, new_line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_no - 1] = new_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _set_cell(path: Path, line_no: int, column: str, value: str) -> None:
    """Overwrite one cell (line 1 is the header), keeping the CSV otherwise byte-for-byte."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[line_no - 1][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_missing_file_is_named(data_copy):
    (data_copy / "naval_expenditure.csv").unlink()
    with pytest.raises(DataValidationError, match=r"naval_expenditure\.csv: data file is missing"):
        data.load("naval_expenditure", data_copy)


def test_missing_metadata_file_is_named(data_copy):
    (data_copy / "datapackage.json").unlink()
    with pytest.raises(DataValidationError, match=r"datapackage\.json: metadata file is missing"):
        data.load("naval_expenditure", data_copy)


def test_broken_metadata_json_names_line(data_copy):
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8")[:-10], encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"datapackage\.json: not valid JSON \(line \d+"):
        data.load("naval_expenditure", data_copy)


def test_missing_column_is_named(data_copy):
    path = data_copy / "naval_expenditure.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.drop(columns=["basis"]).to_csv(path, index=False)
    with pytest.raises(DataValidationError,
                       match=r"naval_expenditure\.csv, row 1 \(header\).*missing column\(s\) \['basis'\]"):
        data.load("naval_expenditure", data_copy)


def test_non_numeric_value_names_row_and_column(data_copy):
    _set_cell(data_copy / "naval_expenditure.csv", 3, "expenditure_million_gbp", "about 30")
    with pytest.raises(DataValidationError,
                       match=r"naval_expenditure\.csv, row 3, column 'expenditure_million_gbp': "
                             r"'about 30' is not a number"):
        data.load("naval_expenditure", data_copy)


def test_malformed_row_names_row(data_copy):
    path = data_copy / "naval_expenditure.csv"
    _rewrite(path, 4, "United Kingdom,1900")
    with pytest.raises(DataValidationError, match=r"naval_expenditure\.csv, row 4: 2 cells, expected"):
        data.load("naval_expenditure", data_copy)


def test_unquoted_newline_in_quotes_is_reported_with_file(data_copy):
    path = data_copy / "naval_race_events.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'x,1914-01-01,day,Both,"unterminated\n',
                    encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"naval_race_events\.csv"):
        data.load("naval_race_events", data_copy)


def test_bad_date_names_row_and_column(data_copy):
    _set_cell(data_copy / "dreadnoughts.csv", 2, "launched", "1906-02-30")
    with pytest.raises(DataValidationError,
                       match=r"dreadnoughts\.csv, row 2, column 'launched': '1906-02-30' is not a real"):
        data.load("dreadnoughts", data_copy)


def test_value_outside_enum_is_named(data_copy):
    _set_cell(data_copy / "naval_expenditure.csv", 2, "country", "Prussia")
    with pytest.raises(DataValidationError, match=r"row 2, column 'country': 'Prussia' is not one of"):
        data.load("naval_expenditure", data_copy)


def test_unknown_source_key_is_named(data_copy):
    _set_cell(data_copy / "naval_expenditure.csv", 2, "source_key", "hearsay")
    with pytest.raises(DataValidationError, match=r"row 2, column 'source_key': 'hearsay' is not a source"):
        data.load("naval_expenditure", data_copy)


def test_duplicate_key_is_named(data_copy):
    path = data_copy / "naval_expenditure.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=rf"row {len(lines) + 1}: duplicate primary key"):
        data.load("naval_expenditure", data_copy)


def test_dangling_reference_is_named(data_copy):
    path = data_copy / "naval_race_events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[len(frame) - 1, "responds_to"] = "no-such-event"
    frame.to_csv(path, index=False)
    with pytest.raises(DataValidationError,
                       match=rf"row {len(frame) + 1}, column 'responds_to': 'no-such-event'"):
        data.load("naval_race_events", data_copy)


def test_metadata_without_units_is_rejected(data_copy):
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["resources"][0]["schema"]["fields"][0]["unit"]
    path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"lacks 'unit'"):
        data.load(package["resources"][0]["name"], data_copy)


def test_too_few_rows_is_rejected(data_copy):
    path = data_copy / "naval_expenditure.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"0 data rows, fewer than the minimum"):
        data.load("naval_expenditure", data_copy)
