"""Charts of missile defence, New START and the action-reaction timelines
(chapter: today/index.md, part 1), and of the South China Sea: spending, burden,
island-building and its timeline (part 2; SIPRI 2025 release, AMTI/CSIS).

View buttons put the chart's opening view last, so that the first button always
changes what is drawn (the site turns them into HTML buttons; see charts.js).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..today import missile_defence as md
from ..today import south_china_sea as scs
from ..style import NEUTRAL_COLOUR, base_layout, country_colour
from .. import events as book_events
from .sequence import fig_event_sequence
from .labels import label_line_ends

US = "United States"
# Scope → (colour, marker symbol): the agency's own money in the US colour, wider or
# narrower definitions in the neutral colour with their own shapes.
_SCOPE_STYLE = {"mda_only": (None, "circle"), "all_missile_defence": (NEUTRAL_COLOUR, "square"),
                "bmd_rdte_all": (NEUTRAL_COLOUR, "diamond"),
                "missile_defence_unstated": (NEUTRAL_COLOUR, "triangle-up")}
_SCOPE_SHORT = {"mda_only": "MDA", "all_missile_defence": "all programmes",
                "bmd_rdte_all": "R&D only", "missile_defence_unstated": "scope not stated"}
# Below the plot: a legend that wraps onto several rows must not grow into the title.
LEGEND_BELOW = {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0,
                "yanchor": "bottom"}
# Events drawn on the budget chart: few, short labels that fit a phone.
_BUDGET_EVENTS = {"abm-withdrawal-2002": "ABM exit", "gmd-greely-2004": "GMD",
                  "epaa-2009": "EPAA", "putin-2018": "Putin's arms"}


def _fiscal_year(date: pd.Timestamp) -> int:
    """US fiscal year a date falls in (FY n runs from 1 October of year n-1)."""
    return date.year + (1 if date.month >= 10 else 0)


def fig_md_budget(budget: pd.DataFrame, index: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """US missile-defence money per fiscal year, as sourced, with four turning points.

    Chapter: the dilemma today. Points only, never lines: the figures come from different
    producers with different scopes. Filled = enacted, open = request. Buttons switch
    between then-year and constant dollars (years without an actual deflator drop out).
    """
    annual = md.annual_figures(budget, index)
    fig = go.Figure()
    for (scope, stage), rows in annual.groupby(["scope", "stage"], sort=False):
        colour, symbol = _SCOPE_STYLE[scope]
        colour = colour or country_colour(US)
        fig.add_trace(go.Scatter(
            x=rows["fiscal_year"].tolist(), y=rows["value_billion_usd"].tolist(),
            name=f"{_SCOPE_SHORT[scope]}, {stage}", mode="markers",
            customdata=rows[["source_key", "note"]].fillna("").values.tolist(),
            marker={"size": 11, "symbol": symbol if stage == "enacted" else f"{symbol}-open",
                    "color": colour, "line": {"width": 2, "color": colour}},
            hovertemplate="FY%{x}: $%{y:.2f} billion<br>%{customdata[0]}<extra></extra>"))
    then_year = [t.y for t in fig.data]
    constant = [annual.loc[(annual["scope"] == s) & (annual["stage"] == g), "value_constant"].tolist()
                for (s, g), _ in annual.groupby(["scope", "stage"], sort=False)]
    dated = events.set_index("event_id")["date"]
    shapes, notes = [], []
    for n, (event_id, label) in enumerate(_BUDGET_EVENTS.items()):
        x = _fiscal_year(dated[event_id])
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0,
                       "y1": 1, "line": {"color": NEUTRAL_COLOUR, "width": 1, "dash": "dot"}})
        notes.append({"x": x, "y": 0.02 + 0.08 * (n % 2), "xref": "x", "yref": "paper", "text": label,
                      "showarrow": False, "xanchor": "left", "yanchor": "bottom", "font": {"size": 11}})
    base = f"FY{md.PRICE_BASE_YEAR}"
    buttons = [
        {"label": f"Constant {base} dollars", "method": "update",
         "args": [{"y": constant}, {"yaxis.title.text": f"US$ billion ({base} prices)"}]},
        {"label": "Then-year dollars", "method": "update",
         "args": [{"y": then_year}, {"yaxis.title.text": "US$ billion (then-year)"}]},
    ]
    fig.update_layout(**base_layout(
        "US missile-defence money, as sourced",
        xaxis={"title": {"text": "US fiscal year (events placed in the fiscal year they fell in)"},
               # the first tick stands clear of the y axis's 0, so their labels never touch
               "range": [1998, 2026.5], "tickvals": list(range(2000, 2026, 5))},
        yaxis={"title": {"text": "US$ billion (then-year)"}, "rangemode": "tozero"},
        shapes=shapes, annotations=notes, hovermode="closest", height=540, legend=LEGEND_BELOW,
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "active": 1,
                      "showactive": True, "x": 0, "xanchor": "left", "y": -0.17, "yanchor": "top"}],
        margin={"l": 60, "r": 20, "t": 50, "b": 190},
    ))
    return fig


def fig_md_totals(budget: pd.DataFrame) -> go.Figure:
    """Multi-year totals from GAO and CRS, received and planned, against the article's claim.

    Chapter: the dilemma today (fact check). Money a report counted as planned for the
    following years is stacked on what it counted as received, drawn open.
    """
    bars = md.totals_bars(budget)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=bars["label"].tolist(), x=bars["received"].tolist(), orientation="h", name="received",
        marker={"color": country_colour(US)},
        hovertemplate="%{y}: $%{x} billion received<extra></extra>"))
    fig.add_trace(go.Bar(
        y=bars["label"].tolist(), x=bars["planned"].tolist(), orientation="h",
        name="planned, not yet received",
        marker={"color": "rgba(0,0,0,0)", "line": {"color": country_colour(US), "width": 2}},
        hovertemplate="%{y}: + $%{x} billion planned<extra></extra>"))
    claim = md.ARTICLE_CLAIM["value_billion_usd"]
    fig.update_layout(**base_layout(
        "Totals given by GAO and CRS, US$ billion",
        barmode="stack", hovermode="closest", height=400,
        xaxis={"title": {"text": "US$ billion, then-year"},
               "rangemode": "tozero"},
        yaxis={"automargin": True, "autorange": "reversed"},
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": claim, "x1": claim,
                 "y0": 0, "y1": 1, "line": {"color": NEUTRAL_COLOUR, "width": 2, "dash": "dash"}}],
        annotations=[{"x": claim, "y": 1.0, "xref": "x", "yref": "paper", "showarrow": False,
                      "text": f"article: over ${claim:g}bn", "xanchor": "right",
                      "yanchor": "bottom", "font": {"size": 11}}],
        margin={"l": 20, "r": 20, "t": 80, "b": 50},
    ))
    return fig


def _gaps_as_none(values: pd.Series) -> list:
    """NaN as None, so that the JSON has null and plotly breaks the line there."""
    return [None if pd.isna(v) else v for v in values]


def fig_new_start(aggregates: pd.DataFrame) -> go.Figure:
    """The strategic balance as both sides declared it under New START, with the limits.

    Chapter: the dilemma today. Buttons switch between the treaty's three aggregates. Every
    exchange date is on the x axis; one the book could not source is a gap in the line, never
    bridged (a point with no neighbour stands alone as a marker).
    """
    measures = list(md.NEW_START_LIMITS)
    opening = "deployed_warheads"

    def series(measure):
        wide = md.new_start_wide(aggregates, measure)
        limit = md.NEW_START_LIMITS[measure]
        return [_gaps_as_none(wide["United States"]), _gaps_as_none(wide["Russia"]), [limit, limit]]

    wide = md.new_start_wide(aggregates, opening)
    dates = wide.index.strftime("%Y-%m-%d").tolist()
    fig = go.Figure()
    for party, y in zip(("United States", "Russia"), series(opening)[:2]):
        fig.add_trace(go.Scatter(
            x=dates, y=y, name=party, mode="lines+markers", connectgaps=False,
            line={"color": country_colour(party), "width": 3}, marker={"size": 8},
            hovertemplate="%{x}: %{y:,}<extra>" + party + "</extra>"))
    fig.add_trace(go.Scatter(
        x=["2018-02-05", dates[-1]], y=series(opening)[2], name="treaty limit (from Feb 2018)",
        mode="lines", line={"color": NEUTRAL_COLOUR, "width": 2, "dash": "dash"},
        hovertemplate="limit %{y:,}<extra></extra>"))
    order = [m for m in measures if m != opening] + [opening]
    buttons = [{"label": md.NEW_START_LABELS[m].capitalize(), "method": "update",
                "args": [{"y": series(m)}, {"title.text": f"New START: {md.NEW_START_LABELS[m]}"}]}
               for m in order]
    fig.update_layout(**base_layout(
        f"New START: {md.NEW_START_LABELS[opening]}",
        xaxis={"title": {"text": "Date the declared data were current (gaps: not sourced)"}, "type": "date"},
        yaxis={"title": {"text": "count (treaty rules)"}, "rangemode": "tozero"},
        hovermode="closest",
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons,
                      "active": len(order) - 1, "showactive": True, "x": 0, "xanchor": "left",
                      "y": -0.2, "yanchor": "top"}],
        margin={"l": 60, "r": 20, "t": 70, "b": 110},
    ))
    return fig


def fig_sequence(events: pd.DataFrame, lanes: list[str], title: str) -> go.Figure:
    """Who answered whom: one row per move in date order, one column per actor.

    The book's shared phone-friendly form (:mod:`.sequence`), numbered by
    :func:`sdbook.events.numbered` so that an answer given on the day of its cause still
    comes after it. An actor without a lane fails loudly.
    """
    unknown = sorted(set(events["actor"]) - set(lanes))
    if unknown:
        raise ValueError(f"no lane for actor(s) {unknown}")
    return fig_event_sequence(book_events.numbered(events), {actor: _short(actor) for actor in lanes},
                              title, _lane_colour)


def _lane_colour(actor: str) -> str:
    return country_colour(actor) if actor in _COUNTRY_LANES else NEUTRAL_COLOUR


_COUNTRY_LANES = {"United States", "Soviet Union / Russia", "China", "North Korea", "Vietnam",
                  "Philippines", "Japan", "Malaysia"}
# Column heads short enough, on two lines, for six columns on a 390 px phone.
_SHORT = {"Soviet Union / Russia": "USSR/<br>Russia", "United States": "US", "North Korea": "North<br>Korea",
          "Multilateral": "Joint/<br>intl.", "Vietnam": "Viet<br>Nam", "Philippines": "Philip-<br>pines"}


def _short(actor: str) -> str:
    return _SHORT.get(actor, actor)


MD_LANES = ["United States", "Both", "Soviet Union / Russia", "China", "North Korea"]


def fig_md_timeline(events: pd.DataFrame) -> go.Figure:
    """Missile defence and its answers, 1972-2026. Chapter: the dilemma today."""
    return fig_sequence(events, MD_LANES, "Missile defence: who answered whom")

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
    return label_line_ends(fig)


WHOLE_SEA = "disputed areas of the South China Sea"
# Legend names short enough for a phone; a scope not listed is shown as the data give it.
_RECLAMATION_SCOPES = {
    WHOLE_SEA: ("disputed areas, whole sea", "circle"),
    "seven Spratly features (sum of AMTI's per-feature figures)": ("7 Spratly reefs, per-reef sum", "square-open"),
    "seven Spratly features (AMTI's round figure)": ("7 Spratly reefs, round figure", "diamond-open"),
    "ten Spratly features": ("10 Spratly features", "square-open"),
    "Spratly features": ("Spratly features", "diamond-open"),
    "Itu Aba (Taiping Island)": ("Itu Aba only", "triangle-up-open"),
}


def fig_scs_reclamation(reclamation: pd.DataFrame) -> go.Figure:
    """Land created by each claimant, in AMTI's dated surveys: one series per claimant and scope.

    Chapter: the dilemma today. Markers only, and a separate series (own legend entry and
    symbol) for each claimant and scope, so that no two figures counted over different areas,
    or counted differently, are ever read as one trend: China's per-reef sum of July 2015 and
    AMTI's round 'almost 3,000 acres' of May 2016 are not a fall. Filled markers count the
    disputed areas of the whole sea, open ones a narrower area.
    """
    fig = go.Figure()
    ordered = reclamation.sort_values(["claimant", "as_of"])
    for (claimant, scope), rows in ordered.groupby(["claimant", "area_scope"], sort=False):
        colour = country_colour(claimant)
        short, symbol = _RECLAMATION_SCOPES.get(scope, (scope, "circle-open"))
        fig.add_trace(go.Scatter(
            x=rows["as_of"].dt.strftime("%Y-%m-%d").tolist(), y=rows["area_acres"].tolist(),
            name=f"{claimant}: {short}", legendgroup=claimant, mode="markers",
            cliponaxis=False,  # a survey of 0 acres (Taiwan) sits on the axis, drawn whole
            customdata=rows[["area_scope", "source_key"]].values.tolist(),
            marker={"size": 12, "color": colour, "symbol": symbol, "line": {"width": 2, "color": colour}},
            hovertemplate="%{x|%b %Y}: %{y:,.0f} acres (%{customdata[0]})<extra>" + claimant + "</extra>"))
    fig.update_layout(**base_layout(
        "Land created by island-building (acres)",
        # starting half a year before 2014 keeps the first year's label clear of the y axis's
        # "0" in the corner (at 2014-01-01 the two touched at 1280 px)
        xaxis={"title": {"text": "Date of the survey"}, "type": "date",
               "range": ["2013-07-01", "2026-01-01"]},
        yaxis={"title": {"text": "acres (open: Spratlys or one island only)"}, "rangemode": "tozero",
               "ticklabelstandoff": 6},  # its "0" keeps clear of the first date under the corner
        hovermode="closest", height=560, legend=LEGEND_BELOW,
        margin={"l": 60, "r": 20, "t": 50, "b": 170},
    ))
    return fig


def fig_scs_timeline(events: pd.DataFrame) -> go.Figure:
    """The South China Sea, 1974-2024: who answered whom. Chapter: the dilemma today."""
    return fig_sequence(events, SCS_LANES, "South China Sea: who answered whom")
