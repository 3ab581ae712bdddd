"""Direct labels: each line named at its right end instead of in a legend.

With a legend the reader's eye goes back and forth between a colour key and the lines;
a name at the end of each line is read where the line is (the practice of Our World in
Data and of most data journalism). Used for line charts whose lines all run to the right
edge and whose data no view button replaces (a button that swaps the data would leave
the names where the old lines ended).

Names are placed at build time, so they are nudged apart here, in pixels, from the
figure's height, margins and axis range; tests/test_browser.py checks at 1280 and 390 px
that no chart text overlaps.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

LINE_HEIGHT_PX = 15      # one line of 12-px label text, with a little air
CHAR_PX = 6.6            # a 12-px system-font character, on average
WRAP_AT = 16             # characters; longer names take two lines
GAP_PX = 6               # between a line's end and its name


def _wrapped(name: str) -> str:
    """A long name on two lines, broken at the space nearest its middle."""
    if len(name) <= WRAP_AT or " " not in name:
        return name
    spaces = [i for i, c in enumerate(name) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return name[:cut] + "<br>" + name[cut + 1:]


def _last_point(trace) -> tuple | None:
    points = [(x, y) for x, y in zip(trace.x or (), trace.y or ()) if x is not None and y is not None
              and not (isinstance(y, float) and math.isnan(y))]
    return points[-1] if points else None


def _spread(wanted: list[float], heights: list[float], low: float, high: float) -> list[float]:
    """Pixel centres as near ``wanted`` as possible with no two labels overlapping.

    Labels are sorted bottom to top; each is pushed up clear of the one below, then the
    stack is pushed down if it ran past the top, and clear of the one above.
    """
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = dict(zip(order, (wanted[i] for i in order)))
    for below, above in zip(order, order[1:]):
        floor = placed[below] + (heights[below] + heights[above]) / 2
        placed[above] = max(placed[above], floor)
    if order and placed[order[-1]] > high:
        placed[order[-1]] = high
        for above, below in zip(reversed(order), list(reversed(order))[1:]):
            ceiling = placed[above] - (heights[below] + heights[above]) / 2
            placed[below] = min(placed[below], ceiling)
    return [max(placed[i], low - 20) for i in range(len(wanted))]


def label_line_ends(fig: go.Figure) -> go.Figure:
    """Name every named line trace at its last point and drop those traces from the legend.

    The names use the chart's text colour (which the site sets for each theme) behind a dot
    in the line's colour: line colours keep 3:1 against the page, too little for text.
    """
    layout = fig.layout
    lines = [t for t in fig.data if t.type == "scatter" and "lines" in (t.mode or "")
             and t.name and t.visible in (None, True) and _last_point(t)]
    if not lines:
        raise ValueError(f"{layout.title.text!r}: no named line to label")
    values = [y for t in lines for y in (t.y or ()) if y is not None and not (isinstance(y, float) and math.isnan(y))]
    axis = layout.yaxis
    if axis.type == "log":
        raise ValueError(f"{layout.title.text!r}: direct labels are placed for a linear axis")
    low_value = 0.0 if axis.rangemode == "tozero" else min(values)
    low_value, high_value = (axis.range if axis.range else (min(low_value, min(values)), max(values)))
    pad = (high_value - low_value) * 0.05 if not axis.range else 0  # plotly's autorange margin
    low_value, high_value = low_value - pad, high_value + pad
    margin = layout.margin
    domain = axis.domain or (0, 1)
    plot_px = ((layout.height or 440) - (margin.t or 0) - (margin.b or 0)) * (domain[1] - domain[0])

    def to_px(value: float) -> float:
        return (value - low_value) / ((high_value - low_value) or 1) * plot_px

    texts = [_wrapped(t.name) for t in lines]
    heights = [LINE_HEIGHT_PX * (1 + text.count("<br>")) for text in texts]
    wanted = [to_px(_last_point(t)[1]) for t in lines]
    placed = _spread(wanted, heights, 0, plot_px)
    widest = 0
    for trace, text, natural, shown in zip(lines, texts, wanted, placed):
        x, y = _last_point(trace)
        colour = (trace.line.color if trace.line and trace.line.color else None) or "#7a7f8a"
        fig.add_annotation(
            x=x, y=y, xref="x", yref="y", showarrow=False, xanchor="left", yanchor="middle",
            xshift=GAP_PX, yshift=round(shown - natural, 1), align="left",
            text=f'<span style="color:{colour}">●</span> {text}', font={"size": 12})
        trace.showlegend = False
        widest = max(widest, max(len(part) for part in text.split("<br>")) + 2)
    # plotly widens an autoranged axis to hold annotations placed on it: without a range of
    # its own the x axis would run years past the data to make room for the names
    if layout.xaxis.range is None:
        xs = [x for t in fig.data for x in (t.x or ()) if isinstance(x, (int, float))]
        if xs:
            pad = (max(xs) - min(xs)) * 0.02
            layout.xaxis.range = [min(xs) - pad, max(xs) + pad]
    if not any(t.showlegend is not False for t in fig.data if t.name):
        layout.showlegend = False
    layout.margin.r = max(margin.r or 0, round(GAP_PX + widest * CHAR_PX + 8))
    return fig
