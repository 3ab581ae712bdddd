"""Charts of the Anglo-German naval race (chapter: naval-race/index.md)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import naval_race
from ..style import NEUTRAL_COLOUR, base_layout, country_colour
from .. import events as book_events
from .sequence import fig_event_sequence, fig_lane_timeline

FLEET_YEARS = range(1905, 1915)
__all__ = ["FLEET_YEARS", "fig_fleet_race", "fig_naval_sequence", "fig_naval_spending",
           "fig_naval_timeline"]


_BASIS_SYMBOLS = {"outturn": "circle", "estimate": "circle-open", "unstated": "diamond-open"}
_BASIS_KEYS = {"outturn": "money spent", "estimate": "estimate (budget, or year not closed)",
               "unstated": "basis not stated"}
# Panels of the spending chart: one measure each, never to be read against one another.
_SPENDING_PANELS = {
    "new_construction": "Naval new construction: both navies, one basis",
    "military": "Army and navy together (Correlates of War)",
    "navy": "Royal Navy, all spending (Britain only)",
}
_SERIES_DASH = {"nock1922": "dot"}  # every other series is drawn solid
_FAINT_GRID = "rgba(128,128,128,0.3)"  # readable on both themes; charts.js re-themes only the first axes


def fig_naval_spending(series: pd.DataFrame) -> go.Figure:
    """Spending in the naval race: three measures in three panels, million £ at current prices.

    Chapter: the Anglo-German naval race. ``series`` is :func:`sdbook.naval_race.spending_series`.
    Each panel is one measure (new construction, army and navy together, the Royal Navy's
    total), and each line one series: one producer, both countries on one basis. A line
    joins only consecutive years of the same series; markers show the basis of every
    figure; missing years stay gaps. Tooltips name the source, not its key.
    """
    panels = list(_SPENDING_PANELS)
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.09,
                        subplot_titles=list(_SPENDING_PANELS.values()))
    years = list(naval_race.SPENDING_YEARS)
    for row, panel in enumerate(panels, start=1):
        for (key, country), part in series[series["panel"] == panel].groupby(["series", "country"],
                                                                           sort=False):
            part = part.set_index("year").reindex(years)  # absent years become gaps
            colour = country_colour(country)
            fig.add_trace(go.Scatter(
                x=years, y=part["million_gbp"].tolist(),
                customdata=part[["financial_year", "basis", "source"]].fillna("—")
                .replace(naval_race.BASIS_LABELS).values.tolist(),
                name=f"{country}: {part['series_name'].dropna().iloc[0]}", legendgroup=country,
                showlegend=False, mode="lines+markers", connectgaps=False,
                line={"color": colour, "width": 2.5, "dash": _SERIES_DASH.get(key, "solid")},
                marker={"size": 8, "color": colour, "line": {"width": 2, "color": colour},
                        "symbol": [_BASIS_SYMBOLS.get(b, "circle") for b in part["basis"].fillna("outturn")]},
                hovertemplate="%{y:.2f} million £ · %{customdata[0]} · %{customdata[1]} · "
                              "%{customdata[2]}<extra>" + country + "</extra>"), row=row, col=1)
    _legend_keys(fig, series)
    axis = {"gridcolor": _FAINT_GRID, "zerolinecolor": _FAINT_GRID, "linecolor": _FAINT_GRID}
    fig.update_xaxes(dtick=2, range=[years[0] - 0.5, years[-1] + 0.5], **axis)
    fig.update_xaxes(title={"text": "Year in which the financial year began"}, row=len(panels), col=1)
    fig.update_yaxes(title={"text": "£ million", "font": {"size": 11}}, rangemode="tozero", **axis)
    fig.update_annotations(font={"size": 13}, xanchor="left", x=0)  # panel titles, left-aligned
    fig.update_layout(**base_layout(
        "Naval race spending: three measures",
        # The legend sits under the panels: above them it would wrap into the title.
        hovermode="closest", height=800, margin={"l": 60, "r": 20, "t": 60, "b": 150},
        legend={"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
    ))
    return fig


def _legend_keys(fig: go.Figure, series: pd.DataFrame) -> None:
    """Legend entries with no data: one line per country, the line styles and every marker used."""
    for country in ("United Kingdom", "Germany"):
        fig.add_trace(go.Scatter(x=[None], y=[None], name=country, legendgroup=country, mode="lines",
                                 hoverinfo="skip", line={"color": country_colour(country), "width": 3}))
    labels = series.drop_duplicates("series").set_index("series")["series_name"]
    for key in ("hansard1911", "nock1922"):
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="lines", hoverinfo="skip",
            name=f"{'dotted' if key in _SERIES_DASH else 'solid'}: {labels[key]}",
            line={"color": NEUTRAL_COLOUR, "width": 2.5, "dash": _SERIES_DASH.get(key, "solid")}))
    for basis in _BASIS_SYMBOLS:
        if basis in set(series["basis"]):
            fig.add_trace(go.Scatter(
                x=[None], y=[None], name=_BASIS_KEYS[basis], mode="markers", hoverinfo="skip",
                marker={"size": 8, "color": NEUTRAL_COLOUR, "symbol": _BASIS_SYMBOLS[basis],
                        "line": {"width": 2, "color": NEUTRAL_COLOUR}}))


def fig_fleet_race(ships: pd.DataFrame, stage: str = "commissioned") -> go.Figure:
    """Fleet race: dreadnought battleships and battlecruisers per navy, year by year.

    Chapter: the Anglo-German naval race. A dashed line marks 1.6 times the German
    count, the margin Churchill announced in March 1912; buttons switch between
    ships laid down, launched and commissioned, since each gives a different race.
    """
    counts = {s: naval_race.fleet_counts(ships, s, FLEET_YEARS) for s in naval_race.STAGES}
    years = list(FLEET_YEARS)

    def series(s):
        c = counts[s]
        return [c["United Kingdom"].tolist(), c["Germany"].tolist(),
                (naval_race.CHURCHILL_MARGIN * c["Germany"]).round(1).tolist()]

    def title(s):
        return f"Capital ships {naval_race.STAGE_LABELS[s]} by 31 December"

    fig = go.Figure()
    for name, y in zip(("United Kingdom", "Germany"), series(stage)[:2]):
        fig.add_trace(go.Scatter(
            x=years, y=y, name=name, mode="lines+markers",
            line={"color": country_colour(name), "width": 3}, marker={"size": 7},
            hovertemplate="%{y} ships<extra>" + name + "</extra>"))
    fig.add_trace(go.Scatter(
        x=years, y=series(stage)[2], name="1.6 × Germany (1912 standard)",
        mode="lines", line={"color": NEUTRAL_COLOUR, "width": 2, "dash": "dash"},
        hovertemplate="%{y} ships needed<extra>60% margin</extra>"))
    buttons = [{"label": naval_race.STAGE_LABELS[s].capitalize(), "method": "update",
                "args": [{"y": series(s)}, {"title.text": title(s)}]} for s in naval_race.STAGES]
    fig.update_layout(**base_layout(
        title(stage),
        xaxis={"title": {"text": "Year"}, "dtick": 1},
        yaxis={"title": {"text": "ships"}, "rangemode": "tozero"},
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons,
                      "active": naval_race.STAGES.index(stage), "showactive": True,
                      "x": 0, "xanchor": "left", "y": -0.2, "yanchor": "top"}],
        # room for the buttons in JupyterLab; the site draws HTML buttons instead
        margin={"l": 60, "r": 20, "t": 70, "b": 110},
    ))
    return fig


_LANES = {"Germany": "Germany", "Both": "Both", "United Kingdom": "United Kingdom"}  # top lane first
_STAGGER = (0.0, 0.3, -0.3)  # moves close in time are spread within their lane
_CLOSE_DAYS = 540


def _lane_colour(actor: str) -> str:
    return NEUTRAL_COLOUR if actor == "Both" else country_colour(actor)


def fig_naval_timeline(events: pd.DataFrame) -> go.Figure:
    """Action and reaction: dated moves by each side; an arrow from a move to another side's
    answer, a dashed line to a side's own follow-on (:mod:`sdbook.charts.sequence`).

    Chapter: the Anglo-German naval race. Markers are numbered in date order; the
    numbers match the data table under the chart.
    """
    return fig_lane_timeline(events, _LANES, "Action and reaction in the naval race", _lane_colour,
                             _STAGGER, _CLOSE_DAYS, height=540)


def fig_naval_sequence(events: pd.DataFrame) -> go.Figure:
    """The action–reaction timeline for phones (see :mod:`sdbook.charts.sequence`).

    Chapter: the Anglo-German naval race.
    """
    return fig_event_sequence(book_events.numbered(events),
                              {"Germany": "Germany", "Both": "Both", "United Kingdom": "Britain"},
                              "Action and reaction in the naval race", _lane_colour)
