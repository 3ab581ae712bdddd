"""One visual style for every chart in the book.

Colours are chosen to keep at least 3:1 contrast (WCAG 1.4.11, graphical
objects) against *both* page backgrounds, so a figure needs no recolouring when
the reader switches theme; only text and grid colours follow the theme, and the
site script (docs/assets/javascripts/src/features/charts.js) applies those at draw time from
Material's own CSS variables.
"""

from __future__ import annotations

# Page backgrounds of Material for MkDocs: "default" is white; "slate" is
# hsl(225deg 15% 14%) (Material 9.8's --md-hue for slate).
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}

# One colour per country (or bloc) across the whole book: Britain is the same blue in
# 1906 and in 1962. All sit in the luminance band that keeps 3:1 against both page
# backgrounds (tested). Colours may repeat only between entries that are the same
# actor under two names (SAME_ACTOR); countries that share a chart must differ, which
# tests/test_charts.py checks for every figure. Add a country here, never in a chart.
COUNTRY_COLOURS = {
    # The naval race and the First World War
    "United Kingdom": "#3b78d8",
    "Germany": "#d95f02",
    "Austria-Hungary": "#b7790a",
    "France": "#8e5cd9",
    "Russia": "#d62d48",
    "France and Russia": "#8e5cd9",
    "Germany and Austria-Hungary": "#d95f02",
    # The nuclear age
    "United States": "#0f8b8d",
    "Soviet Union": "#d62d48",
    "Soviet Union / Russia": "#d62d48",
    "China": "#c48a00",
    "India": "#e8710a",
    "Pakistan": "#3c9a3c",
    "Israel": "#c2479d",
    "North Korea": "#8f7f3a",
    "South Africa": "#5f8a2d",
    # The South China Sea and East Asia
    "Vietnam": "#e0533d",
    "Philippines": "#4a86e8",
    "Malaysia": "#2e9e6e",
    "Indonesia": "#b5509b",
    "Taiwan": "#7a6fd6",
    "Japan": "#c65b7c",
    "Brunei": "#a0782f",
    # Enduring rivalries
    "Greece": "#3d85c6",
    "Turkey": "#d2472f",
    "Egypt": "#b7862b",
    "Argentina": "#4f8fd6",
    "Brazil": "#3f9b4a",
    # Abstract players of the models (chapter: modelling the spiral); the page's
    # explorables use the same two colours (checked by tests/test_explorables_js.py).
    "State X": "#2e86ab",
    "State Y": "#c06a00",
}
# Names of one actor that deliberately share a colour.
SAME_ACTOR = (
    {"Russia", "Soviet Union", "Soviet Union / Russia"},
    {"France", "France and Russia"},
    {"Germany", "Germany and Austria-Hungary"},
)
# Reference lines, "both sides" events and other neutral marks.
NEUTRAL_COLOUR = "#7a7f8a"

FONT_FAMILY = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif"
CHART_HEIGHT = 440


def country_colour(country: str) -> str:
    """The book's colour for ``country``; unknown actors fail rather than get a random hue."""
    try:
        return COUNTRY_COLOURS[country]
    except KeyError:
        raise KeyError(f"no colour defined for {country!r} in sdbook.style.COUNTRY_COLOURS") from None


def base_layout(title: str, **overrides) -> dict:
    """Layout shared by all charts: transparent background, compact margins, legend on top."""
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": FONT_FAMILY, "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 60, "r": 20, "t": 70, "b": 50},
        "height": CHART_HEIGHT,
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        "hovermode": "x unified",
    }
    layout.update(overrides)
    return layout


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour like '#3b78d8'."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(colour_a: str, colour_b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(colour_a), relative_luminance(colour_b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def plotly_template() -> "go.layout.Template":
    """The book's look for a figure a reader draws (e.g. with Plotly Express in a notebook lab).

    Transparent backgrounds and theme-neutral grid lines, as :func:`base_layout` gives the
    book's own charts, so that the site can recolour the text for light and dark pages.
    """
    import plotly.graph_objects as go  # only readers who draw their own figures need it

    axis = {"gridcolor": "rgba(122,127,138,0.3)", "zerolinecolor": "rgba(122,127,138,0.6)",
            "linecolor": NEUTRAL_COLOUR}
    return go.layout.Template(layout={
        "font": {"family": FONT_FAMILY, "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
        "colorway": [COUNTRY_COLOURS[c] for c in ("United Kingdom", "Germany", "United States",
                                                   "France", "Pakistan", "Israel", "Taiwan")],
        "xaxis": axis, "yaxis": axis, "height": CHART_HEIGHT,
        "title": {"x": 0, "xanchor": "left", "font": {"size": 16}},
    })
