"""Charts of agreements that tried to break security spirals (chapter: model-un/index.md).

The palette has one colour per country and a neutral grey; these agreements belong to
no single country, so outcomes are told apart by fill pattern (and named in the legend
and hover text), which also survives printing in black and white.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import model_un, treaties
from ..style import NEUTRAL_COLOUR, base_layout

# Solid: still applies; hatched: weakened; open (outline only): ended.
_OUTCOME_STYLE = {
    "still applies": {"color": NEUTRAL_COLOUR, "pattern": {"shape": ""}},
    "weakened": {"color": "rgba(0,0,0,0)", "line": {"color": NEUTRAL_COLOUR, "width": 1.5},
                 "pattern": {"shape": "/", "fgcolor": NEUTRAL_COLOUR, "size": 6, "solidity": 0.35}},
    "ended": {"color": "rgba(0,0,0,0)", "line": {"color": NEUTRAL_COLOUR, "width": 1.5},
              "pattern": {"shape": ""}},
}


def _marker(outcome: str) -> dict:
    style = _OUTCOME_STYLE[outcome]
    return {"color": style["color"], "line": style.get("line", {"width": 0}),
            "pattern": style["pattern"]}


def fig_agreements_timeline(spans: pd.DataFrame, as_of: pd.Timestamp) -> go.Figure:
    """How long each agreement lasted: one bar per agreement from start to end.

    Chapter: the security dilemma in Model UN. ``spans`` comes from
    :func:`sdbook.model_un.spans`. Bars that still apply or are weakened run to
    ``as_of``; an agreement whose start is its signature day (the day it took effect
    is not in the data) says so in its hover text.
    """
    order = spans.sort_values(["start", "agreement_id"], ascending=False)
    fig = go.Figure()
    for outcome in model_un.OUTCOME_ORDER:
        rows = order[order["outcome"] == outcome]
        fig.add_trace(go.Bar(
            y=rows["short_name"].tolist(), x=(rows["years"] * 365.25 * 86_400_000).tolist(),
            base=rows["start"].dt.strftime("%Y-%m-%d").tolist(), orientation="h",
            name=outcome, marker=_marker(outcome),
            customdata=list(zip(rows["start"].dt.strftime("%Y"),
                                rows["end"].dt.strftime("%Y") if outcome == "ended"
                                else ["today"] * len(rows),
                                rows["mechanism_label"], rows["status"].str.replace("_", " "),
                                ["signed (day in force not found)" if s else "in force"
                                 for s in rows["start_is_signed"]])),
            hovertemplate="%{y}: %{customdata[0]}–%{customdata[1]} (from %{customdata[4]})<br>"
                          "Mechanism: %{customdata[2]} · status: %{customdata[3]}"
                          "<extra>" + outcome + "</extra>"))
    fig.update_layout(**base_layout(
        "How long spiral-breaking agreements lasted",
        barmode="overlay", bargap=0.35, height=620, hovermode="closest",
        xaxis={"type": "date", "title": {"text": "Year"},
               "range": ["1920-01-01", f"{as_of.year + 2}-01-01"]},
        yaxis={"categoryorder": "array", "categoryarray": order["short_name"].tolist(),
               "automargin": True, "tickfont": {"size": 12}},
        margin={"l": 10, "r": 20, "t": 80, "b": 50},
    ))
    return fig


def fig_agreement_mechanisms(frame: pd.DataFrame) -> go.Figure:
    """Which mechanisms lasted: agreements per main mechanism, stacked by outcome.

    Chapter: the security dilemma in Model UN. ``frame`` is the dataset as loaded.
    """
    counts = model_un.outcomes_by_mechanism(frame)
    fig = go.Figure()
    # Horizontal bars: the mechanism names stay readable at phone width.
    for outcome in model_un.OUTCOME_ORDER:
        fig.add_trace(go.Bar(
            y=counts.index.tolist(), x=counts[outcome].tolist(), name=outcome,
            orientation="h", marker=_marker(outcome),
            hovertemplate="%{y}: %{x} " + outcome + "<extra></extra>"))
    fig.update_layout(**base_layout(
        "Which mechanisms lasted",
        barmode="stack", hovermode="closest", height=400,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={"title": {"text": "agreements"}, "dtick": 1, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 10, "r": 20, "t": 80, "b": 50},
    ))
    return fig


# Treaty membership (treaties.py): the outcome fills, read as "joined" (solid), "signed only"
# (hatched), "not joined" (open); withdrawn and disputed are open with a cross-hatch.
_LEFT = {"color": "rgba(0,0,0,0)", "line": {"color": NEUTRAL_COLOUR, "width": 1.5},
         "pattern": {"shape": "x", "fgcolor": NEUTRAL_COLOUR, "size": 5, "solidity": 0.3}}
_STATUS_MARKER = {"joined": _marker("still applies"), "signatory": _marker("weakened"),
                  "withdrawn": _LEFT, "disputed": _LEFT, "not_joined": _marker("ended")}


def fig_treaty_membership(members: pd.DataFrame) -> go.Figure:
    """How many states have joined, only signed, or stayed out of each global treaty.

    Chapter: the security dilemma in Model UN. ``members`` is ``treaty_membership`` as
    loaded (producer: UNODA). Joined is solid, signed only is hatched, and the states
    outside are open bars (cross-hatched where a state withdrew or its status is disputed).
    """
    table = treaties.counts(members)
    fig = go.Figure()
    for status in treaties.STATUS_ORDER:
        if not table[status].any():
            continue
        fig.add_trace(go.Bar(
            y=table.index.tolist(), x=table[status].tolist(), orientation="h",
            name=treaties.STATUS_LABELS[status], marker=_STATUS_MARKER[status],
            hovertemplate="%{y}: %{x} states " + treaties.STATUS_LABELS[status] + "<extra></extra>"))
    fig.update_layout(**base_layout(
        f"Who has joined the global treaties ({treaties.as_of():%B %Y})",
        barmode="stack", bargap=0.35, height=360, hovermode="closest",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={"title": {"text": "States listed by UNODA"}},
        yaxis={"categoryorder": "array", "categoryarray": table.index.tolist()[::-1],
               "automargin": True},
        margin={"l": 10, "r": 20, "t": 80, "b": 50},
    ))
    return fig
