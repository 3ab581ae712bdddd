"""The lesson platform in a real browser: a quiz by keyboard, glossary marks, chart tools, print,
search on demand and explorable scripts.

Uses Debian's /usr/bin/chromium through Playwright, like tests/test_browser.py, which also
answers every quiz, checks chart text at phone width and wide tables on every page.
"""

from __future__ import annotations

import pytest

from browsing import PageWatch, _chart_pages, _pages_with, _wait_for_charts, wait_for_features
from test_browser import _QUESTION_STATE

PHONE = {"width": 390, "height": 844}


# --- quizzes (each quiz is answered wrong then right in tests/test_browser.py) ---

def test_a_quiz_works_from_the_keyboard_alone(browser, site, served_site):
    url = _pages_with(site, served_site, 'data-kind="single"')[0]
    watch = PageWatch(browser, served_site)
    try:
        page = watch.page
        page.goto(url, wait_until="networkidle")
        form = page.locator('.sd-quiz__question[data-kind="single"]').first
        form.locator("input").first.focus()
        correct = [form.locator("input").nth(i).get_attribute("data-correct")
                   for i in range(form.locator("input").count())].index("true")
        for _ in range(correct):
            page.keyboard.press("ArrowDown")            # radio groups move with the arrow keys
        page.keyboard.press("Space")
        page.keyboard.press("Tab")                      # to the Check button
        page.keyboard.press("Enter")
        assert form.evaluate(_QUESTION_STATE)["right"]
    finally:
        watch.close()


# --- glossary ---

def _inside_viewport(page, locator) -> bool:
    box, size = locator.bounding_box(), page.viewport_size
    return box["x"] >= 0 and box["x"] + box["width"] <= size["width"] and box["y"] >= 0 \
        and box["y"] + box["height"] <= size["height"]


def test_a_glossary_mark_shows_its_definition_on_focus_and_on_hover(browser, site, served_site):
    # a page with a focusable first mark and later, unfocusable repetitions
    url = [u for u in _pages_with(site, served_site, 'class="sd-term" tabindex="0"')
           if u in _pages_with(site, served_site, '<abbr class="sd-term" title=')][0]
    watch = PageWatch(browser, served_site)
    try:
        page = watch.page
        page.goto(url, wait_until="networkidle")
        focusable = page.locator("abbr.sd-term[tabindex='0']")
        assert focusable.count() >= 1
        term = focusable.first
        definition = term.get_attribute("title")
        term.scroll_into_view_if_needed()
        page.keyboard.press("Tab")                       # move focus on, then back with the keyboard
        term.focus()
        tip = page.locator("#sd-tip[role=tooltip]")
        tip.wait_for(state="visible", timeout=15_000)
        assert definition in tip.text_content()
        assert term.get_attribute("aria-describedby") == "sd-tip"
        assert term.get_attribute("title") is None       # no second, native tooltip on top
        page.keyboard.press("Escape")                    # dismissable (WCAG 1.4.13)
        tip.wait_for(state="hidden", timeout=5_000)
        term.blur()
        other = page.locator("abbr.sd-term:not([tabindex])").first
        other.scroll_into_view_if_needed()
        other.hover()
        tip.wait_for(state="visible", timeout=15_000)
        assert tip.text_content().strip()
        assert _inside_viewport(page, tip)
        tip.hover()                                      # hoverable: it stays under the pointer
        page.wait_for_timeout(400)
        assert tip.is_visible()
        page.mouse.move(1, 1)
        tip.wait_for(state="hidden", timeout=5_000)
    finally:
        watch.close()


# --- charts on a phone, their tools, and print ---

def test_charts_offer_offline_tools_instead_of_plotlys_toolbar(browser, site, served_site):
    url = _chart_pages(site, served_site)[0]
    watch = PageWatch(browser, served_site, accept_downloads=True)
    try:
        page = watch.page
        page.goto(url, wait_until="networkidle")
        count = _wait_for_charts(page)
        assert page.locator(".sd-chart__plot .modebar").count() == 0, "plotly's toolbar is shown"
        assert page.locator(".sd-chart__tools").count() == count
        figure = page.locator("figure.sd-chart").first
        figure.scroll_into_view_if_needed()
        with page.expect_download() as download:
            figure.get_by_role("button", name="Download image (PNG)").click()
        assert download.value.suggested_filename == figure.get_attribute("data-sd-name") + ".png"
        assert not watch.foreign, watch.foreign
    finally:
        watch.close()


def test_printing_a_page_shows_every_chart(browser, site, served_site):
    """Charts below the fold are not drawn on screen; print must draw them all."""
    url = _chart_pages(site, served_site)[0]
    watch = PageWatch(browser, served_site)
    try:
        page = watch.page
        page.goto(url, wait_until="networkidle")
        states = page.eval_on_selector_all(".sd-chart__plot", "els => els.map(e => e.dataset.sdState || '')")
        assert "drawn" not in states[-1:], "test assumes the last chart is not yet in view"
        page.evaluate("window.sdbook.plotly.load()")    # as after a first chart was seen
        page.wait_for_function("!!window.Plotly")
        page.emulate_media(media="print")
        # Within the print event itself, before the browser lays out the printed page:
        drawn = page.evaluate("""() => {
            window.dispatchEvent(new Event('beforeprint'));
            return [...document.querySelectorAll('.sd-chart__plot')].map(e => !!e.querySelector('svg.main-svg'));
        }""")
        assert all(drawn), f"charts still undrawn when printing starts: {drawn}"
        assert page.locator(".sd-chart__controls").first.is_hidden()
    finally:
        watch.close()


# --- what a first visit downloads ---

def test_the_search_index_is_fetched_only_when_the_reader_searches(browser, served_site):
    for viewport, opener in ((PHONE, "label.md-header__button[for=__search]"),
                             ({"width": 1280, "height": 900}, "input.md-search__input")):
        watch = PageWatch(browser, served_site, viewport=viewport)
        try:
            page = watch.page
            page.goto(served_site + "/naval-race/", wait_until="networkidle")
            page.wait_for_timeout(1000)
            searching = [p for p in watch.local if p.endswith("search_index.json") or "/workers/search." in p]
            assert not searching, f"downloaded before the reader asked to search: {searching}"
            page.locator(opener).click()
            page.keyboard.type("dreadnought", delay=30)
            page.wait_for_selector(".md-search-result__item", timeout=20_000)
            assert [p for p in watch.local if p.endswith("search_index.json")]
            assert [p for p in watch.local if "/workers/search." in p]
            assert not watch.errors, watch.errors
        finally:
            watch.close()


def test_a_search_shortcut_key_fetches_the_index_too(browser, served_site):
    watch = PageWatch(browser, served_site, viewport={"width": 1280, "height": 900})
    try:
        page = watch.page
        page.goto(served_site + "/core-logic/", wait_until="networkidle")
        wait_for_features(page)  # the page fully set up, as a reader sees it before pressing a key
        page.keyboard.press("/")
        # (failed once in 858 tests under a fully loaded machine, cause not recorded: the waits
        # are now as long as the other search test's, and the benchmark keeps failure messages)
        page.wait_for_function("() => document.activeElement.matches('input.md-search__input')",
                               timeout=30_000)
        page.keyboard.type("anarchy", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        assert [p for p in watch.local if p.endswith("search_index.json")]
    finally:
        watch.close()


def _follow_link_instantly(page, href) -> bool:
    """Click a link in the text as a reader would; True if Material swapped the page in place.

    Now and then (about 1 load in 15, before this book's scripts were involved too) Material's
    instant navigation is not yet armed when the network falls idle, and the click reloads.
    """
    page.evaluate("() => { window.sdNoReload = true; }")
    page.evaluate("""href => {
        const link = Object.assign(document.createElement('a'), {href, textContent: 'next'});
        document.querySelector('article').prepend(link);
        link.click();
    }""", href)
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => window.sdNoReload === true")


def test_explorable_scripts_load_only_where_an_explorable_is_and_after_instant_navigation(
        browser, served_site):
    for attempt in range(3):
        watch = PageWatch(browser, served_site, viewport={"width": 1280, "height": 900})
        try:
            page = watch.page
            page.goto(served_site + "/naval-race/", wait_until="networkidle")
            assert not [p for p in watch.local if "/features/explorables" in p], watch.local
            page.wait_for_timeout(500)
            if not _follow_link_instantly(page, "../modelling/"):
                continue
            page.wait_for_function("() => document.querySelector('[data-sd-explorable]')", timeout=20_000)
            for root in page.locator("[data-sd-explorable]").all():  # built, and their plots drawn, when seen
                root.scroll_into_view_if_needed()
                page.wait_for_function("""(el) => el.dataset.sdReady === 'yes' &&
                    [...el.querySelectorAll('.sd-explorable__plot')].every(p => p.dataset.sdState)""",
                    arg=root.element_handle(), timeout=20_000)
            page.wait_for_function("""() => [...document.querySelectorAll('[data-sd-explorable]')]
                .every(el => el.dataset.sdReady === 'yes' && el.querySelector('input'))""", timeout=20_000)
            page.wait_for_function("""() => [...document.querySelectorAll('.sd-explorable__plot')]
                .every(el => el.dataset.sdState === 'drawn')""", timeout=20_000)
            loaded = [p.rsplit("/", 1)[1] for p in watch.local if "/features/explorables" in p]
            assert loaded == ["explorables.js"], loaded
            assert not watch.errors, watch.errors
            return
        finally:
            watch.close()
    pytest.fail("Material reloaded the page at each of three attempts: instant navigation untested")
