"""Load the book's datasets and check them against their metadata.

Every CSV in ``data/`` is described by a resource in ``data/datapackage.json``
(a Frictionless Data Package). :func:`load` is the only way notebooks, charts and
tests read data, so a malformed file fails loudly in the same way everywhere.

The checks are hand-written rather than delegated to ``frictionless``: we need
only four field types and four constraints, and want error messages in the
book's own form ("file, row N, column 'x': ..."), without frictionless's large
dependency tree in every reader's environment.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

# The package lives at <repo>/sdbook, so data is found from the package itself,
# never from the notebook's working directory. An installed copy of the package (the
# wheel on the site's downloads page) carries data/ inside it as sdbook/bookdata/.
# SDBOOK_DATA_DIR points the whole build at another copy of data/ (the tests use it to
# prove edits reach charts).
PACKAGE_FILE = "datapackage.json"
REPO_ROOT = Path(__file__).resolve().parent.parent
_REPO_DATA = REPO_ROOT / "data"
_INSTALLED_DATA = Path(__file__).resolve().parent / "bookdata"
DATA_DIR = Path(os.environ.get(
    "SDBOOK_DATA_DIR", _REPO_DATA if (_REPO_DATA / PACKAGE_FILE).exists() else _INSTALLED_DATA)).resolve()
# While the site build executes a notebook, this names a file that records every dataset
# the notebook loads; the build's cache keys the notebook's outputs on exactly those files.
LOAD_LOG_ENV = "SDBOOK_LOAD_LOG"

REQUIRED_RESOURCE_KEYS = ("name", "path", "title", "description", "sources",
                          "licenses", "retrieved", "notes", "min_rows", "schema")
REQUIRED_SOURCE_KEYS = ("key", "title", "path", "citation")
FIELD_TYPES = ("string", "integer", "number", "date")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")


class DataValidationError(ValueError):
    """A dataset or its metadata breaks the rules; the message names the file."""


@dataclass(frozen=True)
class Resource:
    """One dataset's metadata, as written in datapackage.json."""

    name: str
    path: Path
    meta: dict

    @property
    def fields(self) -> list[dict]:
        return self.meta["schema"]["fields"]

    @property
    def sources(self) -> dict[str, dict]:
        return {source["key"]: source for source in self.meta["sources"]}

    def field(self, name: str) -> dict:
        for field in self.fields:
            if field["name"] == name:
                return field
        raise KeyError(f"{self.path.name}: no column {name!r} in the metadata")


def read_package(data_dir: Path = DATA_DIR) -> dict:
    """Parse datapackage.json, failing with the file's name if it is missing or broken."""
    package_path = Path(data_dir) / PACKAGE_FILE
    if not package_path.is_file():
        raise DataValidationError(f"{package_path}: metadata file is missing")
    try:
        return json.loads(package_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataValidationError(
            f"{package_path}: not valid JSON (line {err.lineno}, column {err.colno}): {err.msg}"
        ) from err


def resources(data_dir: Path = DATA_DIR) -> dict[str, Resource]:
    """All resources of the data package, keyed by name, with their metadata checked."""
    package = read_package(data_dir)
    found = {}
    for index, meta in enumerate(package.get("resources", [])):
        where = f"{Path(data_dir) / PACKAGE_FILE}: resource #{index + 1}"
        missing = [key for key in REQUIRED_RESOURCE_KEYS if key not in meta]
        if missing:
            raise DataValidationError(f"{where} lacks {', '.join(missing)}")
        _check_resource_meta(meta, f"{where} ({meta['name']})")
        path = Path(data_dir) / meta["path"]
        if not path.is_file():
            # Named here, with the resource: otherwise the first sign is a broken link on
            # the data library page or a notebook's traceback.
            raise DataValidationError(f"{where} ({meta['name']}) names {path}: data file is missing")
        found[meta["name"]] = Resource(meta["name"], path, meta)
    return found


def _check_resource_meta(meta: dict, where: str) -> None:
    for source in meta["sources"]:
        missing = [key for key in REQUIRED_SOURCE_KEYS if not source.get(key)]
        if missing:
            raise DataValidationError(f"{where}: a source lacks {', '.join(missing)}")
    if not meta["licenses"]:
        raise DataValidationError(f"{where}: no licence recorded")
    for field in meta["schema"].get("fields", []):
        for key in ("name", "type", "description", "unit"):
            if not field.get(key):
                raise DataValidationError(f"{where}: column {field.get('name')!r} lacks '{key}'")
        if field["type"] not in FIELD_TYPES:
            raise DataValidationError(
                f"{where}: column {field['name']!r} has unsupported type {field['type']!r}")


def load(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Read dataset ``name`` as a typed DataFrame after validating every cell."""
    available = resources(data_dir)
    if name not in available:
        raise DataValidationError(
            f"{Path(data_dir) / PACKAGE_FILE}: no dataset named {name!r} "
            f"(known: {', '.join(sorted(available))})")
    note_use(name)
    return validate(available[name])


def note_use(name: str) -> None:
    """Record that the running notebook depends on dataset ``name`` (see LOAD_LOG_ENV)."""
    log_file = os.environ.get(LOAD_LOG_ENV)
    if log_file:
        with open(log_file, "a", encoding="utf-8") as handle:
            handle.write(name + "\n")


def validate(resource: Resource) -> pd.DataFrame:
    """Check a resource's CSV against its schema and return it typed."""
    path = resource.path
    if not path.is_file():
        raise DataValidationError(f"{path}: data file is missing")
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            rows.extend(reader)
        except csv.Error as err:
            raise DataValidationError(f"{path}, row {reader.line_num}: malformed CSV: {err}") from err
        except UnicodeDecodeError as err:
            raise DataValidationError(f"{path}: not UTF-8 text ({err.reason})") from err
    if not rows:
        raise DataValidationError(f"{path}: file is empty")
    header, body = rows[0], rows[1:]
    expected = [field["name"] for field in resource.fields]
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        raise DataValidationError(
            f"{path}, row 1 (header): columns {header} do not match the metadata {expected}"
            + (f"; missing column(s) {missing}" if missing else "")
            + (f"; unexpected column(s) {extra}" if extra else ""))
    missing_values = set(resource.meta["schema"].get("missingValues", [""]))
    columns: dict[str, list] = {name: [] for name in expected}
    for line, row in enumerate(body, start=2):
        if len(row) != len(expected):
            raise DataValidationError(
                f"{path}, row {line}: {len(row)} cells, expected {len(expected)}")
        for field, cell in zip(resource.fields, row):
            columns[field["name"]].append(
                _parse_cell(cell, field, missing_values, f"{path}, row {line}, column {field['name']!r}"))
    if len(body) < resource.meta["min_rows"]:
        raise DataValidationError(
            f"{path}: {len(body)} data rows, fewer than the minimum {resource.meta['min_rows']}")
    frame = pd.DataFrame({field["name"]: _typed(columns[field["name"]], field["type"])
                          for field in resource.fields})
    _check_keys(frame, resource)
    if "responds_to" in frame.columns:  # an events file: the book's shared link rules
        from . import events  # imported here: sdbook.events itself imports this module
        allowed = (events.LINEAGE,) if "work_id" in frame.columns else (events.ANSWER, events.FOLLOW_ON)
        events.check_links(frame, path, allowed=allowed)
    return frame


def _parse_cell(cell: str, field: dict, missing_values: set, where: str):
    constraints = field.get("constraints", {})
    if cell in missing_values:
        if constraints.get("required"):
            raise DataValidationError(f"{where}: value is required but empty")
        return None
    kind = field["type"]
    if kind == "integer":
        if not _INTEGER.match(cell.strip()):
            raise DataValidationError(f"{where}: {cell!r} is not an integer")
        value = int(cell)
    elif kind == "number":
        try:
            value = float(cell)
        except ValueError:
            raise DataValidationError(f"{where}: {cell!r} is not a number") from None
        if not math.isfinite(value):
            raise DataValidationError(f"{where}: {cell!r} is not a finite number")
    elif kind == "date":
        if not _ISO_DATE.match(cell):
            raise DataValidationError(f"{where}: {cell!r} is not an ISO date (YYYY-MM-DD)")
        try:
            value = date.fromisoformat(cell)
        except ValueError:
            raise DataValidationError(f"{where}: {cell!r} is not a real calendar date") from None
    else:
        value = cell
    if "enum" in constraints and value not in constraints["enum"]:
        raise DataValidationError(f"{where}: {cell!r} is not one of {constraints['enum']}")
    if "minimum" in constraints and value < _bound(constraints["minimum"], kind):
        raise DataValidationError(f"{where}: {cell!r} is below the minimum {constraints['minimum']}")
    if "maximum" in constraints and value > _bound(constraints["maximum"], kind):
        raise DataValidationError(f"{where}: {cell!r} is above the maximum {constraints['maximum']}")
    return value


_PANDAS_DTYPES = {"integer": "Int64", "number": "float64", "string": "object"}


def _typed(values: list, kind: str) -> pd.Series:
    if kind == "date":
        return pd.to_datetime(pd.Series(values, dtype="object"))
    if kind == "number":
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    return pd.Series(values, dtype=_PANDAS_DTYPES[kind])


def _bound(bound, kind):
    return date.fromisoformat(bound) if kind == "date" else bound


def _check_keys(frame: pd.DataFrame, resource: Resource) -> None:
    path = resource.path
    key = resource.meta["schema"].get("primaryKey", [])
    if key:
        duplicated = frame.duplicated(subset=key, keep="first")
        if duplicated.any():
            line = int(duplicated.idxmax()) + 2
            values = ", ".join(f"{column}={_plain(frame.at[line - 2, column])}" for column in key)
            raise DataValidationError(f"{path}, row {line}: duplicate primary key ({values})")
    for foreign in resource.meta["schema"].get("foreignKeys", []):
        _check_self_reference(frame, resource, foreign)
    if "source_key" in frame.columns:
        known = set(resource.sources)
        for index, value in frame["source_key"].items():
            if isinstance(value, str) and value not in known:
                raise DataValidationError(
                    f"{path}, row {index + 2}, column 'source_key': {value!r} is not a "
                    f"source listed in {PACKAGE_FILE} (known: {sorted(known)})")


def _plain(value) -> str:
    """A cell's value as the CSV writes it, never a library's type (np.int64(1906))."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    value = value.item() if hasattr(value, "item") else value
    return repr(value) if isinstance(value, str) else str(value)


def _check_self_reference(frame: pd.DataFrame, resource: Resource, foreign: dict) -> None:
    """Frictionless foreign keys, for references within the same file (resource "")."""
    reference = foreign["reference"]
    if reference.get("resource", "") != "":
        raise DataValidationError(
            f"{resource.path}: only same-file foreign keys are supported, not {reference}")
    column, target = foreign["fields"], reference["fields"]
    known = set(frame[target].dropna())
    for index, value in frame[column].items():
        if isinstance(value, str) and value not in known:
            raise DataValidationError(
                f"{resource.path}, row {index + 2}, column {column!r}: {value!r} is not "
                f"an existing {target!r}")


def load_all(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Validate and load every dataset: the build does this before any notebook runs."""
    return {name: validate(resource) for name, resource in resources(data_dir).items()}
