"""Which side of its marker each timeline number goes, so that no link runs through it.

Plotly puts a marker's text above, below, beside or diagonally off it (``textposition``). The
date-axis timelines draw arrows and dashed lines between markers, and a number put on the
side a link leaves by, or in the path of a link passing close by, had the line drawn
through it (issue 18: the naval race's Nos. 13 to 22 at 1280 px). Here each side is a box
in screen pixels, placed as Plotly places the text, and each number takes the cheapest:
no link through it, no other number or marker under it, inside the plot, and its
preferred side when several are free.

Where no side is clear (links from every direction), :func:`placed_numbers` tries the
marker at its lane's other offsets. The page decides a chart's width, so a side is judged
at a few plot widths at once (the wide form is drawn from 600 px to about 760 px); the
browser sweep (tests/browsing.py, ``_line_label_problems``) checks the drawn result.
"""

from __future__ import annotations

from dataclasses import dataclass

SIDES = ("top center", "bottom center", "middle right", "middle left",
         "top right", "top left", "bottom right", "bottom left")  # in order of preference
FONT_PX = 11
DIGIT_PX = 6.5       # a digit of 11-px sans-serif (6.1 px in Arial), with a little spare
CLEAR_PX = 0.5       # room kept between a number and a line, on top of the browser check's 1 px
# what a side costs: a crossing link or a covered number is what the reader cannot read
CROSSING, COVERED_NUMBER, COVERED_MARKER, CLIPPED, NOT_PREFERRED = 10, 10, 4, 10, 0.1


@dataclass(frozen=True)
class Plot:
    """A plot area in pixels and every marker's centre in it (y grows downwards)."""
    width: float
    height: float
    centres: tuple[tuple[float, float], ...]
    marker_px: float = 10


@dataclass(frozen=True)
class Frame:
    """A plot's axis ranges (data units) and the sizes in pixels the page may draw it at:
    each of ``widths`` wide by each of ``heights`` tall."""
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    marker_px: float = 10

    def views(self, x: list[float], y: list[float]) -> list[Plot]:
        """The markers at (x, y) in data units, in the plot at each size."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return [Plot(width, height, tuple(((a - x0) / (x1 - x0) * width, (y1 - b) / (y1 - y0) * height)
                                          for a, b in zip(x, y)), self.marker_px)
                for width in self.widths for height in self.heights]


def number_box(centre: tuple[float, float], side: str, text: str,
               marker_px: float = 10) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a number drawn at ``side`` of a marker, as Plotly does:
    the text stands off a marker by its radius / 0.8 + 1 px, its baseline 0.75 em below the
    anchor; a glyph box reaches 10/11 em above the baseline and 2/11 em below."""
    x, y = centre
    gap = marker_px / 2 / 0.8 + 1
    vertical = -1 if side.startswith("top") else 1 if side.startswith("bottom") else 0
    baseline = y + 0.75 * FONT_PX + vertical * gap + (vertical - 1) * FONT_PX / 2
    width = DIGIT_PX * len(text)
    left = {"right": x + gap, "left": x - gap - width}.get(side.split()[1], x - width / 2)
    return left, baseline - FONT_PX * 10 / 11, left + width, baseline + FONT_PX * 2 / 11


def crosses(box, start, end) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``box`` (Liang–Barsky)."""
    (x0, y0), (x1, y1) = start, end
    low, high = 0.0, 1.0
    for delta, distance in ((x0 - x1, x0 - box[0]), (x1 - x0, box[2] - x0),
                            (y0 - y1, y0 - box[1]), (y1 - y0, box[3] - y0)):
        if delta == 0:
            if distance < 0:
                return False
            continue
        t = distance / delta
        if delta < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def overlaps(a, b, gap: float = 1.0) -> bool:
    """Whether two (left, top, right, bottom) boxes come closer than ``gap`` px."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def trimmed(start, end, standoff: float):
    """The segment shortened by ``standoff`` px at each end (Plotly's arrow standoffs)."""
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    if length <= 2 * standoff:
        return None
    dx, dy = (x1 - x0) / length * standoff, (y1 - y0) / length * standoff
    return (x0 + dx, y0 + dy), (x1 - dx, y1 - dy)


def _segments(links, views):
    """Each view's trimmed links, each with its bounding box: a link whose box misses a
    number's box cannot cross it, and most miss (a quick test before the exact one)."""
    lines = [[trimmed(view.centres[a], view.centres[b], standoff) for a, b, standoff in links]
             for view in views]
    return [[(line, (min(line[0][0], line[1][0]), min(line[0][1], line[1][1]),
                     max(line[0][0], line[1][0]), max(line[0][1], line[1][1])))
             for line in view_lines if line] for view_lines in lines]


def _trouble(index: int, side: str, sides: list[str], texts: list[str], views: list[Plot],
             segments: list[list]) -> tuple[int, float]:
    """(links crossing, everything in the way) for number ``index`` put at ``side`` while
    the others keep ``sides``: crossing links, covered numbers and markers, a clipped box."""
    crossings, cost = 0, 0.0
    for view, lines in zip(views, segments):
        box = number_box(view.centres[index], side, texts[index], view.marker_px)
        roomy = (box[0] - CLEAR_PX, box[1] - CLEAR_PX, box[2] + CLEAR_PX, box[3] + CLEAR_PX)
        crossed = sum(crosses(roomy, *line) for line, reach in lines
                      if reach[0] <= roomy[2] and roomy[0] <= reach[2]
                      and reach[1] <= roomy[3] and roomy[1] <= reach[3])
        crossings += crossed
        cost += CROSSING * crossed
        cost += CLIPPED * (box[0] < 0 or box[1] < 0 or box[2] > view.width or box[3] > view.height)
        here = view.centres[index]
        radius = view.marker_px / 2 + 1  # the marker's white outline
        for other, centre in enumerate(view.centres):
            # a number and a marker reach 30 px at most from their centres
            if other == index or abs(centre[0] - here[0]) > 60 or abs(centre[1] - here[1]) > 60:
                continue
            cost += COVERED_MARKER * overlaps(box, (centre[0] - radius, centre[1] - radius,
                                                    centre[0] + radius, centre[1] + radius), 0)
            cost += COVERED_NUMBER * overlaps(box, number_box(centre, sides[other], texts[other],
                                                              view.marker_px))
    return crossings, cost


def number_sides(texts: list[str], preferred: list[str], links: list[tuple[int, int, float]],
                 views: list[Plot]) -> list[str]:
    """A side (a Plotly textposition) for each marker's number.

    ``links``: (from, to, standoff px) between marker indices, a line from centre to
    centre less the standoff at each end. Each number in turn takes its cheapest side
    given the others' (the preferred side first on a tie), over a few rounds until none
    moves; the order is fixed, so the result is the same on every build.
    """
    segments = _segments(links, views)
    sides = list(preferred)

    def cost(index: int, side: str) -> float:
        unpreferred = 0 if side == preferred[index] else NOT_PREFERRED * (1 + SIDES.index(side))
        return unpreferred + _trouble(index, side, sides, texts, views, segments)[1]

    for _ in range(4):
        moved = False
        for index in range(len(texts)):
            best = min(SIDES, key=lambda side: cost(index, side))
            moved |= best != sides[index]
            sides[index] = best
        if not moved:
            break
    return sides


def placed_numbers(x: list[float], y: list[float], lane_y: list[float], preferred: list[str],
                   offsets: tuple[float, ...], texts: list[str], links: list[tuple[int, int, float]],
                   frame: Frame) -> tuple[list[float], list[str]]:
    """Markers' heights and their numbers' sides (:func:`number_sides`).

    A number that a link crosses on every side (a crowded decade: the ideas timeline's
    Nos. 12 and 13, under arrows from the 1950s to the 2000s) has its marker tried at the
    lane's other ``offsets`` from ``lane_y``, numbers above for an offset up, below for
    one down; a try is kept when less is in the way over the whole chart.
    """
    def attempt(heights, wanted):
        views = frame.views(x, heights)
        sides = number_sides(texts, wanted, links, views)
        segments = _segments(links, views)
        trouble = [_trouble(i, sides[i], sides, texts, views, segments) for i in range(len(texts))]
        return sides, [t[0] for t in trouble], sum(t[1] for t in trouble)

    y, preferred = list(y), list(preferred)
    sides, crossings, total = attempt(y, preferred)
    for index in range(len(texts)):
        if not crossings[index]:
            continue
        for offset in offsets:
            if lane_y[index] + offset == y[index]:
                continue
            heights, wanted = list(y), list(preferred)
            heights[index] = lane_y[index] + offset
            wanted[index] = "top center" if offset >= 0 else "bottom center"
            tried = attempt(heights, wanted)
            if tried[2] < total:
                y, preferred, (sides, crossings, total) = heights, wanted, tried
    return y, sides
