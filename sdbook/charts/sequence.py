"""Drawing every action–reaction timeline in the book: lanes, numbered moves and their links.

One module for the naval race, the Cold War, missile defence, the South China Sea and the
history of the idea, so that a link looks the same everywhere:

- an **answer** (another actor's move made because of the earlier one) is a solid arrow,
  faint where historians dispute it;
- a **follow-on** (the same actor's next step) is a dashed line with no arrowhead: it is
  drawn so the sequence reads, but it is visibly not an answer;
- a **lineage** link between works is a solid arrow too (the ideas timeline has no other kind).

A legend key under the title says so. Two layouts: :func:`fig_lane_timeline` (a date axis,
one lane per actor; desktop) and :func:`fig_event_sequence` (one row per move, one column
per actor; the phone form, since a date axis crowds dozens of moves into a few centimetres).
Link types and numbering come from :mod:`sdbook.events`.

No link is drawn through a move's number: on the date axis each number takes a side of
its marker that the links leave clear (:mod:`.number_sides`); in the phone form the
numbers end the rows' date labels, outside the plot.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from .. import events as ev
from ..style import NEUTRAL_COLOUR, base_layout
from . import number_sides

ROW_HEIGHT = 28
STANDOFF_PX = 7  # an arrow stops this short of both markers
EPOCH = pd.Timestamp("1800-01-01")  # the lane timeline's dates count days from here
# a chart's width when the wide form is drawn: the phone form below 600 px (the site's
# PHONE_WIDTH), 688 px at a 1280-px window, about 760 px at the widest
WIDE_CHART_PX = (600, 688, 760)
DISPUTED_OPACITY = 0.4
FOLLOW_ON_DASH = "dash"
KEY_NAMES = {
    ev.ANSWER: "→ answer: another side's move made because of this one",
    "disputed": "→ faint: an answer historians dispute",
    ev.FOLLOW_ON: "- - follow-on: the same side's next step (not an answer)",
    ev.LINEAGE: "→ builds on, answers or criticises the earlier work",
    "untyped": "→ recorded link",
}


def _arrow(x, y, ax, ay, faint: bool = False, standoff: int = STANDOFF_PX) -> dict:
    return {"x": x, "y": y, "ax": ax, "ay": ay, "xref": "x", "yref": "y", "axref": "x",
            "ayref": "y", "showarrow": True, "arrowhead": 2, "arrowsize": 1, "arrowwidth": 1.3,
            "arrowcolor": NEUTRAL_COLOUR, "opacity": DISPUTED_OPACITY if faint else 1.0,
            "text": "", "standoff": standoff, "startstandoff": standoff}


def link_marks(ordered: pd.DataFrame, where: dict[str, tuple], id_column: str = "event_id",
               standoff: int = STANDOFF_PX) -> tuple[list[dict], dict]:
    """Arrows (annotations) for answers and lineage links, and the follow-on segments.

    ``where`` maps an id to its (x, y) on the chart; a link to a move not drawn (outside
    the view) is left out. Returns (annotations, {"x": [...], "y": [...]}) where the
    second holds the dashed follow-on segments, separated by ``None``, for one trace.
    """
    types = ev.link_types(ordered)
    evidence = ordered["link_evidence"] if "link_evidence" in ordered else pd.Series(None, index=ordered.index)
    arrows, dashed = [], {"x": [], "y": []}
    for (index, row), kind, grade in zip(ordered.iterrows(), types, evidence):
        cause = row["responds_to"]
        if not kind or cause not in where or row[id_column] not in where:
            continue
        (x0, y0), (x1, y1) = where[cause], where[row[id_column]]
        if kind == ev.FOLLOW_ON:
            dashed["x"] += [x0, x1, None]
            dashed["y"] += [y0, y1, None]
        else:
            arrows.append(_arrow(x1, y1, x0, y0, faint=grade == "disputed", standoff=standoff))
    return arrows, dashed


def link_lines(ordered: pd.DataFrame, id_column: str = "event_id") -> list[tuple[int, int, float]]:
    """Each drawn link as (cause's row, answer's row, px its line stops short of both),
    row numbers counted from 0 in ``ordered``, for :func:`.number_sides.number_sides`.
    The same links as :func:`link_marks` draws: a follow-on's dashed line runs centre to
    centre, an arrow stops short."""
    row_of = {key: row for row, key in enumerate(ordered[id_column])}
    return [(row_of[cause], row, 0 if kind == ev.FOLLOW_ON else STANDOFF_PX)
            for row, (cause, kind) in enumerate(zip(ordered["responds_to"], ev.link_types(ordered)))
            if kind and cause in row_of]


def follow_on_trace(dashed: dict) -> go.Scatter:
    """The follow-on segments as one dashed, unlabelled trace (no hover: the moves have it)."""
    return go.Scatter(x=dashed["x"], y=dashed["y"], mode="lines", hoverinfo="skip", showlegend=False,
                      line={"color": NEUTRAL_COLOUR, "width": 1.3, "dash": FOLLOW_ON_DASH})


def key_traces(ordered: pd.DataFrame) -> list[go.Scatter]:
    """Legend-only entries for the kinds of link this timeline actually has."""
    types = set(ev.link_types(ordered)) - {""}
    disputed = "link_evidence" in ordered and bool(
        ((ev.link_types(ordered) == ev.ANSWER) & (ordered["link_evidence"] == "disputed")).any())
    kinds = [k for k in (ev.ANSWER, ev.LINEAGE, "untyped") if k in types]
    kinds += ["disputed"] if disputed else []
    kinds += [ev.FOLLOW_ON] if ev.FOLLOW_ON in types else []
    traces = []
    for kind in kinds:
        line = {"color": NEUTRAL_COLOUR, "width": 2,
                "dash": FOLLOW_ON_DASH if kind == ev.FOLLOW_ON else "solid"}
        traces.append(go.Scatter(x=[None], y=[None], mode="lines", name=KEY_NAMES[kind],
                                 hoverinfo="skip", showlegend=True, line=line,
                                 opacity=DISPUTED_OPACITY if kind == "disputed" else 1.0))
    return traces


KEY_LEGEND = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
              "font": {"size": 11}, "itemclick": False, "itemdoubleclick": False}


def pinned_title(layout: dict) -> dict:
    """The title at the very top, so that the key between it and the plot never overlaps it."""
    layout["title"] = {**layout["title"], "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}}
    return layout


def lane_positions(ordered: pd.DataFrame, lane_of: dict[str, float], lane_column: str,
                   time: pd.Series, close: float, stagger: tuple[float, ...],
                   reach: tuple[float, float] | None = None) -> pd.DataFrame:
    """Where each move's marker (``y``) and number (``label``, a Plotly textposition) go.

    ``time`` is a number per row (days or years); ``stagger`` the offsets a move may take
    from its lane, the lane itself first. A move takes the first offset that clashes with no
    move less than ``close`` earlier, or else the one whose clashes are least close in time.
    Numbers go above their marker, below it when the offset is negative: the side preferred,
    which :func:`.number_sides.placed_numbers` changes where a link would run through it.

    Without ``reach``, moves clash when they share a lane and an offset. With it, every move
    takes up a band of the y axis, ``reach = (label side, other side)`` in lane units
    around its marker, and bands clash across lanes too: a move nudged down from one lane and
    one nudged up from the lane below were given the same place when only their own lanes
    were looked at (the Cold War's Nos. 26 and 28, 1962-63, at 1280 px). A move that still
    clashes everywhere has its number put to the right of its marker, where no earlier
    move's number reaches (the Cold War's No. 25, a year after No. 21 in the same lane).
    """
    placed, rows = [], {}  # placed: (moment, lane, offset, low, high)

    def band(y: float, offset: float) -> tuple[float, float]:
        label, other = reach
        return (y - other, y + label) if offset >= 0 else (y - label, y + other)

    for index, lane, moment in zip(ordered.index, ordered[lane_column], time):
        nearby = [p for p in placed if moment - p[0] < close]
        clashes = []
        for offset in stagger:
            low, high = band(lane_of[lane] + offset, offset) if reach else (None, None)
            clashes.append(sum(close - (moment - p[0]) for p in nearby
                               if (p[3] < high and low < p[4] if reach else p[1] == lane and p[2] == offset)))
        offset = stagger[clashes.index(min(clashes))]
        y = lane_of[lane] + offset
        label = "top center" if offset >= 0 else "bottom center"
        low, high = band(y, offset) if reach else (y, y)
        if reach and min(clashes) > 0:
            label, low, high = "middle right", y - reach[0] / 2, y + reach[0] / 2
        placed.append((moment, lane, offset, low, high))
        rows[index] = (y, label)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["y", "label"])


def fig_lane_timeline(events: pd.DataFrame, lanes: dict[str, str], title: str,
                      colour: Callable[[str], str], stagger: tuple[float, ...],
                      close_days: int, height: int) -> go.Figure:
    """Moves on a date axis, one lane per actor (``lanes``: actor → label, top lane first),
    numbered as in the table, with answers and follow-ons drawn apart (see module doc);
    each number on a side of its marker that no link runs through (:mod:`.number_sides`)."""
    ordered = ev.numbered(events)
    unknown = sorted(set(ordered["actor"]) - set(lanes))
    if unknown:
        raise ValueError(f"actors without a lane: {unknown}")
    lane_of = {actor: len(lanes) - 1 - i for i, actor in enumerate(lanes)}
    days = (ordered["date"] - EPOCH).dt.days
    margin = {"l": 110, "r": 20, "t": 120, "b": 58}  # b: what plotly makes room for anyway
    plot_px = height - margin["t"] - margin["b"]
    y_range = (-0.75, len(lanes) - 0.25)
    # a number reaches about 20 px beyond its marker's centre, the marker 6 px the other way
    lane_px = plot_px / (y_range[1] - y_range[0])
    placed = lane_positions(ordered, lane_of, "actor", days, close_days, stagger,
                            reach=(20 / lane_px, 6 / lane_px))
    # the x range is set, not left to plotly, so that the numbers' sides are judged on the
    # pixels drawn; whole days keep the build byte-identical
    pad = round(0.06 * (days.max() - days.min()))
    x_range = (days.min() - pad, days.max() + pad)
    frame = number_sides.Frame(x_range, y_range, tuple(w - margin["l"] - margin["r"] for w in WIDE_CHART_PX),
                               (plot_px,))
    ordered["y"], ordered["label"] = number_sides.placed_numbers(
        days.tolist(), placed["y"].tolist(), ordered["actor"].map(lane_of).tolist(), placed["label"].tolist(),
        stagger, ordered["number"].astype(str).tolist(), link_lines(ordered), frame)
    ordered["x"] = ordered["date"].dt.strftime("%Y-%m-%d")
    where = {r.event_id: (r.x, r.y) for r in ordered.itertuples()}
    arrows, dashed = link_marks(ordered, where)
    fig = go.Figure(follow_on_trace(dashed))
    for actor in lanes:
        rows = ordered[ordered["actor"] == actor]
        fig.add_trace(go.Scatter(
            x=rows["x"].tolist(), y=rows["y"].tolist(), name=lanes[actor], showlegend=False,
            mode="markers+text", text=rows["number"].astype(str).tolist(),
            textposition=rows["label"].tolist(),
            textfont={"size": 11}, customdata=rows[["when", "event"]].values.tolist(),
            marker={"color": colour(actor), "size": 10, "line": {"width": 1, "color": "#ffffff"}},
            hovertemplate="No. %{text}, %{customdata[0]}: %{customdata[1]}<extra>" + lanes[actor]
                          + "</extra>"))
    fig.add_traces(key_traces(ordered))
    fig.update_layout(**pinned_title(base_layout(
        title, xaxis={"title": {"text": "Date"}, "type": "date",
                      "range": [(EPOCH + pd.Timedelta(days=d)).strftime("%Y-%m-%d") for d in x_range]},
        yaxis={"tickvals": list(lane_of.values()), "ticktext": list(lanes.values()),
               "range": list(y_range), "fixedrange": True, "showgrid": False, "zeroline": False},
        annotations=arrows, hovermode="closest", showlegend=True, legend=KEY_LEGEND,
        height=height, margin=margin,
    )))
    return fig


def row_labels(ordered: pd.DataFrame) -> list[str]:
    """The phone form's row labels: the date, then the move's number in bold, by the axis
    (an en space between: SVG text collapses a run of plain spaces)."""
    return [f"{when}\u2002<b>{number}</b>" for when, number in zip(ordered["when"], ordered["number"])]


# "No." over the numbers that end the row labels, level with the column headings
NUMBER_HEADING = {"text": "No.", "showarrow": False, "xref": "paper", "x": 0, "xanchor": "right",
                  "xshift": -2, "yref": "paper", "y": 1, "yanchor": "bottom", "yshift": 2}


def fig_event_sequence(ordered: pd.DataFrame, columns: dict[str, str], title: str,
                       colour: Callable[[str], str], id_column: str = "event_id") -> go.Figure:
    """The phone form: one row per move, dated on the left, one column per actor.

    ``ordered``: a frame numbered by :func:`sdbook.events.numbered` with ``when`` and
    ``event`` (a label) columns; ``columns``: actor → column heading, left to right.
    Each row's number ends its date, in bold by the axis, under a heading "No.": beside
    its marker it had the arrows leaving that row drawn through it, and a column of its
    own took room the actors' columns need on a phone.
    """
    x_of = {actor: index for index, actor in enumerate(columns)}
    unknown = sorted(set(ordered["actor"]) - set(x_of))
    if unknown:
        raise ValueError(f"actors without a column: {unknown}")
    ordered = ordered.assign(x=ordered["actor"].map(x_of))
    where = {row[id_column]: (row["x"], row["number"]) for _, row in ordered.iterrows()}
    arrows, dashed = link_marks(ordered, where, id_column=id_column)
    fig = go.Figure(follow_on_trace(dashed))
    for actor in columns:
        rows = ordered[ordered["actor"] == actor]
        fig.add_trace(go.Scatter(
            x=rows["x"].tolist(), y=rows["number"].tolist(), name=columns[actor], showlegend=False,
            mode="markers", customdata=rows[["when", "event"]].values.tolist(),
            marker={"color": colour(actor), "size": 10, "line": {"width": 1, "color": "#ffffff"}},
            hovertemplate="No. %{y}, %{customdata[0]}: %{customdata[1]}<extra>" + columns[actor]
                          + "</extra>"))
    keys = key_traces(ordered)
    fig.add_traces(keys)
    # headings of two lines ("USSR/<br>Russia") need room between the title and the first row
    tall = any("<br>" in heading for heading in columns.values())
    fig.update_layout(**pinned_title(base_layout(
        title,
        xaxis={"tickvals": list(range(len(columns))), "ticktext": list(columns.values()),
               "side": "top", "range": [-0.5, len(columns) - 0.4], "fixedrange": True,
               "showgrid": False, "zeroline": False},
        yaxis={"tickvals": ordered["number"].tolist(), "ticktext": row_labels(ordered),
               # first move at the top, half a row of room at each end
               "range": [len(ordered) + 0.5, 0.5], "fixedrange": True, "tickfont": {"size": 10}},
        annotations=[*arrows, NUMBER_HEADING], hovermode="closest", showlegend=bool(keys),
        # the key sits under the chart (the column headings are at the top); the site's
        # phone layout puts a legend there too and gives it the rows it needs
        legend={**KEY_LEGEND, "y": 0, "yanchor": "bottom", "yref": "container"},
        height=100 + (16 if tall else 0) + 24 * len(keys) + ROW_HEIGHT * len(ordered),
        margin={"l": 98, "r": 10, "t": 96 if tall else 80, "b": 20 + 24 * len(keys)},
    )))
    return fig
