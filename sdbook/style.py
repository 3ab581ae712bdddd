"""One visual style for every chart in the book.

Colours are chosen to keep at least 3:1 contrast (WCAG 1.4.11, graphical
objects) against *both* page backgrounds, so a figure needs no recolouring when
the reader switches theme; only text and grid colours follow the theme, and the
site script (docs/assets/javascripts/charts.js) applies those at draw time from
Material's own CSS variables.
"""

from __future__ import annotations

# Page backgrounds of Material for MkDocs: "default" is white; "slate" is
# hsl(225deg 15% 14%) (Material 9.8's --md-hue for slate).
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}

# One colour per actor across the whole book (a blue/orange pair stays
# distinguishable with the common colour-vision deficiencies).
COUNTRY_COLOURS = {
    "United Kingdom": "#3b78d8",
    "Germany": "#d95f02",
}
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
