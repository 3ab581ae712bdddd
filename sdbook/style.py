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
# actor under two names (SAME_ACTOR). Countries drawn in one chart must look different
# to every reader: tests/test_chart_colours.py measures every pair of series drawn together
# in every built chart (CIEDE2000, sdbook/colour_vision.py) with full colour vision and
# under simulated protanopia and deuteranopia, and asks for at least MIN_SERIES_DISTANCE.
# The colours were searched for that (most pairs are far above it): inside the narrow
# lightness band that 3:1 on white and on slate allows, ten nuclear states leave little
# room, which is why the United States and Russia are both warm hues here, a red-orange
# and a rose, at a distance of at least 12 for each kind of vision. Add a country here,
# never in a chart, and rerun that test.
COUNTRY_COLOURS = {
    # The naval race and the First World War
    "United Kingdom": "#5454fc",
    "Germany": "#d95f02",
    "Austria-Hungary": "#b7790a",
    "France": "#248478",
    "Russia": "#b44854",
    "France and Russia": "#248478",
    "Germany and Austria-Hungary": "#d95f02",
    # The nuclear age
    "United States": "#cc3000",
    "Soviet Union": "#b44854",
    "Soviet Union / Russia": "#b44854",
    "China": "#5490fc",
    "India": "#cc00a8",
    "Pakistan": "#e43c84",
    "Israel": "#c08460",
    "North Korea": "#f06c00",
    "South Africa": "#cc78a8",
    # The South China Sea and East Asia
    "Vietnam": "#cc786c",
    "Philippines": "#fc6030",
    "Malaysia": "#b4789c",
    "Indonesia": "#a84890",
    "Taiwan": "#7848f0",
    "Japan": "#a85454",
    "Brunei": "#a0782f",
    # Enduring rivalries
    "Greece": "#3d85c6",
    "Turkey": "#d2472f",
    "Egypt": "#846c00",
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
# Smallest CIEDE2000 difference, over full colour vision, protanopia and deuteranopia,
# between two series drawn in one chart (10 is "clearly different at a glance" for thin
# lines; 12 leaves a margin). Neutral marks (reference lines, "both" events) are also set
# apart by dash or marker shape, so they need MIN_NEUTRAL_DISTANCE only.
MIN_SERIES_DISTANCE = 12.0
MIN_NEUTRAL_DISTANCE = 10.0

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
        # The nuclear-armed states' colours: chosen to stay apart, also for colour-blind readers.
        "colorway": [COUNTRY_COLOURS[c] for c in ("United States", "Soviet Union / Russia", "United Kingdom",
                                                   "France", "China", "India", "Pakistan", "Israel",
                                                   "North Korea")],
        "xaxis": axis, "yaxis": axis, "height": CHART_HEIGHT,
        "title": {"x": 0, "xanchor": "left", "font": {"size": 16}},
    })
