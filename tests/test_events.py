"""The book's one events model (sdbook/events.py): every validation rule fails on a bad row,
numbering, counting and drawing treat answers and follow-ons apart, and no link is drawn
through a move's number (sdbook/charts/number_sides.py)."""

from __future__ import annotations

import itertools
import shutil

import pandas as pd
import pytest

from sdbook import charts, data, events
from sdbook.charts import number_sides
from sdbook.charts.sequence import EPOCH, FOLLOW_ON_DASH, KEY_NAMES, WIDE_CHART_PX, fig_event_sequence

REFERENCES = {"ref1", "ref2", "ref3"}


def frame(changes: dict | None = None) -> pd.DataFrame:
    """Three moves: Germany's law, Britain's answer to it, Germany's follow-on to its law."""
    rows = {
        "event_id": ["law", "reply", "next"],
        "date": pd.to_datetime(["1908-04-06", "1908-12-08", "1912-06-14"]),
        "date_precision": ["day", "day", "day"],
        "actor": ["Germany", "United Kingdom", "Germany"],
        "event": ["a law", "an answer", "the next law"],
        "responds_to": [None, "law", "law"],
        "link_type": [None, "answer", "follow_on"],
        "link_source_key": [None, "ref1", None],
        "link_source_page": [None, "p. 5", None],
        "link_evidence": [None, "well_evidenced", None],
        "link_disputed_by": [None, None, None],
        "link_note": [None, "why", "why"],
    }
    table = pd.DataFrame(rows)
    for (column, row), value in (changes or {}).items():
        table.loc[row, column] = value
    return table


def check(table: pd.DataFrame) -> None:
    events.check_links(table, "demo.csv", references=REFERENCES)


def test_the_good_frame_passes():
    check(frame())


@pytest.mark.parametrize("changes, message", [
    ({("actor", 1): "Germany"}, r"row 3 \(reply\): an answer must be another actor's move"),
    ({("link_source_key", 1): None}, r"row 3 \(reply\): a answer link needs \['link_source_key'\]"),
    ({("link_source_page", 1): None}, r"row 3 \(reply\): a answer link needs \['link_source_page'\]"),
    ({("link_evidence", 1): None}, r"row 3 \(reply\): a answer link needs \['link_evidence'\]"),
    ({("link_evidence", 1): "disputed"}, r"row 3 \(reply\): a disputed link must name who disputes it"),
    ({("link_evidence", 1): "likely"}, r"row 3 \(reply\): link_evidence 'likely' is not one of"),
    ({("responds_to", 1): "next"}, r"row 3 \(reply\): responds_to 'next', which is later \(1912-06-14 > 1908-12-08\)"),
    ({("responds_to", 1): "nowhere"}, r"row 3 \(reply\): responds_to 'nowhere' is not an event_id"),
    ({("link_type", 1): None}, r"row 3 \(reply\): link_type \(empty\) must be one of \['answer', 'follow_on'\]"),
    ({("link_type", 0): "answer"}, r"row 2 \(law\): \['link_type'\] filled but responds_to is empty"),
    ({("link_source_key", 1): "nobody2020"}, r"row 3 \(reply\): \['nobody2020'\] not in the bibliography"),
    ({("link_evidence", 1): "disputed", ("link_disputed_by", 1): "ref2;nobody"},
     r"row 3 \(reply\): \['nobody'\] not in the bibliography"),
    ({("link_disputed_by", 1): "ref2"}, r"row 3 \(reply\): link_disputed_by is filled but the link is graded"),
])
def test_each_rule_fails_on_a_bad_row_naming_file_and_row(changes, message):
    with pytest.raises(events.EventLinkError, match=r"demo\.csv, " + message):
        check(frame(changes))


def test_a_disputed_answer_that_names_its_critics_passes():
    check(frame({("link_evidence", 1): "disputed", ("link_disputed_by", 1): "ref2; ref3"}))


def test_lineage_links_need_their_own_source():
    works = pd.DataFrame({"work_id": ["herz1950", "jervis1976"], "year": [1950, 1976],
                          "responds_to": [None, "herz1950"], "link_type": [None, "lineage"],
                          "link_source_key": [None, None], "link_source_page": [None, "ch. 3"]})
    with pytest.raises(events.EventLinkError, match=r"row 3 \(jervis1976\): a lineage link needs"):
        events.check_links(works, "works.csv", allowed=(events.LINEAGE,), references=REFERENCES)
    with pytest.raises(events.EventLinkError, match=r"link_type 'answer' must be one of \['lineage'\]"):
        events.check_links(works.assign(link_type=[None, "answer"], link_source_key=[None, "ref1"]),
                           "works.csv", allowed=(events.LINEAGE,), references=REFERENCES)


def test_a_bad_row_in_a_real_file_fails_the_load(tmp_path):
    """The rules run inside data.load, so the build (which loads every file) fails."""
    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy)
    path = copy / "cold_war_events.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = int(table.index[table["event_id"] == "gorbachev-reply-1991"][0])
    table.loc[row, "actor"] = "United States"  # now an 'answer' to his own side's move
    table.to_csv(path, index=False)
    with pytest.raises(data.DataValidationError,
                       match=rf"cold_war_events.csv, row {row + 2} \(gorbachev-reply-1991\): an answer "
                             r"must be another actor's move"):
        data.load("cold_war_events", copy)


@pytest.mark.parametrize("name", ["naval_race_events", "cold_war_events", "security_dilemma_works"])
def test_every_link_in_this_book_s_files_is_typed_and_explained(name):
    table = data.load(name)
    linked = table[table["responds_to"].notna()]
    assert linked["link_type"].notna().all() and linked["link_note"].notna().all(), name
    answers = table[table["link_type"] == "answer"]
    assert answers["link_source_key"].notna().all() and answers["link_evidence"].notna().all()


def test_an_answer_given_the_same_day_comes_after_its_cause():
    table = frame({("date", 1): pd.Timestamp("1908-04-06")})
    table.loc[0, "event_id"], table.loc[1:2, "responds_to"] = "zz-law", "zz-law"
    ordered = events.numbered(table)
    assert ordered["event_id"].tolist() == ["zz-law", "reply", "next"]
    assert ordered["number"].tolist() == [1, 2, 3] and ordered["when"][0] == "6 Apr 1908"


def test_counts_and_takeaway_count_only_answers():
    counts = events.counts(frame())
    assert (counts["answer"], counts["follow_on"], counts["links"]) == (1, 1, 2)
    assert counts["answers_by_actor"] == {"United Kingdom": 1}
    text = events.timeline_takeaway(frame())
    assert "1 are recorded as answers" in text and "1 as a side's follow-on" in text
    assert "by the United Kingdom" in text and "Germany" not in text


def test_answers_are_arrows_and_follow_ons_dashed_lines_with_a_key():
    ordered = events.numbered(frame())
    fig = fig_event_sequence(ordered, {"Germany": "DE", "United Kingdom": "UK"}, "t", lambda a: "#000000")
    assert len([a for a in fig.layout.annotations if a.showarrow]) == 1  # the answer
    dashed = [t for t in fig.data if t.mode == "lines" and not t.showlegend][0]
    assert dashed.line.dash == FOLLOW_ON_DASH and len(dashed.x) == 3
    keys = [t.name for t in fig.data if t.showlegend]
    assert keys == [KEY_NAMES["answer"], KEY_NAMES["follow_on"]]


def test_tables_say_which_kind_each_link_is():
    ordered = events.numbered(frame())
    assert events.link_column(ordered) == [None, "answers No. 1 (well evidenced)", "follows on No. 1"]


def test_phone_form_numbers_end_the_row_labels_outside_the_plot_where_no_link_runs():
    ordered = events.numbered(frame())
    fig = fig_event_sequence(ordered, {"Germany": "DE", "United Kingdom": "UK"}, "t", lambda a: "#000000")
    assert all(t.text is None for t in fig.data), "a number drawn in the plot, where links run"
    assert list(fig.layout.yaxis.ticktext) == [f"{when}\u2002<b>{n}</b>" for when, n in
                                               zip(ordered["when"], ordered["number"])]
    headings = [a for a in fig.layout.annotations if not a.showarrow]
    assert [(a.text, a.xref, a.x, a.xanchor) for a in headings] == [("No.", "paper", 0, "right")]


# --- numbers clear of links on the date-axis timelines ---------------------------

def test_a_number_box_is_where_plotly_draws_it():
    """Measured in Chromium: an 11-px digit "2" above a 10-px marker at (0, 0) has the box
    x -3.06..3.06, y -20..-8; to its right, x from 7.25, y -7.25..4.75."""
    left, top, right, bottom = number_sides.number_box((0, 0), "top center", "2")
    assert (top, bottom) == pytest.approx((-20, -8)) and -3.5 < left < -3 and 3 < right < 3.5
    left, top, right, bottom = number_sides.number_box((0, 0), "middle right", "2")
    assert (left, top, bottom) == pytest.approx((7.25, -7.25, 4.75))
    left, top, _, bottom = number_sides.number_box((0, 0), "bottom left", "12")
    assert (top, bottom) == pytest.approx((5.5, 17.5))
    assert left == pytest.approx(-7.25 - 2 * number_sides.DIGIT_PX)


def test_a_number_moves_off_the_side_its_link_leaves_by():
    """An answer straight up from the lower marker: its number, above it by preference,
    would have the arrow through it; the upper one's number stays above."""
    plot = number_sides.Plot(200, 200, ((100, 150), (100, 60)))
    sides = number_sides.number_sides(["1", "2"], ["top center", "top center"], [(0, 1, 7)], [plot])
    assert sides[1] == "top center" and sides[0] != "top center"
    box = number_sides.number_box((100, 150), sides[0], "1")
    assert not number_sides.crosses(box, (100, 143), (100, 67))


def _in_the_way(fig) -> list[str]:
    """Numbers crossed by a link or covering each other in a date-axis timeline figure, at
    each width the page draws its wide form (boxes shrunk by 1 px, as the browser check does)."""
    layout = fig.layout
    to_x = (lambda v: (pd.Timestamp(v) - EPOCH).days) if layout.xaxis.type == "date" else float
    marked = [t for t in fig.data if t.mode == "markers+text"]
    points = [(to_x(x), y, text, side) for t in marked
              for x, y, text, side in zip(t.x, t.y, t.text, t.textposition)]
    lines = [((a.ax, a.ay), (a.x, a.y), a.standoff) for a in layout.annotations]
    for trace in (t for t in fig.data if t.mode == "lines" and not t.showlegend):
        lines += [((trace.x[i], trace.y[i]), (trace.x[i + 1], trace.y[i + 1]), 0)
                  for i in range(0, len(trace.x), 3)]
    margin = layout.margin
    plot_px = layout.height - margin.t - margin.b
    # the site draws view buttons as HTML and gives their 50 px of margin to the plot
    heights = (plot_px, plot_px + 50) if layout.updatemenus else (plot_px,)
    frame = number_sides.Frame((to_x(layout.xaxis.range[0]), to_x(layout.xaxis.range[1])),
                               tuple(layout.yaxis.range), tuple(w - margin.l - margin.r for w in WIDE_CHART_PX),
                               heights, marked[0].marker.size)
    ends = [(to_x(x), y) for start, end, _ in lines for x, y in (start, end)]
    found = []
    for view, link_view in zip(frame.views([p[0] for p in points], [p[1] for p in points]),
                               frame.views([e[0] for e in ends], [e[1] for e in ends])):
        boxes = [number_sides.number_box(centre, side, text, frame.marker_px)
                 for centre, (_, _, text, side) in zip(view.centres, points)]
        boxes = [(a + 1, b + 1, c - 1, d - 1) for a, b, c, d in boxes]
        segments = [number_sides.trimmed(link_view.centres[2 * i], link_view.centres[2 * i + 1], line[2])
                    for i, line in enumerate(lines)]
        where = f"{view.width:.0f}x{view.height:.0f} px"
        for (_, _, text, _), box in zip(points, boxes):
            found += [f"{where}: a link through No. {text}"
                      for segment in segments if segment and number_sides.crosses(box, *segment)]
        found += [f"{where}: Nos. {a[2]} and {b[2]} overlap" for (a, box_a), (b, box_b)
                  in itertools.combinations(zip(points, boxes), 2) if number_sides.overlaps(box_a, box_b, 0)]
    return found


@pytest.mark.parametrize("name, draw", [("naval_race_events", charts.fig_naval_timeline),
                                        ("cold_war_events", charts.fig_cold_war_timeline),
                                        ("security_dilemma_works", charts.fig_ideas_timeline)])
def test_no_link_runs_through_a_timeline_number_at_any_wide_width(name, draw):
    fig = draw(data.load(name))
    assert fig.layout.xaxis.range, "the sides are judged on a set x range"
    assert not _in_the_way(fig)
