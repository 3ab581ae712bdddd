"""The agreements dataset, its consistency checks and its two charts (chapter: model-un)."""

from __future__ import annotations

import csv
import json
import shutil

import pandas as pd
import pytest

from sdbook import charts, data, model_un, style
from sdbook.data import DataValidationError

DATASET = model_un.DATASET


@pytest.fixture(scope="module")
def deals():
    return data.load(DATASET)


@pytest.fixture(scope="module")
def as_of():
    return model_un.status_as_of()


def _copy_with(tmp_path, agreement_id, **cells):
    """A copy of data/ in which one row of the agreements file has some cells changed."""
    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy)
    path = copy / f"{DATASET}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["agreement_id"] == agreement_id:
            row.update(cells)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return copy


def test_every_row_has_a_known_source_and_a_signature_date(deals):
    sources = data.resources()[DATASET].sources
    assert deals["signed"].notna().all(), "a record never counted: an agreement without a date"
    assert set(deals["source_key"]) <= set(sources)
    for key, source in sources.items():
        assert source["path"].startswith("http"), key


def test_dates_and_statuses_are_consistent(deals, as_of):
    model_un.check_consistency(deals, as_of)
    outcome = deals["status"].map(model_un.OUTCOMES)
    assert (deals["ended"].notna() == (outcome == "ended")).all()


@pytest.mark.parametrize("cells, message", [
    ({"ended": "1970-01-01"}, "ended 1970-01-01 before it began"),    # an end before the start
    ({"in_force": "1972-01-01"}, "in force 1972-01-01 before signed"),
    ({"status": "in_force"}, "status 'in_force' but ended is set"),
    ({"ended": "", "status": "ended"}, "status 'ended' but ended is empty"),
    ({"also": "limits"}, "'also' repeats the main mechanism"),
    ({"in_force": ""}, "in_force is empty but in_force_note is empty"),
    ({"in_force_note": "A reason."}, "in_force is set but in_force_note is set"),
])
def test_an_inconsistent_row_fails_naming_file_and_row(tmp_path, cells, message):
    copy = _copy_with(tmp_path, "abm-1972", **cells)
    frame = data.load(DATASET, copy)
    with pytest.raises(DataValidationError, match=message) as error:
        model_un.check_consistency(frame, model_un.status_as_of())
    assert "spiral_breaking_agreements.csv, row 8 (abm-1972)" in str(error.value)


def test_a_blank_signature_date_fails_the_load(tmp_path):
    copy = _copy_with(tmp_path, "cues-2014", signed="")
    with pytest.raises(DataValidationError, match="column 'signed': value is required"):
        data.load(DATASET, copy)


def test_status_date_is_recorded_in_the_metadata(as_of):
    meta = json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in meta["resources"] if r["name"] == DATASET)
    assert pd.Timestamp(resource["status_as_of"]) == as_of
    assert resource["retrieved"] <= resource["status_as_of"]


def test_spans_start_at_entry_into_force_else_signature(deals, as_of):
    spans = model_un.spans(deals, as_of)
    assert len(spans) == len(deals)
    assert spans["start"].is_monotonic_increasing
    no_date = set(deals.loc[deals["in_force"].isna(), "agreement_id"])
    assert set(spans.loc[spans["start_is_signed"], "agreement_id"]) == no_date
    abm = spans.set_index("agreement_id").loc["abm-1972"]
    assert abm["years"] == pytest.approx((pd.Timestamp("2002-06-13") - pd.Timestamp("1972-10-03")).days / 365.25)
    still = spans[spans["ended"].isna()]
    assert (still["end"] == as_of).all()


def test_outcome_counts_cover_every_agreement_once(deals):
    counts = model_un.outcomes_by_mechanism(deals)
    assert int(counts.values.sum()) == len(deals)
    assert list(counts.columns) == list(model_un.OUTCOME_ORDER)


def test_takeaways_follow_the_data(deals, as_of):
    before = model_un.mechanism_takeaway(deals)
    changed = deals.copy()
    changed.loc[changed["agreement_id"] == "hotline-1963", ["status", "ended"]] = [
        "ended", pd.Timestamp("1990-01-01")]
    assert model_un.mechanism_takeaway(changed) != before
    assert "did not all last" in model_un.mechanism_takeaway(changed)
    spans = model_un.spans(changed, as_of)
    assert f"{(spans['outcome'] == 'ended').sum()} had ended" in model_un.timeline_takeaway(spans, as_of)


def test_timeline_chart_draws_one_bar_per_agreement(deals, as_of):
    spans = model_un.spans(deals, as_of)
    fig = charts.fig_agreements_timeline(spans, as_of)
    assert [t.name for t in fig.data] == list(model_un.OUTCOME_ORDER)
    drawn = [name for trace in fig.data for name in trace.y]
    assert sorted(drawn) == sorted(deals["short_name"])
    for trace in fig.data:
        for name, base, width in zip(trace.y, trace.base, trace.x):
            row = spans.set_index("short_name").loc[name]
            assert base == row["start"].strftime("%Y-%m-%d")
            assert width == pytest.approx(row["years"] * 365.25 * 86_400_000)
            assert row["outcome"] == trace.name


def test_mechanism_chart_stacks_the_counts(deals):
    fig = charts.fig_agreement_mechanisms(deals)
    counts = model_un.outcomes_by_mechanism(deals)
    for trace in fig.data:
        assert list(trace.x) == counts[trace.name].tolist()
        assert list(trace.y) == counts.index.tolist()


def test_charts_use_only_the_book_palette(deals, as_of):
    allowed = {style.NEUTRAL_COLOUR, "rgba(0,0,0,0)"}
    for fig in (charts.fig_agreements_timeline(model_un.spans(deals, as_of), as_of),
                charts.fig_agreement_mechanisms(deals)):
        for trace in fig.data:
            used = {trace.marker.color, trace.marker.line.color, trace.marker.pattern.fgcolor} - {None}
            assert used <= allowed, used
