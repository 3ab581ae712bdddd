"""No two series of one chart are hard to tell apart, for any reader.

Every chart of the built book is read back from its page; every pair of series colours
drawn together is measured with CIEDE2000 (sdbook/colour_vision.py) with full colour
vision and under simulated protanopia and deuteranopia. The colour-difference code is
checked against the published CIEDE2000 test data first, so a wrong formula cannot pass.
"""

from __future__ import annotations

import html
import itertools
import json
import re

import pytest

from conftest import site_pages
from sdbook import colour_vision, style

VISIONS = ("normal", "protanopia", "deuteranopia")
_FIGURE = re.compile(r'data-sd-figure(?:-phone)?="([^"]*)"')
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

# Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes,
# supplementary test data", pairs 1, 7, 17 and 25 of their table.
SHARMA = [((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
          ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
          ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
          ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644)]


@pytest.mark.parametrize("lab1, lab2, expected", SHARMA)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert colour_vision.ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_simulated_colour_blindness_merges_red_and_green():
    # the classic confusion pair: far apart with full vision, close for a deuteranope
    assert colour_vision.distance("#d62728", "#2ca02c") > 40
    assert colour_vision.distance("#d62728", "#2ca02c", "deuteranopia") < \
        colour_vision.distance("#d62728", "#2ca02c") / 2


def _series_colours(figure: dict) -> dict[str, set[str]]:
    """Colour -> names of the traces drawn in it (lines and markers with one colour each)."""
    colours: dict[str, set[str]] = {}
    for trace in figure.get("data", []):
        for part in ("line", "marker"):
            colour = (trace.get(part) or {}).get("color")
            if isinstance(colour, str) and _HEX.match(colour):
                colours.setdefault(colour.lower(), set()).add(trace.get("name") or "unnamed")
    return colours


def test_every_pair_of_series_in_a_chart_stays_apart(site):
    checked, too_close = 0, []
    for page in site_pages(site):
        for payload in _FIGURE.findall(page.read_text(encoding="utf-8")):
            figure = json.loads(html.unescape(payload))
            title = (figure.get("layout", {}).get("title") or {}).get("text", "untitled")
            colours = _series_colours(figure)
            for a, b in itertools.combinations(sorted(colours), 2):
                neutral = style.NEUTRAL_COLOUR in (a, b)
                floor = style.MIN_NEUTRAL_DISTANCE if neutral else style.MIN_SERIES_DISTANCE
                distance, vision = min((colour_vision.distance(a, b, v), v) for v in VISIONS)
                checked += 1
                if distance < floor:
                    too_close.append(f"{page.relative_to(site)}, {title!r}: {sorted(colours[a])} {a} and "
                                     f"{sorted(colours[b])} {b} differ by ΔE00 {distance:.1f} ({vision}); "
                                     f"need {floor}")
    assert checked > 50, f"only {checked} colour pairs found in the built charts: the test checks little"
    assert not too_close, "series too alike:\n" + "\n".join(sorted(set(too_close)))
