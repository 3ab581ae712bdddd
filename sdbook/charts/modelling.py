"""Charts of the modelling chapter (chapter: modelling/index.md).

Every figure is built from the models in sdbook.richardson and sdbook.games and the
fits in sdbook.modelling; nothing here computes a number the chapter quotes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import games, modelling, richardson
from ..richardson import Params
from ..style import NEUTRAL_COLOUR, base_layout, country_colour
from .labels import label_line_ends

X_COLOUR, Y_COLOUR = country_colour("State X"), country_colour("State Y")
PHASE_MAX = 100.0
# Legends here have long entries: under the plot they cannot collide with the title.
LEGEND_BELOW = {"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"}
# Anchored to the figure's bottom edge rather than to the plot: a legend hung 0.2 plot-heights
# below a short plot (the match chart) sat on the x-axis title "round".
LEGEND_AT_BOTTOM = {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0,
                    "yanchor": "bottom"}
MENU_BELOW = {"x": 0, "xanchor": "left", "y": -0.55, "yanchor": "top"}  # JupyterLab only


def _arrows(p: Params, size: float = PHASE_MAX, count: int = 9) -> tuple[list, list, list]:
    """Short segments showing the direction of flow on a grid: x, y and marker sizes.

    Each segment is (start, tip, gap); only the tip carries a marker, an arrowhead
    turned along the segment (plotly's angleref "previous").
    """
    xs, ys, sizes = [], [], []
    step = size / count
    for gx in np.linspace(step / 2, size - step / 2, count):
        for gy in np.linspace(step / 2, size - step / 2, count):
            dx, dy = richardson.derivatives(gx, gy, p)
            norm = (dx * dx + dy * dy) ** 0.5 or 1.0
            length = 0.38 * step
            xs += [gx, gx + length * dx / norm, None]
            ys += [gy, gy + length * dy / norm, None]
            sizes += [0, 9, 0]
    return xs, ys, sizes


def _phase_traces(p: Params, start: tuple[float, float], years: float) -> list[dict]:
    """Data of the phase-plane traces for one parameter set, in a fixed order."""
    grid = np.linspace(0, PHASE_MAX, 101)
    lines = richardson.nullclines(p, grid)
    path = richardson.simulate(p, *start, years)
    inside = path[(path["x"].abs() <= 3 * PHASE_MAX) & (path["y"].abs() <= 3 * PHASE_MAX)]
    eq = richardson.equilibrium(p)
    ex, ey = ([eq[0]], [eq[1]]) if eq else ([], [])
    ax, ay, sizes = _arrows(p)
    return [
        {"x": ax, "y": ay, "sizes": sizes},
        {"x": grid.tolist(), "y": _clean(lines["x_nullcline"])},
        {"x": grid.tolist(), "y": _clean(lines["y_nullcline"])},
        {"x": inside["x"].round(3).tolist(), "y": inside["y"].round(3).tolist()},
        {"x": ex, "y": ey},
    ]


def _clean(values: np.ndarray) -> list:
    return [None if not np.isfinite(v) else round(float(v), 3) for v in values]


def _labelled(examples: dict[str, Params]) -> dict[str, str]:
    return {label: f"{label}: ab = {richardson.determinant(p) + p.k * p.l:.2f}, kl = {p.k * p.l:.2f}"
            for label, p in examples.items()}


def fig_richardson_phase(examples: dict[str, Params], start: tuple[float, float],
                         years: float = 30.0, active: int = -1) -> go.Figure:
    """Richardson's phase plane: nullclines, equilibrium, direction of flow and one path.

    Chapter: modelling the spiral. Buttons switch between parameter sets (the
    chapter's stable and runaway examples); the page's explorable lets readers set
    every coefficient themselves. ``active`` is the example shown first (default: the last).
    """
    labels = list(examples)
    active = active % len(labels)
    first = _phase_traces(examples[labels[active]], start, years)
    fig = go.Figure([
        go.Scatter(x=first[0]["x"], y=first[0]["y"], mode="lines+markers", name="direction of change",
                   line={"color": NEUTRAL_COLOUR, "width": 1}, hoverinfo="skip",
                   marker={"symbol": "arrow", "angleref": "previous", "size": first[0]["sizes"],
                           "color": NEUTRAL_COLOUR}),
        go.Scatter(x=first[1]["x"], y=first[1]["y"], mode="lines", name="X stops changing (dx/dt = 0)",
                   line={"color": X_COLOUR, "width": 2, "dash": "dash"},
                   hovertemplate="y = %{y:.1f}<extra>dx/dt = 0</extra>"),
        go.Scatter(x=first[2]["x"], y=first[2]["y"], mode="lines", name="Y stops changing (dy/dt = 0)",
                   line={"color": Y_COLOUR, "width": 2, "dash": "dot"},
                   hovertemplate="y = %{y:.1f}<extra>dy/dt = 0</extra>"),
        go.Scatter(x=first[3]["x"], y=first[3]["y"], mode="lines", name=f"path from ({start[0]:g}, {start[1]:g})",
                   line={"color": NEUTRAL_COLOUR, "width": 4},
                   hovertemplate="x = %{x:.1f}, y = %{y:.1f}<extra>path</extra>"),
        go.Scatter(x=first[4]["x"], y=first[4]["y"], mode="markers", name="equilibrium",
                   marker={"symbol": "circle-open", "size": 14, "color": NEUTRAL_COLOUR, "line": {"width": 3}},
                   hovertemplate="equilibrium (%{x:.1f}, %{y:.1f})<extra></extra>"),
    ])
    titles = _labelled(examples)
    buttons = []
    for label in labels:
        traces = _phase_traces(examples[label], start, years)
        buttons.append({"label": label, "method": "update",
                        # the arrow grid has the same points in every example, so sizes stay
                        "args": [{"x": [t["x"] for t in traces], "y": [t["y"] for t in traces]},
                                 {"title.text": titles[label]}]})
    fig.update_layout(**base_layout(
        titles[labels[active]],
        xaxis={"title": {"text": "arms of State X"}, "range": [0, PHASE_MAX], "constrain": "domain"},
        yaxis={"title": {"text": "arms of State Y"}, "range": [0, PHASE_MAX], "scaleanchor": "x"},
        hovermode="closest", legend=LEGEND_BELOW,
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "active": active,
                      "showactive": True, **MENU_BELOW}],
        margin={"l": 60, "r": 20, "t": 50, "b": 190},
        height=620,
    ))
    return fig


def fig_richardson_paths(examples: dict[str, Params], start: tuple[float, float],
                         years: float = 25.0, active: int = -1) -> go.Figure:
    """Both sides' arms over time for each example (buttons switch; ``active`` shown first).

    Chapter: modelling the spiral.
    """
    labels = list(examples)
    active = active % len(labels)

    def series(p):
        path = richardson.simulate(p, *start, years)[::10]  # every half year is plenty to draw
        return path["t"].round(2).tolist(), path["x"].round(2).tolist(), path["y"].round(2).tolist()

    t, x, y = series(examples[labels[active]])
    fig = go.Figure([
        go.Scatter(x=t, y=x, name="State X", mode="lines", line={"color": X_COLOUR, "width": 3},
                   hovertemplate="year %{x:.1f}: %{y:.1f}<extra>State X</extra>"),
        go.Scatter(x=t, y=y, name="State Y", mode="lines", line={"color": Y_COLOUR, "width": 3, "dash": "dash"},
                   hovertemplate="year %{x:.1f}: %{y:.1f}<extra>State Y</extra>"),
    ])
    titles = _labelled(examples)
    buttons = []
    for label in labels:
        ts, xs, ys = series(examples[label])
        buttons.append({"label": label, "method": "update",
                        "args": [{"x": [ts, ts], "y": [xs, ys]}, {"title.text": titles[label]}]})
    fig.update_layout(**base_layout(
        titles[labels[active]],
        xaxis={"title": {"text": "years"}},
        yaxis={"title": {"text": "arms (any unit)"}, "rangemode": "tozero", "autorange": True},
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "active": active,
                      "showactive": True, **MENU_BELOW}],
        margin={"l": 60, "r": 20, "t": 70, "b": 160},
    ))
    return fig


def fig_bloc_spending(milex: pd.DataFrame) -> go.Figure:
    """The two continental blocs' military spending, 1900–1913 (million £). Chapter: modelling."""
    blocs = modelling.bloc_spending(milex)
    fig = go.Figure()
    for bloc, dash in ((modelling.ENTENTE, "solid"), (modelling.CENTRAL, "dash")):
        fig.add_trace(go.Scatter(
            x=blocs.index.tolist(), y=blocs[bloc].round(1).tolist(), name=bloc, mode="lines+markers",
            line={"color": country_colour(bloc), "width": 3, "dash": dash},
            hovertemplate="%{x}: £%{y:.1f} million<extra>" + bloc + "</extra>"))
    fig.add_vrect(x0=1908.5, x1=1913.5, fillcolor=NEUTRAL_COLOUR, opacity=0.12, line_width=0,
                  annotation_text="Richardson's years", annotation_position="top left")
    fig.update_layout(**base_layout(
        "Two blocs' military spending",
        # the first year's label sits clear of the y axis's "0" only with a margin before it
        xaxis={"title": {"text": "Year"}, "dtick": 2, "range": [1899.4, 1913.6]},
        yaxis={"title": {"text": "million £ (current)"}, "rangemode": "tozero"},
    ))
    return label_line_ends(fig)


def fig_richardson_test(milex: pd.DataFrame) -> go.Figure:
    """Richardson's test: yearly change in the blocs' combined spending against its level.

    Chapter: modelling the spiral. Filled points are Richardson's years (changes
    1909→10 to 1912→13) with the line fitted to them; open points are the earlier
    changes of 1900–1909, which the line was not fitted to and does not describe.
    """
    fit = modelling.richardson_test(milex)
    long = richardson.fit_line(modelling.bloc_spending(milex)["Both blocs"]).table
    earlier = long[long["year"] < modelling.RICHARDSON_YEARS.start]
    t = fit.table
    line_x = [float(min(long["level"].min(), t["level"].min())), float(t["level"].max())]
    fig = go.Figure([
        go.Scatter(x=earlier["level"].round(1).tolist(), y=earlier["change"].round(1).tolist(),
                   mode="markers+text", name="changes 1900→01 to 1908→09",
                   # only the war years are labelled: the others crowd together (hover and
                   # the table give every year)
                   text=[f"{y}" if 1904 <= y <= 1906 else "" for y in earlier["year"]],
                   customdata=earlier["year"].tolist(), textposition="bottom center",
                   marker={"symbol": "circle-open", "size": 9, "color": NEUTRAL_COLOUR, "line": {"width": 2}},
                   hovertemplate="%{customdata}→: level £%{x:.0f}m, change £%{y:.1f}m<extra></extra>"),
        go.Scatter(x=t["level"].round(1).tolist(), y=t["change"].round(1).tolist(),
                   mode="markers+text", name="changes 1909→10 to 1912→13",
                   text=[f"{y}" for y in t["year"]],
                   textposition=["top left", "bottom right", "top left", "top left"][:len(t)],
                   marker={"size": 12, "color": NEUTRAL_COLOUR},
                   hovertemplate="%{text}→: level £%{x:.0f}m, change £%{y:.1f}m<extra></extra>"),
        go.Scatter(x=line_x, y=[fit.slope * v + fit.intercept for v in line_x], mode="lines",
                   name=f"fitted: change = {fit.slope:.2f} × (level − {fit.zero_growth_level:.0f})",
                   line={"color": NEUTRAL_COLOUR, "width": 2, "dash": "dash"}, hoverinfo="skip"),
    ])
    fig.update_layout(**base_layout(
        "Richardson's test (COW data)",
        xaxis={"title": {"text": "combined spending, mean of the two years (million £)"}},
        yaxis={"title": {"text": "change to next year (million £)"}, "zeroline": True},
        hovermode="closest", legend=LEGEND_BELOW, margin={"l": 60, "r": 20, "t": 50, "b": 150},
        height=500,
    ))
    return fig


def fig_pair_fit(fit: richardson.PairFit, x: pd.Series, y: pd.Series, names: tuple[str, str],
                 unit: str, title: str) -> go.Figure:
    """A two-equation fit: observed levels, the fitted model's own path, and the yearly misses.

    Chapter: modelling the spiral. Top: observed series (solid) and the path the fitted
    equations trace from the first fitted year (dotted). Bottom: residuals, observed
    minus fitted yearly change, for each side.
    """
    path = modelling.fit_path(fit, x, y)
    first, last = int(path.index.min()), int(path.index.max())
    years = list(range(first, last + 1))
    colours = [country_colour(n) for n in names]
    fig = go.Figure()
    for name, series, modelled, colour in ((names[0], x, path["x"], colours[0]),
                                           (names[1], y, path["y"], colours[1])):
        observed = series.reindex(years)
        fig.add_trace(go.Scatter(
            x=years, y=[None if pd.isna(v) else round(float(v), 2) for v in observed],
            name=f"{name}: observed", mode="lines+markers", connectgaps=False,
            line={"color": colour, "width": 3}, marker={"size": 6},
            hovertemplate="%{x}: %{y:,.1f}<extra>" + name + "</extra>"))
        fig.add_trace(go.Scatter(
            x=years, y=modelled.round(2).tolist(), name=f"{name}: fitted model", mode="lines",
            line={"color": colour, "width": 2, "dash": "dot"},
            hovertemplate="%{x}: %{y:,.1f}<extra>" + name + " (model)</extra>"))
    t = fit.table
    for name, column, colour in ((names[0], "dx_residual", colours[0]), (names[1], "dy_residual", colours[1])):
        fig.add_trace(go.Bar(
            x=t["year"].tolist(), y=t[column].round(2).tolist(), name=f"{name}: residual",
            marker={"color": colour}, yaxis="y2", showlegend=False,
            hovertemplate="%{x}→next: %{y:,.1f}<extra>" + name + " residual</extra>"))
    fig.update_layout(**base_layout(
        title,
        xaxis={"title": {"text": "Year"}, "anchor": "y2"},
        yaxis={"title": {"text": unit}, "domain": [0.38, 1.0], "rangemode": "tozero"},
        # The site re-themes only the first axes' grid; this one draws no grid of its own.
        yaxis2={"title": {"text": "residual"}, "domain": [0.0, 0.26], "showgrid": False,
                "zeroline": True, "zerolinecolor": NEUTRAL_COLOUR},
        barmode="group", height=620, hovermode="closest", legend=LEGEND_BELOW,
        margin={"l": 60, "r": 20, "t": 50, "b": 150},
    ))
    return fig


def fig_spiral_match(match: pd.DataFrame, names: tuple[str, str]) -> go.Figure:
    """One match, round by round: filled = armed, open = restrained, × = misread by the other side.

    Chapter: modelling the spiral.
    """
    fig = go.Figure()
    for row, (move, seen_by_other, name, colour) in enumerate(
            (("move1", "seen_by_2", names[0], X_COLOUR), ("move2", "seen_by_1", names[1], Y_COLOUR))):
        level = 1 - row
        armed = match[move] == games.ARM
        fig.add_trace(go.Scatter(
            x=match["round"].tolist(), y=[level] * len(match), mode="markers", name=name,
            marker={"color": colour, "size": 8, "line": {"color": colour, "width": 1.5},
                    "symbol": ["circle" if a else "circle-open" for a in armed]},
            customdata=[["armed" if a else "restrained"] for a in armed],
            hovertemplate="round %{x}: %{customdata[0]}<extra>" + name + "</extra>"))
        misread = match[match[move] != match[seen_by_other]]
        fig.add_trace(go.Scatter(
            x=misread["round"].tolist(), y=[level + 0.22] * len(misread), mode="markers",
            name="misread by the other side" if row == 0 else "misread (Y's move)", showlegend=row == 0,
            legendgroup="misread", marker={"symbol": "x-thin", "size": 9, "color": NEUTRAL_COLOUR,
                                           "line": {"color": NEUTRAL_COLOUR, "width": 2}},
            hovertemplate="round %{x}: seen the wrong way<extra></extra>"))
    fig.update_layout(**base_layout(
        "One match, round by round",
        xaxis={"title": {"text": "round"}},
        yaxis={"tickvals": [0, 1], "ticktext": [names[1], names[0]], "range": [-0.5, 1.6]},
        hovermode="closest", height=360, legend=LEGEND_AT_BOTTOM, margin={"l": 110, "r": 20, "t": 50, "b": 130},
    ))
    return fig


def fig_tournament(tables: dict[str, pd.DataFrame], active: int = 1) -> go.Figure:
    """Round-robin scores per strategy; buttons switch game and noise (``active`` shown first).

    Chapter: modelling the spiral.
    """
    labels = list(tables)
    active = active % len(labels)

    def bars(table):
        ordered = table.sort_values("score")
        return ordered["name"].tolist(), ordered["score"].round(3).tolist()

    names, scores = bars(tables[labels[active]])
    fig = go.Figure(go.Bar(x=scores, y=names, orientation="h", marker={"color": NEUTRAL_COLOUR},
                           name="average payoff per round",
                           hovertemplate="%{y}: %{x:.2f} per round<extra></extra>"))
    buttons = [{"label": label, "method": "update",
                "args": [{"x": [bars(tables[label])[1]], "y": [bars(tables[label])[0]]},
                         {"title.text": label}]} for label in labels]
    fig.update_layout(**base_layout(
        labels[active],
        xaxis={"title": {"text": "average payoff per round"}, "rangemode": "tozero"},
        yaxis={"automargin": True}, showlegend=False, hovermode="closest",
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "active": active,
                      "showactive": True, **MENU_BELOW}],
        margin={"l": 60, "r": 20, "t": 50, "b": 160},
    ))
    return fig
