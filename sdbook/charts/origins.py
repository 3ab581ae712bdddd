"""Timeline of the idea (chapter: where the idea comes from, origins/index.md)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import origins
from ..style import NEUTRAL_COLOUR, base_layout
from . import number_sides
from .sequence import (KEY_LEGEND, WIDE_CHART_PX, fig_event_sequence, key_traces, lane_positions,
                       link_lines, link_marks, pinned_title)

_LANES = {strand: len(origins.STRANDS) - 1 - i for i, strand in enumerate(origins.STRANDS)}
_STAGGER = (0.0, 0.28, -0.28)  # works close in time are spread within their lane
_HEIGHT, _MARGIN, _MARKER_PX = 540, {"l": 105, "r": 20, "t": 90, "b": 110}, 11
_VIEWS = {  # label: (first year shown, x range)
    "From Thucydides": (None, [-520, 2090]),
    f"Since {origins.MODERN_FROM}": (origins.MODERN_FROM, [1943, 2024]),
}


def _y_range(first_year: int | None) -> list[float]:
    """All lanes, or, in the modern view, all but the empty lane of the precursors."""
    top = len(origins.STRANDS) - 0.4
    return [-0.6, top - 1 if first_year is not None else top]


def _wrap(strand: str) -> str:
    """A lane label on two lines, so the chart keeps its width on a phone."""
    words = strand.split()
    if len(words) < 2:
        return strand
    cut = (len(words) + 1) // 2
    return " ".join(words[:cut]) + "<br>" + " ".join(words[cut:])


def _view(ordered: pd.DataFrame, first_year: int | None, x_range: list) -> tuple[dict, list]:
    """Per-strand trace data and the answer arrows for one view of the timeline."""
    shown = ordered if first_year is None else ordered[ordered["year"] >= first_year]
    span = x_range[1] - x_range[0]
    placed = lane_positions(shown, _LANES, "strand", shown["year"], span / 25, _STAGGER)
    # each number on a side of its marker that no arrow runs through (number_sides)
    # the plot is 50 px taller on the site, which draws the view buttons as HTML under it
    # and gives their room in the margin back to the plot (features/charts.js)
    plot_px = _HEIGHT - _MARGIN["t"] - _MARGIN["b"]
    frame = number_sides.Frame(tuple(x_range), tuple(_y_range(first_year)),
                               tuple(w - _MARGIN["l"] - _MARGIN["r"] for w in WIDE_CHART_PX),
                               (plot_px + 50, plot_px), _MARKER_PX)
    heights, sides = number_sides.placed_numbers(
        shown["year"].tolist(), placed["y"].tolist(), shown["strand"].map(_LANES).tolist(),
        placed["label"].tolist(), _STAGGER, shown["number"].astype(str).tolist(),
        link_lines(shown, "work_id"), frame)
    y, side = pd.Series(heights, index=shown.index), pd.Series(sides, index=shown.index)
    data = {"x": [], "y": [], "text": [], "textposition": [], "customdata": []}
    for strand in origins.STRANDS:
        rows = shown[shown["strand"] == strand]
        data["x"].append(rows["year"].tolist())
        data["y"].append(y[rows.index].tolist())
        data["text"].append(rows["number"].astype(str).tolist())
        data["textposition"].append(side[rows.index].tolist())
        data["customdata"].append(rows[["when", "author", "title"]].values.tolist())
    where = {row.work_id: (row.year, y[row.Index]) for row in shown.itertuples()}
    arrows, _ = link_marks(shown, where, id_column="work_id")  # lineage links only: arrows
    # the legend key trace(s) come after the strands: give them their (empty) data too, or a
    # view button's restyle would hand them a strand's points
    for key in data:
        data[key].append([None] if key in ("x", "y") else [])
    return data, arrows


def fig_ideas_timeline(works: pd.DataFrame, opening: str = f"Since {origins.MODERN_FROM}") -> go.Figure:
    """The security dilemma as an idea: works by year and strand, an arrow to each answer.

    Chapter: where the idea comes from. Markers are numbered in publication order (the
    numbers match the table under the chart). Buttons switch between the whole span from
    Thucydides and the modern debate; an answer to a work outside the view has no arrow.
    """
    if opening not in _VIEWS:
        raise ValueError(f"unknown view {opening!r}; known: {list(_VIEWS)}")
    ordered = origins.numbered_works(works)
    views = {label: _view(ordered, first, x_range) for label, (first, x_range) in _VIEWS.items()}
    data, arrows = views[opening]
    fig = go.Figure()
    for i, strand in enumerate(origins.STRANDS):
        fig.add_trace(go.Scatter(
            x=data["x"][i], y=data["y"][i], name=strand, mode="markers+text",
            text=data["text"][i], textposition=data["textposition"][i], customdata=data["customdata"][i],
            showlegend=False,
            marker={"color": NEUTRAL_COLOUR, "size": 11, "line": {"width": 1, "color": "#ffffff"}},
            hovertemplate="No. %{text}, %{customdata[0]}: %{customdata[1]}, "
                          "<i>%{customdata[2]}</i><extra></extra>"))
    fig.add_traces(key_traces(ordered))
    buttons = [{"label": label, "method": "update",
                "args": [views[label][0], {"annotations": views[label][1],
                                           "xaxis.range": _VIEWS[label][1],
                                           "yaxis.range": _y_range(_VIEWS[label][0])}]}
               for label in _VIEWS]
    fig.update_layout(**pinned_title(base_layout(
        "The security dilemma as an idea",
        xaxis={"title": {"text": "Year of publication (negative = BCE)"},
               "range": _VIEWS[opening][1]},
        yaxis={"tickvals": list(_LANES.values()),
               "ticktext": [_wrap(strand) for strand in _LANES],
               "range": _y_range(_VIEWS[opening][0]), "fixedrange": True, "showgrid": False,
               "zeroline": False},
        annotations=arrows, hovermode="closest", showlegend=True, legend=KEY_LEGEND, height=_HEIGHT,
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons,
                      "active": list(_VIEWS).index(opening), "showactive": True,
                      "x": 0, "xanchor": "left", "y": -0.16, "yanchor": "top"}],
        margin=_MARGIN,
    )))
    return fig


# Column headings of the phone form, short enough for four columns at 390 px.
_SHORT_STRANDS = {"Precursors": "Precursors", "Naming the dilemma": "Naming",
                  "Conditions and models": "Models", "Critiques and extensions": "Critiques"}


def fig_ideas_sequence(works: pd.DataFrame) -> go.Figure:
    """The timeline of the idea in phone form: one row per work, one column per strand.

    Chapter: where the idea comes from. Uses the book's sequence layout
    (:mod:`sdbook.charts.sequence`); numbers match the timeline and its table.
    """
    ordered = origins.numbered_works(works)
    events = pd.DataFrame({
        "number": ordered["number"], "when": ordered["when"], "actor": ordered["strand"],
        "event": [f"{a}, {t}" for a, t in zip(ordered["author"], ordered["title"])],
        "event_id": ordered["work_id"], "responds_to": ordered["responds_to"],
        "link_type": ordered["link_type"]})
    return fig_event_sequence(events, {s: _SHORT_STRANDS[s] for s in origins.STRANDS},
                              "The security dilemma as an idea", lambda strand: NEUTRAL_COLOUR)
