"""The order the tests are handed out in, so that parallel workers finish together.

pytest-xdist's worksteal scheduler first gives each of the N workers one contiguous N-th of
the collection, by count; a worker that runs dry then steals the back half of the longest
queue, again by count. A test costing two minutes that sits at the back of a queue is
therefore run last, by the worker that holds it, while the others wait for it: the whole
suite then took a minute or two longer than its work needed.

So the collection is laid out as N lanes of equal length, one per worker. The costly units
(the sweep's shards, and the modules whose tests share a build or a browser session) are
spread over the lanes longest first, each to the lane with the least work so far (LPT).
Within a lane come first the tests that need no built site (they run while the site
builds), then its costly units, longest first, then the cheap rest, whose tails the other
workers may steal. Without workers (``-n 0``) the order is simply one valid order.
"""

from __future__ import annotations

import os
from collections import defaultdict

# Seconds a unit took in the benchmark's run of the suite (benchmarks/results.md, the
# 2-core machine, 3 workers). Only the ratios matter. A key naming a test (with "::") is a
# unit of its own; a key naming a module makes the whole module one unit (its tests share a
# costly fixture and stay together); tests matching no key cost DEFAULT_SECONDS each.
COSTS = {
    "tests/test_browser.py::test_every_page_in_both_themes[1280-0]": 120,  # the whole-book page
    "tests/test_browser.py::test_every_page_in_both_themes[390-0]": 140,   # likewise
    "tests/test_browser.py::test_every_page_in_both_themes[": 60,          # any other shard
    "tests/test_site.py": 230,
    "tests/test_serving.py": 110,
    "tests/test_takeaway.py": 75,
    "tests/test_print_pdf.py": 50,
    "tests/test_browser_modelling.py": 50,
    "tests/test_browser_core_origins.py": 40,
    "tests/test_page_chunks.py": 40,
    "tests/test_browser_chart_export.py": 40,
    "tests/test_browser_briefs.py": 35,
    "tests/test_browser_modules.py": 30,
    "tests/test_browser_platform.py": 30,
    "tests/test_browser_classroom.py": 25,
    "tests/test_delegate_kit.py": 20,
}
DEFAULT_SECONDS = 0.1


def _key(nodeid: str) -> tuple[str, float]:
    """The unit ``nodeid`` belongs to and that unit's cost."""
    for prefix in sorted(COSTS, key=len, reverse=True):
        if nodeid.startswith(prefix):
            return (nodeid if "::" in prefix else prefix), COSTS[prefix]
    return nodeid.split("::")[0], DEFAULT_SECONDS


def lanes(items: list, needs_site, workers: int) -> list:
    """``items`` reordered into ``workers`` lanes of equal length (see the module's text)."""
    if workers < 2:
        return sorted(items, key=needs_site)  # stable: the tests needing no site first
    units, costs = defaultdict(list), {}
    for item in items:
        unit, cost = _key(item.nodeid)
        units[unit].append(item)
        costs[unit] = cost if unit in COSTS or "::" in unit else costs.get(unit, 0) + cost
    size, left = [], len(items)
    for lane in range(workers):  # as worksteal splits it: each its share of what is left
        size.append(left // (workers - lane))
        left -= size[-1]
    work, room, placed = [0.0] * workers, size, [[] for _ in range(workers)]
    # Longest first, each to the least loaded lane with room; a unit too long for any
    # lane's room is split over the lanes (only cheap modules are that long).
    for unit in sorted(units, key=lambda u: (-costs[u], u)):
        pending = units[unit]
        while pending:
            lane = min((lane for lane in range(workers) if room[lane]), key=lambda lane: (work[lane], lane))
            taken, pending = pending[:room[lane]], pending[room[lane]:]
            placed[lane].append((costs[unit], taken))
            room[lane] -= len(taken)
            work[lane] += costs[unit] * len(taken) / len(units[unit])
    ordered = []
    for lane in placed:
        tests = [(cost, item) for cost, taken in lane for item in taken]
        ordered += [item for _, item in sorted(tests, key=lambda t: (needs_site(t[1]), -t[0]))]
    return ordered


def worker_count() -> int:
    return int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
