"""Chapters 1 and 2 in a real browser: the four-worlds explorable and the charts' buttons.

Uses Debian's /usr/bin/chromium through Playwright and the fixtures of conftest.py,
like tests/test_browser.py. The explorable is changed by mouse and by keyboard, and
what it shows is compared with the chapter's own table; it must also work without
JavaScript, after instant navigation, at 390 px and in both themes.
"""

from __future__ import annotations

import pytest

from sdbook import core_logic, data, origins
from sdbook.style import contrast_ratio
from browsing import PageWatch, _assert_charts_drawn, _rgb, _wait_for_charts  # noqa: F401

CHAPTER = "/core-logic/"
EXPLORABLE = '[data-sd-explorable="four-worlds"]'
PANEL = ".sd-four-worlds__panel"
WORLDS = {  # id: (column value, row value), as the chapter's table declares them
    "jervis-world-1": ("offence", "indistinguishable"),
    "jervis-world-2": ("defence", "indistinguishable"),
    "jervis-world-3": ("offence", "distinguishable"),
    "jervis-world-4": ("defence", "distinguishable"),
}


def _open(browser, served_site, path=CHAPTER, **context):
    watch = PageWatch(browser, served_site, **context)
    watch.page.goto(served_site + path, wait_until="networkidle")
    if path.startswith(CHAPTER) and context.get("java_script_enabled", True):
        # set up on Material's document$, which can fire after the network is idle
        watch.page.wait_for_selector(f"{EXPLORABLE}[data-sd-ready]", state="attached")
    return watch


def _radio(page, label: str):
    return page.locator(EXPLORABLE).get_by_role("radio", name=label, exact=True)


def _cell_text(page, world: str) -> str:
    """The world's prediction as the chapter writes it (the panel must show the same)."""
    return page.locator(f"#{world} p", has_text="Prediction:").first.text_content().strip()


def _state(page) -> dict:
    return page.evaluate(f"""() => {{
        const root = document.querySelector('{EXPLORABLE}');
        const pressed = [...root.querySelectorAll('.sd-four-worlds__pick')]
            .filter(b => b.getAttribute('aria-pressed') === 'true')
            .map(b => b.closest('td').id);
        const radios = [...root.querySelectorAll('input:checked')].map(i => i.value);
        return {{selected: root.dataset.sdSelected, pressed, radios,
                 panel: root.querySelector('{PANEL}').textContent}};
    }}""")


def _assert_shows(page, world: str):
    state = _state(page)
    assert state["selected"] == world and state["pressed"] == [world], state
    assert state["radios"] == list(WORLDS[world]), state
    assert _cell_text(page, world) in " ".join(state["panel"].split()), (world, state["panel"][:200])


def test_explorable_changes_by_mouse(browser, served_site):
    watch = _open(browser, served_site)
    try:
        page = watch.page
        page.locator(EXPLORABLE).scroll_into_view_if_needed()
        _assert_shows(page, "jervis-world-1")  # the chapter's default
        _radio(page, "Defence has the advantage").check()
        _assert_shows(page, "jervis-world-2")
        _radio(page, "Offensive and defensive forces can be told apart").check()
        _assert_shows(page, "jervis-world-4")
        page.locator("#jervis-world-3 .sd-four-worlds__pick").click()
        _assert_shows(page, "jervis-world-3")
        assert page.locator(PANEL).get_attribute("aria-live") == "polite"
        assert not watch.errors, watch.errors
    finally:
        watch.close()


def test_explorable_changes_by_keyboard(browser, served_site):
    watch = _open(browser, served_site)
    try:
        page = watch.page
        first = _radio(page, "Offence has the advantage")
        first.focus()
        page.keyboard.press("ArrowDown")  # within a radio group: next option, selected
        _assert_shows(page, "jervis-world-2")
        page.keyboard.press("Tab")        # to the second question's checked radio
        page.keyboard.press("ArrowDown")
        _assert_shows(page, "jervis-world-4")
        button = page.locator("#jervis-world-1 .sd-four-worlds__pick")
        button.focus()
        page.keyboard.press("Enter")
        _assert_shows(page, "jervis-world-1")
        page.locator("#jervis-world-3 .sd-four-worlds__pick").focus()
        page.keyboard.press("Space")
        _assert_shows(page, "jervis-world-3")
        assert not watch.errors, watch.errors
    finally:
        watch.close()


def test_each_world_has_a_stable_anchor_that_selects_it(browser, served_site):
    for world in WORLDS:
        watch = _open(browser, served_site, path=f"{CHAPTER}#{world}")
        try:
            _assert_shows(watch.page, world)
        finally:
            watch.close()
    watch = _open(browser, served_site)
    try:
        watch.page.evaluate("location.hash = 'jervis-world-4'")
        watch.page.wait_for_function(f"document.querySelector('{EXPLORABLE}').dataset.sdSelected === 'jervis-world-4'")
        _assert_shows(watch.page, "jervis-world-4")
    finally:
        watch.close()


def test_explorable_works_without_javascript(browser, served_site):
    watch = _open(browser, served_site, java_script_enabled=False)
    try:
        page = watch.page
        assert page.locator(f"{EXPLORABLE} input").count() == 0
        for world in WORLDS:
            for kind in ("Prediction:", "Illustration:"):
                assert page.locator(f"#{world} p", has_text=kind).is_visible(), (world, kind)
        # a screen reader gets a real table: headers for both conditions
        assert page.locator(f"{EXPLORABLE} th[scope=col]").count() == 2
        assert page.locator(f"{EXPLORABLE} th[scope=row]").count() == 2
    finally:
        watch.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_explorable_fits_and_is_readable_in_each_theme(browser, served_site, width, scheme):
    """On a phone too: the grid inside its box, the chosen world's panel shown, text readable."""
    watch = _open(browser, served_site, viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = watch.page
        root = page.locator(EXPLORABLE)
        root.scroll_into_view_if_needed()
        assert root.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), "explorable overflows"
        page.locator("#jervis-world-4 .sd-four-worlds__pick").click()
        _assert_shows(page, "jervis-world-4")
        for selector in (PANEL + " p", ".sd-four-worlds__pick[aria-pressed=true]",
                         ".sd-four-worlds__group label"):
            element = page.locator(selector).first
            fg, bg = element.evaluate("""el => {
                let node = el, bg = 'rgba(0, 0, 0, 0)';
                while (node && /rgba\\(.*,\\s*0\\)$|transparent/.test(bg)) {
                    bg = getComputedStyle(node).backgroundColor; node = node.parentElement; }
                return [getComputedStyle(el).color, bg];
            }""")
            background = _rgb(bg)
            ratio = contrast_ratio(_rgb(fg, background), background)
            assert ratio >= 4.5, f"{selector} at {width}px, {scheme}: contrast {ratio:.2f}"
        assert not watch.errors, watch.errors
    finally:
        watch.close()


def test_explorable_survives_instant_navigation(browser, served_site):
    watch = _open(browser, served_site, path="/")
    try:
        page = watch.page
        page.evaluate("window.sdNoReload = true")
        page.locator("a.md-nav__link[href$='core-logic/']").first.click()
        page.wait_for_url(f"**{CHAPTER}")
        page.wait_for_selector(f"{EXPLORABLE}[data-sd-ready]")
        assert page.evaluate("window.sdNoReload === true"), "navigation reloaded the page"
        _radio(page, "Defence has the advantage").check()
        _assert_shows(page, "jervis-world-2")
        assert not watch.errors, watch.errors
    finally:
        watch.close()


def _chart(page, name):
    return page.locator(f'figure[data-sd-name="{name}"]')


def _plotted(page, name):
    return _chart(page, name).locator(".sd-chart__plot").evaluate(
        "el => el.data.map(t => ({name: t.name, y: t.y}))")


@pytest.mark.parametrize("name, measure", [("rivalries-spending", "constant"),
                                           ("rivalries-burden", "share")])
def test_pair_buttons_show_each_pairs_data(browser, served_site, name, measure):
    milex = data.load("rivalry_military_spending")
    watch = _open(browser, served_site)
    try:
        page = watch.page
        _chart(page, name).scroll_into_view_if_needed()
        _wait_for_charts(page)
        for pair, (a, b) in core_logic.PAIRS.items():
            _chart(page, name).get_by_role("button", name=pair).click()
            traces = _plotted(page, name)
            frame = core_logic.pair_frame(milex, pair, measure)
            assert [t["name"] for t in traces[:2]] == [a, b]
            for trace, country in zip(traces, (a, b)):
                expected = [None if v != v else pytest.approx(v) for v in frame[country]]
                assert trace["y"] == expected, (pair, country)
        assert not watch.errors, watch.errors
    finally:
        watch.close()


def test_timeline_button_shows_every_work(browser, served_site):
    works = data.load("security_dilemma_works")
    watch = _open(browser, served_site, path="/origins/")
    try:
        page = watch.page
        _chart(page, "origins-timeline").scroll_into_view_if_needed()
        _wait_for_charts(page)
        _assert_charts_drawn(page, "origins")
        # the works' traces only: the link key is a legend entry with no points
        count = lambda: sum(len([y for y in t["y"] if y is not None])
                            for t in _plotted(page, "origins-timeline"))
        assert count() == int((works["year"] >= origins.MODERN_FROM).sum())
        _chart(page, "origins-timeline").get_by_role("button", name="From Thucydides").click()
        assert count() == len(works)
        assert not watch.errors, watch.errors
    finally:
        watch.close()
