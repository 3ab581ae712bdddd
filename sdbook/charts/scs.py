"""Charts of the South China Sea: spending, burden, island-building and the timeline
(chapter: today/index.md, part 2). Data: SIPRI 2025 release, AMTI/CSIS.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import south_china_sea as scs
from ..style import base_layout, country_colour
from .today import LEGEND_BELOW, fig_sequence

SCS_LANES = ["China", "Vietnam", "Philippines", "United States", "Japan", "Multilateral"]


def _lines(table: pd.DataFrame, hover: str) -> list[go.Scatter]:
    """One line per country; NaN years stay gaps (never joined across a missing year)."""
    return [go.Scatter(x=table.index.tolist(), y=table[country].tolist(), name=country,
                       mode="lines", connectgaps=False,
                       line={"color": country_colour(country), "width": 2.5},
                       hovertemplate=hover + "<extra>" + country + "</extra>")
            for country in table.columns]


def fig_scs_spending(spending: pd.DataFrame, base_year: int = scs.BASE_YEAR) -> go.Figure:
    """Military spending of China and its neighbours, constant 2023 dollars.

    Chapter: the dilemma today. Opens on an index (``base_year`` = 100) so that small and
    large spenders share one scale; buttons add a log scale and the dollar levels (log, so
    that the US and Malaysia fit on one chart). Gaps in SIPRI's data stay gaps.
    """
    index = scs.indexed(spending, base_year)
    levels = scs.wide(spending, scs.CONSTANT) / 1000
    fig = go.Figure(_lines(index, "%{x}: %{y:.0f}"))
    for country in index.columns:
        uncertain = spending[(spending["country"] == country)
                             & (spending["constant_status"] == "highly_uncertain")]["year"].tolist()
        if uncertain:  # SIPRI's red figures, marked so the reader sees which years they are
            fig.add_trace(go.Scatter(
                x=uncertain, y=index.loc[uncertain, country].tolist(), mode="markers",
                name=f"{country}: highly uncertain", legendgroup=country,
                marker={"symbol": "x-thin-open", "size": 9, "color": country_colour(country),
                        "line": {"width": 2, "color": country_colour(country)}},
                hovertemplate="%{x}: highly uncertain (SIPRI)<extra>" + country + "</extra>"))
    marked = [t.name.split(":")[0] for t in fig.data if t.mode == "markers"]

    def ys(table):
        return [table[c].tolist() for c in table.columns] + \
               [table.loc[list(fig.data[len(table.columns) + i].x), c].tolist() for i, c in enumerate(marked)]

    index_title = f"index, {base_year} = 100 (constant 2023 US$)"
    buttons = [
        {"label": "US$ billion (log)", "method": "update",
         "args": [{"y": ys(levels)}, {"yaxis.type": "log", "yaxis.title.text": "US$ billion, 2023 prices (log scale)"}]},
        {"label": "Index (log)", "method": "update",
         "args": [{"y": ys(index)}, {"yaxis.type": "log", "yaxis.title.text": index_title + ", log scale"}]},
        {"label": f"Index ({base_year} = 100)", "method": "update",
         "args": [{"y": ys(index)}, {"yaxis.type": "linear", "yaxis.title.text": index_title}]},
    ]
    fig.update_layout(**base_layout(
        "Military spending, China and its neighbours",
        xaxis={"title": {"text": "Year (US: fiscal year)"}, "dtick": 5},
        yaxis={"title": {"text": index_title}, "type": "linear"},
        hovermode="closest", height=560, legend=LEGEND_BELOW,
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": base_year, "x1": base_year,
                 "y0": 0, "y1": 1, "line": {"color": "#7a7f8a", "width": 1, "dash": "dot"}}],
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "active": 2,
                      "showactive": True, "x": 0, "xanchor": "left", "y": -0.15, "yanchor": "top"}],
        margin={"l": 60, "r": 20, "t": 50, "b": 170},
    ))
    return fig


def fig_scs_burden(spending: pd.DataFrame) -> go.Figure:
    """Military spending as a share of GDP, China and its neighbours (and the US for scale).

    Chapter: the dilemma today. The burden a state accepts says more about alarm than the
    dollar level, which rises with the economy.
    """
    shares = scs.wide(spending, scs.SHARE)
    fig = go.Figure(_lines(shares, "%{x}: %{y:.2f}% of GDP"))
    fig.update_layout(**base_layout(
        "Military spending as a share of GDP",
        xaxis={"title": {"text": "Year (US: fiscal year)"}, "dtick": 5},
        yaxis={"title": {"text": "per cent of GDP"}, "rangemode": "tozero"},
        hovermode="closest", height=500, legend=LEGEND_BELOW,
        margin={"l": 60, "r": 20, "t": 50, "b": 120},
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": scs.BASE_YEAR,
                 "x1": scs.BASE_YEAR, "y0": 0, "y1": 1,
                 "line": {"color": "#7a7f8a", "width": 1, "dash": "dot"}}],
    ))
    return fig


_SCOPE_SYMBOLS = {"disputed areas of the South China Sea": "circle"}


def fig_scs_reclamation(reclamation: pd.DataFrame) -> go.Figure:
    """Land created by each claimant, in AMTI's dated surveys (markers: each is one survey).

    Chapter: the dilemma today. Filled markers count disputed areas of the whole sea,
    open ones a narrower area (the Spratlys or one island), so they are never joined.
    """
    fig = go.Figure()
    for claimant, rows in reclamation.sort_values("as_of").groupby("claimant", sort=False):
        colour = country_colour(claimant)
        fig.add_trace(go.Scatter(
            x=rows["as_of"].dt.strftime("%Y-%m-%d").tolist(), y=rows["area_acres"].tolist(),
            name=claimant, mode="markers",
            customdata=rows[["area_scope", "source_key"]].values.tolist(),
            marker={"size": 12, "color": colour, "line": {"width": 2, "color": colour},
                    "symbol": [_SCOPE_SYMBOLS.get(s, "circle-open") for s in rows["area_scope"]]},
            hovertemplate="%{x|%b %Y}: %{y:,.0f} acres (%{customdata[0]})<extra>" + claimant + "</extra>"))
    fig.update_layout(**base_layout(
        "Land created by island-building (acres)",
        # a margin before the first survey keeps the first year's label clear of the y axis's 0
        xaxis={"title": {"text": "Date of the survey"}, "type": "date",
               "range": ["2014-01-01", "2026-01-01"]},
        yaxis={"title": {"text": "acres (open: Spratlys or one island only)"}, "rangemode": "tozero"},
        hovermode="closest", height=420,
    ))
    return fig


def fig_scs_timeline(events: pd.DataFrame) -> go.Figure:
    """The South China Sea, 1974-2024: who answered whom. Chapter: the dilemma today."""
    return fig_sequence(events, SCS_LANES, "South China Sea: who answered whom")
