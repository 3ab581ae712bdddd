"""Action–reaction timelines in phone form: one row per move, one column per side.

On a narrow screen a date axis crowds dozens of moves into a few centimetres, so the
phone form of every timeline in the book lists the moves in order, dated on the left,
with each side in its own column and an arrow from a move to the move that answered it
(a faint arrow where historians dispute the link). Numbers match the data table.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from ..style import NEUTRAL_COLOUR, base_layout

ROW_HEIGHT = 28


def fig_event_sequence(ordered: pd.DataFrame, columns: dict[str, str], title: str,
                       colour: Callable[[str], str]) -> go.Figure:
    """``ordered``: events as numbered by ``naval_race.numbered_events`` (``number``, ``when``,
    ``actor``, ``event``, ``event_id``, ``responds_to``, optional ``link_evidence``);
    ``columns``: actor → column heading, left to right."""
    x_of = {actor: index for index, actor in enumerate(columns)}
    ordered = ordered.assign(x=ordered["actor"].map(x_of))
    fig = go.Figure()
    for actor in columns:
        rows = ordered[ordered["actor"] == actor]
        fig.add_trace(go.Scatter(
            x=rows["x"].tolist(), y=rows["number"].tolist(), name=columns[actor], mode="markers+text",
            text=rows["number"].astype(str).tolist(), textposition="middle right",
            textfont={"size": 11}, customdata=rows[["when", "event"]].values.tolist(),
            marker={"color": colour(actor), "size": 10, "line": {"width": 1, "color": "#ffffff"}},
            hovertemplate="%{customdata[0]}: %{customdata[1]}<extra>" + columns[actor] + "</extra>"))
    where = {row.event_id: (row.x, row.number) for row in ordered.itertuples()}
    disputed = ordered.get("link_evidence", pd.Series(index=ordered.index, dtype=object)) == "disputed"
    arrows = [{"x": row.x, "y": row.number, "ax": where[row.responds_to][0], "ay": where[row.responds_to][1],
               "xref": "x", "yref": "y", "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 2,
               "arrowsize": 1, "arrowwidth": 1.2, "arrowcolor": NEUTRAL_COLOUR,
               "opacity": 0.4 if faint else 1.0, "text": "", "standoff": 7, "startstandoff": 7}
              for row, faint in zip(ordered.itertuples(), disputed)
              if isinstance(row.responds_to, str) and row.responds_to]
    fig.update_layout(**base_layout(
        title,
        xaxis={"tickvals": list(range(len(columns))), "ticktext": list(columns.values()),
               "side": "top", "range": [-0.5, len(columns) - 0.4], "fixedrange": True,
               "showgrid": False, "zeroline": False},
        yaxis={"tickvals": ordered["number"].tolist(), "ticktext": ordered["when"].tolist(),
               # first move at the top, half a row of room at each end
               "range": [len(ordered) + 0.5, 0.5], "fixedrange": True, "tickfont": {"size": 10}},
        annotations=arrows, hovermode="closest", showlegend=False,
        height=100 + ROW_HEIGHT * len(ordered), margin={"l": 78, "r": 10, "t": 80, "b": 20},
    ))
    return fig
