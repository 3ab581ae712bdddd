"""Charts of the Cold War nuclear spiral (chapter: cold-war/index.md)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import cold_war
from ..cold_war import SUPERPOWERS, US, USSR
from .. import events as book_events
from ..style import NEUTRAL_COLOUR, base_layout, country_colour
from .sequence import fig_event_sequence, fig_lane_timeline

_LEG_DASH = {"icbms": "solid", "slbms": "dash", "bombers": "dot"}


def _layout(title: str, **overrides) -> dict:
    """The book's layout with the title pinned to the top edge, so a tall legend sits under it."""
    layout = base_layout(title, **overrides)
    layout["title"] = {**layout["title"], "yref": "container", "y": 1, "yanchor": "top",
                       "pad": {"t": 12}}
    return layout


def _view_buttons(buttons: list[dict], active: int = 0) -> dict:
    """A row of view buttons (the site draws them as HTML buttons)."""
    return {"type": "buttons", "direction": "right", "buttons": buttons, "active": active,
            "showactive": True, "x": 0, "xanchor": "left", "y": -0.2, "yanchor": "top"}


def fig_stockpiles(warheads: pd.DataFrame) -> go.Figure:
    """The stockpile race: warheads per nuclear-armed state, 1945-2023, linear or log scale.

    Chapter: the Cold War nuclear spiral. The log view makes the small arsenals
    readable and shows growth rates as slopes; empty cells (no FAS figure) stay gaps.
    """
    table = cold_war.wide(warheads, "warheads")
    order = [US, USSR] + sorted(c for c in table if c not in SUPERPOWERS)
    fig = go.Figure()
    for country in order:
        series = table[country]
        fig.add_trace(go.Scatter(
            x=series.index.tolist(), y=[None if pd.isna(v) else int(v) for v in series],
            name=country, mode="lines", connectgaps=False,
            line={"color": country_colour(country), "width": 3 if country in SUPERPOWERS else 2},
            hovertemplate="%{y:,} warheads<extra>" + country + "</extra>"))
    title = "Nuclear warhead stockpiles, 1945-2023"
    buttons = [
        {"label": "Linear scale", "method": "update",
         "args": [{}, {"yaxis.type": "linear", "title.text": title}]},
        {"label": "Log scale", "method": "update",
         "args": [{}, {"yaxis.type": "log", "title.text": title + " (log scale)"}]},
    ]
    fig.update_layout(**_layout(
        title, xaxis={"title": {"text": "Year"}, "dtick": 10},
        yaxis={"title": {"text": "warheads"}, "rangemode": "tozero"},
        updatemenus=[_view_buttons(buttons)], hovermode="x unified", height=520,
        # ten states: three legend rows sit between the title and the plot
        margin={"l": 60, "r": 20, "t": 130, "b": 110},
    ))
    return fig


def fig_tests(tests: pd.DataFrame) -> go.Figure:
    """Nuclear tests per year, stacked by country (ACA tally; a salvo counts once).

    Chapter: the Cold War nuclear spiral. Years before a state's first test are empty.
    """
    table = cold_war.wide(tests, "tests")
    order = [US, USSR] + [c for c in table if c not in SUPERPOWERS]
    fig = go.Figure()
    for country in order:
        series = table[country].fillna(0)
        fig.add_trace(go.Bar(
            x=series.index.tolist(), y=[int(v) for v in series], name=country,
            marker={"color": country_colour(country)},
            hovertemplate="%{y} tests<extra>" + country + "</extra>"))
    fig.update_layout(**_layout(
        "Nuclear tests per year, 1945-2019", barmode="stack", bargap=0.1,
        xaxis={"title": {"text": "Year"}, "dtick": 10},
        yaxis={"title": {"text": "tests"}}, hovermode="x unified", height=500,
        # plotly reverses a stacked legend by default; keep the book's order (US first)
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": 60, "r": 20, "t": 110, "b": 50},
    ))
    return fig


def fig_defence_burden(outlays: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """The US defence burden, FY 1945-1991, with the events that moved it.

    Chapter: the Cold War nuclear spiral. Buttons switch between share of GDP and
    constant FY 2012 dollars. Fiscal years are placed at the year they end; the 1976
    transition quarter is left out. Event lines mark a few dated moves from the timeline.
    """
    out = cold_war.outlays_constant(outlays)
    out = out[out["fiscal_year"].between(1945, 1991)]
    years = out["fiscal_year"].tolist()
    share = out["share_of_gdp_percent"].round(1).tolist()
    real = out["billion_fy2012"].round(1).tolist()
    fig = go.Figure(go.Scatter(
        x=years, y=share, name="United States", mode="lines+markers",
        line={"color": country_colour(US), "width": 3}, marker={"size": 5},
        hovertemplate="FY %{x}: %{y}<extra>United States</extra>"))
    marks = events.set_index("event_id").loc[list(_BURDEN_EVENTS)]
    shapes, notes = [], []
    for (event_id, label), row in zip(_BURDEN_EVENTS.items(), marks.itertuples()):
        x = row.date.year + (row.date.day_of_year - 1) / 365
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x,
                       "y0": 0, "y1": 1, "line": {"color": NEUTRAL_COLOUR, "width": 1, "dash": "dot"}})
        notes.append({"x": x, "y": 1, "xref": "x", "yref": "paper", "text": label,
                      "showarrow": False, "textangle": -90, "xanchor": "left", "yanchor": "top",
                      "font": {"size": 11, "color": NEUTRAL_COLOUR}})
    title_share = "US national-defence outlays, % of GDP (fiscal years)"
    title_real = "US national-defence outlays, $ billion at FY 2012 prices"
    buttons = [
        {"label": "% of GDP", "method": "update",
         "args": [{"y": [share]}, {"title.text": title_share, "yaxis.title.text": "% of GDP"}]},
        {"label": "Constant dollars", "method": "update",
         "args": [{"y": [real]}, {"title.text": title_real, "yaxis.title.text": "$ billion (FY 2012)"}]},
    ]
    fig.update_layout(**_layout(
        title_share, xaxis={"title": {"text": "Fiscal year"}, "dtick": 5, "range": [1944.5, 1991.5]},
        # the y axis's "0" keeps clear of the first year under the corner
        yaxis={"title": {"text": "% of GDP"}, "rangemode": "tozero", "ticklabelstandoff": 6},
        shapes=shapes, annotations=notes, updatemenus=[_view_buttons(buttons)],
        hovermode="x unified", showlegend=False, height=480,
        margin={"l": 60, "r": 20, "t": 60, "b": 110},
    ))
    return fig


# Timeline events drawn on the burden chart, with short labels.
_BURDEN_EVENTS = {
    "nsc68-1950": "NSC-68",
    "sputnik-1957": "Sputnik",
    "cuban-crisis-1962": "Cuba",
    "abm-salt-1972": "SALT I",
    "dual-track-1979": "Dual track",
    "sdi-1983": "SDI",
    "inf-1987": "INF",
}


def fig_triad(launchers: pd.DataFrame) -> go.Figure:
    """The triad over time: each side's intercontinental launchers by leg, or the warheads they carry.

    Chapter: the Cold War nuclear spiral (Suh's Strategic Nuclear Forces Dataset v1.0).
    Colour is the side, line style the leg; a button shows deliverable warheads instead.
    """
    data = launchers.sort_values("year")
    fig = go.Figure()
    for country in SUPERPOWERS:
        rows = data[data["country"] == country]
        for leg, label in cold_war.LEGS.items():
            fig.add_trace(go.Scatter(
                x=rows["year"].tolist(), y=rows[leg].astype(int).tolist(),
                name=label, legendgroup=country, legendgrouptitle={"text": country}, mode="lines",
                line={"color": country_colour(country), "width": 2.5, "dash": _LEG_DASH[leg]},
                hovertemplate="%{y:,}<extra>" + f"{country}: {label}" + "</extra>"))
    n = len(fig.data)
    for country in SUPERPOWERS:
        rows = data[data["country"] == country]
        fig.add_trace(go.Scatter(
            x=rows["year"].tolist(), y=rows["deliverable_warheads"].astype(int).tolist(),
            name=f"{country}: warheads", mode="lines", visible=False,
            line={"color": country_colour(country), "width": 3},
            hovertemplate="%{y:,} warheads<extra>" + country + "</extra>"))
    launchers_only = [i < n for i in range(len(fig.data))]
    warheads_only = [i >= n for i in range(len(fig.data))]
    title_l = "The triad: intercontinental launchers by leg, 1949-2002"
    title_w = "Warheads the launchers could deliver, 1949-2002"
    buttons = [
        {"label": "Launchers", "method": "update",
         "args": [{"visible": launchers_only}, {"title.text": title_l, "yaxis.title.text": "launchers"}]},
        {"label": "Warheads", "method": "update",
         "args": [{"visible": warheads_only}, {"title.text": title_w, "yaxis.title.text": "warheads"}]},
    ]
    fig.update_layout(**_layout(
        # from 1945, the start of the nuclear age: also keeps the 1950 tick clear of the y axis's 0
        title_l, xaxis={"title": {"text": "Year"}, "dtick": 10, "range": [1945, 2003]},
        yaxis={"title": {"text": "launchers"}, "rangemode": "tozero"},
        updatemenus=[_view_buttons(buttons)], hovermode="x unified", height=560,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "groupclick": "toggleitem"},
        margin={"l": 60, "r": 20, "t": 150, "b": 110},
    ))
    return fig


def fig_spiral_test(points: pd.DataFrame) -> go.Figure:
    """Judge the spiral: each side's yearly change in warheads against the rival's level.

    Chapter: the Cold War nuclear spiral. If each side simply answered the other, points
    would climb to the right (Richardson's 'defence term'); hover shows the year.
    """
    fig = go.Figure()
    for country in SUPERPOWERS:
        rows = points[points["country"] == country]
        fig.add_trace(go.Scatter(
            x=rows["rival_level"].tolist(), y=rows["change"].tolist(), name=country,
            mode="markers", customdata=rows["year"].tolist(),
            marker={"color": country_colour(country), "size": 8,
                    "symbol": "circle" if country == US else "diamond"},
            hovertemplate="%{customdata}: change %{y:+,} with the rival at %{x:,}<extra>"
                          + country + "</extra>"))
    fig.add_hline(y=0, line={"color": NEUTRAL_COLOUR, "width": 1})
    fig.update_layout(**_layout(
        "Yearly change in own stockpile vs the rival's stockpile, 1950-1991",
        xaxis={"title": {"text": "rival's warheads the year before"}, "rangemode": "tozero"},
        yaxis={"title": {"text": "change in own warheads"}}, hovermode="closest",
    ))
    return fig


_LANES = {"China": "China", "Soviet Union": "Soviet Union", "Both": "Both", "NATO": "NATO",
          "United States": "United States"}  # top lane first (China: its 1964 test, Sentinel's reason)
# 50-odd moves in 46 years: five levels per lane keep neighbouring numbers apart
_STAGGER = (0.0, 0.34, -0.34, 0.17, -0.17)
_CLOSE_DAYS = 700  # about a two-digit number's width on the date axis at 1280 px


def _lane_colour(actor: str) -> str:
    return NEUTRAL_COLOUR if actor in ("Both", "NATO") else country_colour(actor)


def fig_cold_war_timeline(events: pd.DataFrame) -> go.Figure:
    """Action and reaction, 1945-1991: numbered moves in four lanes, an arrow from a move to
    another side's answer and a dashed line to a side's own follow-on.

    Chapter: the Cold War nuclear spiral. Faint arrows are answers historians dispute;
    the numbers match the data table under the chart (:mod:`sdbook.charts.sequence`).
    """
    return fig_lane_timeline(events, _LANES, "Action and reaction in the nuclear arms race",
                             _lane_colour, _STAGGER, _CLOSE_DAYS, height=600)


def fig_cold_war_sequence(events: pd.DataFrame) -> go.Figure:
    """The action–reaction timeline for phones (see :mod:`sdbook.charts.sequence`).

    Chapter: the Cold War nuclear spiral.
    """
    return fig_event_sequence(book_events.numbered(events),
                              {"United States": "US", "NATO": "NATO", "Both": "Both",
                               "Soviet Union": "USSR", "China": "China"},
                              "Action and reaction in the nuclear arms race", _lane_colour)
