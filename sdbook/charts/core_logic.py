"""Charts of enduring rival pairs (chapter: the core logic, core-logic/index.md).

Each chart shows one pair at a time; buttons switch pairs (the site draws them as HTML
buttons). Every button replaces the y values of the two country traces, so a button
press always changes what is plotted.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import core_logic
from ..style import NEUTRAL_COLOUR, base_layout, country_colour

# SIPRI's marks, as marker shapes: filled = a reported figure.
_FLAG_SYMBOLS = {None: "circle", "estimate": "circle-open", "uncertain": "diamond-open"}
_FLAG_KEYS = (("estimate", "SIPRI estimate"), ("uncertain", "SIPRI: highly uncertain"))
_MEASURE_TEXT = {
    "constant": {"unit": "US$ bn, constant 2023 prices", "hover": "US$ %{y:.2f} bn",
                 "title": "{pair}: military spending"},
    "share": {"unit": "% of GDP", "hover": "%{y:.2f}% of GDP",
              "title": "{pair}: military burden"},
}


def _none_for_nan(values) -> list:
    return [None if pd.isna(v) else float(v) for v in values]


def _sipri_traces(milex: pd.DataFrame, pair: str, measure: str) -> dict:
    """Per-trace properties for one pair: the two rivals, then the two legend keys."""
    frame = core_logic.pair_frame(milex, pair, measure)
    years = frame.index.tolist()
    a, b = core_logic.PAIRS[pair]
    hover = _MEASURE_TEXT[measure]["hover"]
    props = {"x": [], "y": [], "name": [], "marker.symbol": [], "marker.color": [],
             "marker.line.color": [], "line.color": [], "customdata": [], "hovertemplate": []}
    for country in (a, b):
        flags = [f if isinstance(f, str) else None for f in frame[f"{country} flag"]]
        colour = country_colour(country)
        props["x"].append(years)
        props["y"].append(_none_for_nan(frame[country]))
        props["name"].append(country)
        props["marker.symbol"].append([_FLAG_SYMBOLS[f] for f in flags])
        props["marker.color"].append(colour)
        props["marker.line.color"].append(colour)
        props["line.color"].append(colour)
        props["customdata"].append([f or "reported" for f in flags])
        props["hovertemplate"].append(f"%{{x}}: {hover} (%{{customdata}})<extra>{country}</extra>")
    for flag, label in _FLAG_KEYS:  # legend keys only: no data of their own
        props["x"].append([None])
        props["y"].append([None])
        props["name"].append(label)
        props["marker.symbol"].append(_FLAG_SYMBOLS[flag])
        for key in ("marker.color", "marker.line.color", "line.color"):
            props[key].append(NEUTRAL_COLOUR)
        props["customdata"].append([None])
        props["hovertemplate"].append(None)
    return props


def _pair_chart(milex: pd.DataFrame, measure: str, opening: str) -> go.Figure:
    core_logic._check_pair(opening, core_logic.PAIRS)
    text = _MEASURE_TEXT[measure]
    views = {pair: _sipri_traces(milex, pair, measure) for pair in core_logic.PAIRS}
    fig = go.Figure()
    start = views[opening]
    for i in range(4):
        is_key = i >= 2
        fig.add_trace(go.Scatter(
            x=start["x"][i], y=start["y"][i], name=start["name"][i],
            mode="markers" if is_key else "lines+markers", connectgaps=False,
            line={"color": start["line.color"][i], "width": 2.5},
            marker={"size": 6 if not is_key else 8, "symbol": start["marker.symbol"][i],
                    "color": start["marker.color"][i],
                    "line": {"width": 1.5, "color": start["marker.line.color"][i]}},
            customdata=start["customdata"][i], hovertemplate=start["hovertemplate"][i],
            hoverinfo="skip" if is_key else None))
    buttons = [{"label": pair, "method": "update",
                "args": [views[pair], {"title.text": text["title"].format(pair=pair)}]}
               for pair in core_logic.PAIRS]
    fig.update_layout(**base_layout(
        text["title"].format(pair=opening),
        xaxis={"title": {"text": "Year"}, "range": [1948, 2025]},
        yaxis={"title": {"text": text["unit"]}, "rangemode": "tozero"},
        hovermode="closest",
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons,
                      "active": list(core_logic.PAIRS).index(opening), "showactive": True,
                      "x": 0, "xanchor": "left", "y": -0.2, "yanchor": "top"}],
        # room for the buttons in JupyterLab; the site draws HTML buttons instead
        margin={"l": 60, "r": 20, "t": 70, "b": 110},
    ))
    return fig


def fig_rivalry_spending(milex: pd.DataFrame, opening: str = "Greece–Turkey") -> go.Figure:
    """Military spending of one rival pair at a time, SIPRI, constant 2023 US$ billion.

    Chapter: the core logic. Open markers are SIPRI estimates, open diamonds figures
    SIPRI marks as highly uncertain; years without a SIPRI figure are gaps.
    """
    return _pair_chart(milex, "constant", opening)


def fig_rivalry_burden(milex: pd.DataFrame, opening: str = "Israel–Egypt") -> go.Figure:
    """Military spending as a share of GDP for one rival pair at a time (SIPRI).

    Chapter: the core logic. The burden shows what the rivalry costs each society,
    which the constant-dollar chart hides when one rival's economy is much larger.
    """
    return _pair_chart(milex, "share", opening)


def _cow_view(cow: pd.DataFrame, pair: str, currency: str) -> tuple[dict, dict]:
    frame = core_logic.cow_frame(cow, pair, currency)
    symbol = core_logic.COW_CURRENCIES[currency]
    a, b = core_logic.COW_PAIRS[pair]
    labels = [core_logic.COW_LABELS.get(c, c) for c in (a, b)]
    data = {"x": [frame.index.tolist()] * 2,
            "y": [_none_for_nan(frame[a]), _none_for_nan(frame[b])],
            "name": labels,
            "line.color": [country_colour(a), country_colour(b)],
            "marker.color": [country_colour(a), country_colour(b)],
            "hovertemplate": [f"%{{x}}: {symbol} %{{y:.2f}} million<extra>{label}</extra>"
                              for label in labels]}
    era = (f"to {core_logic.LAST_POUND_YEAR}" if currency == "GBP"
           else f"{core_logic.LAST_POUND_YEAR + 1}–{str(frame.index.max())[-2:]}")
    # Short enough for one line on a phone: buttons change the title after the first draw.
    layout = {"title.text": f"{pair}: spending {era}",
              "yaxis.title.text": f"{symbol} million, current prices"}
    return data, layout


def fig_rivalry_before_1949(cow: pd.DataFrame, opening: tuple[str, str] = ("Argentina–Brazil", "GBP")
                            ) -> go.Figure:
    """Military spending before 1949 (Correlates of War NMC v6.0), one pair and currency at a time.

    Chapter: the core logic. COW records pounds to 1913 and dollars from 1914, so each
    view holds one currency and no line crosses the break.
    """
    views = {(pair, cur): _cow_view(cow, pair, cur)
             for pair in core_logic.COW_PAIRS for cur in core_logic.COW_CURRENCIES}
    if opening not in views:
        raise ValueError(f"unknown view {opening!r}; known: {list(views)}")
    data, layout = views[opening]
    fig = go.Figure()
    for i in range(2):
        fig.add_trace(go.Scatter(
            x=data["x"][i], y=data["y"][i], name=data["name"][i], mode="lines+markers",
            connectgaps=False, line={"color": data["line.color"][i], "width": 2.5},
            marker={"size": 5, "color": data["marker.color"][i]},
            hovertemplate=data["hovertemplate"][i]))
    buttons = [{"label": f"{pair}, {core_logic.COW_CURRENCIES[cur]} "
                         + ("to 1913" if cur == "GBP" else "1914–48"),
                "method": "update", "args": [views[(pair, cur)][0], views[(pair, cur)][1]]}
               for (pair, cur) in views]
    fig.update_layout(**base_layout(
        layout["title.text"],
        xaxis={"title": {"text": "Year"}},
        yaxis={"title": {"text": layout["yaxis.title.text"]}, "rangemode": "tozero"},
        hovermode="closest",
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons,
                      "active": list(views).index(opening), "showactive": True,
                      "x": 0, "xanchor": "left", "y": -0.2, "yanchor": "top"}],
        margin={"l": 60, "r": 20, "t": 70, "b": 110},
    ))
    return fig
