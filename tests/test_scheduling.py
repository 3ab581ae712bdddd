"""The order the tests are handed to parallel workers in (scheduling.py)."""

from __future__ import annotations

from dataclasses import dataclass

import scheduling


@dataclass(frozen=True)
class _Item:
    nodeid: str


SWEEP = "tests/test_browser.py::test_every_page_in_both_themes"


def _collection() -> list[_Item]:
    cheap = [_Item(f"tests/test_data.py::test_{n}") for n in range(40)]
    shards = [_Item(f"{SWEEP}[{width}-{shard}]") for width in (1280, 390) for shard in range(6)]
    site = [_Item(f"tests/test_site.py::test_{n}") for n in range(20)]
    serving = [_Item(f"tests/test_serving.py::test_{n}") for n in range(6)]
    return cheap + shards + site + serving + [_Item("tests/test_takeaway.py::test_run")]


def _needs_site(item) -> bool:
    return not item.nodeid.startswith("tests/test_data.py")


def _split(ordered: list, workers: int) -> list[list]:
    """The collection cut as worksteal first hands it out."""
    lanes, left = [], list(ordered)
    for lane in range(workers):
        size = len(left) // (workers - lane)
        lanes.append(left[:size])
        left = left[size:]
    return lanes


def _cost(lane) -> float:
    units = {scheduling._key(item.nodeid) for item in lane}
    return sum(cost for _, cost in units)


def test_the_lanes_hold_every_test_once():
    items = _collection()
    ordered = scheduling.lanes(items, _needs_site, 3)
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in items)


def test_the_costly_units_are_spread_and_come_first_after_the_tests_needing_no_site():
    lanes = _split(scheduling.lanes(_collection(), _needs_site, 3), 3)
    # the two whole-book shards (the longest units) are in different lanes
    whole_book = [n for n, lane in enumerate(lanes) for item in lane if item.nodeid.endswith("-0]")]
    assert len(set(whole_book)) == 2, whole_book
    costs = [_cost(lane) for lane in lanes]
    assert max(costs) - min(costs) <= 60, costs  # no lane more than one shard behind another
    for lane in lanes:
        flags = [_needs_site(item) for item in lane]
        assert flags == sorted(flags), "a test needing no site comes after one needing it"
        site_costs = [scheduling._key(item.nodeid)[1] for item in lane if _needs_site(item)]
        assert site_costs[0] == max(site_costs), "a lane does not start with its costliest unit"


def test_a_module_sharing_a_costly_fixture_stays_in_one_lane():
    lanes = _split(scheduling.lanes(_collection(), _needs_site, 3), 3)
    holding = {n for n, lane in enumerate(lanes) for item in lane if "test_serving" in item.nodeid}
    assert len(holding) == 1, holding


def test_without_workers_the_tests_needing_no_site_simply_come_first():
    items = _collection()
    ordered = scheduling.lanes(items, _needs_site, 1)
    assert ordered[:40] == items[:40] and ordered[40:] == items[40:]
