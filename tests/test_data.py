"""Every dataset validates, and every kind of bad input fails with a message naming the place."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

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


def test_expenditure_is_one_currency_and_never_negative():
    frame = data.load("naval_expenditure")
    assert (frame["expenditure_million_gbp"].dropna() > 0).all()
    assert set(frame["country"]) == {"United Kingdom", "Germany"}


def test_ship_dates_are_in_building_order():
    ships = data.load("dreadnoughts")
    for stage_a, stage_b in (("laid_down", "launched"), ("launched", "commissioned")):
        both = ships.dropna(subset=[stage_a, stage_b])
        wrong = both[both[stage_a] > both[stage_b]]
        assert wrong.empty, f"{stage_a} after {stage_b} for: {wrong['ship'].tolist()}"


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
