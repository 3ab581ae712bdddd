"""The lesson platform in a real browser: quizzes, glossary marks, phone charts, tools, print.

Uses Debian's /usr/bin/chromium through Playwright, like tests/test_browser.py.
"""

from __future__ import annotations

import itertools

import pytest

from sdbook.style import contrast_ratio
from test_browser import (PageWatch, _BACKGROUND_BEHIND_CHART, _chart_pages, _page_url, _rgb,
                          _wait_for_charts, browser)  # noqa: F401  (browser is a fixture)
from conftest import site_pages

PHONE = {"width": 390, "height": 844}


def _pages_with(site, served_site, marker):
    return [_page_url(site, served_site, p) for p in site_pages(site) if marker in p.read_text("utf-8")]


# --- quizzes ---

_QUESTION_STATE = """form => ({
  verdict: form.querySelector('.sd-quiz__feedback strong') ? form.querySelector('.sd-quiz__feedback strong').textContent : '',
  right: form.querySelector('.sd-quiz__feedback').classList.contains('is-right'),
  text: form.querySelector('.sd-quiz__feedback').textContent })"""


def _why(option_item) -> str:
    return option_item.locator(".sd-quiz__why").evaluate("el => el.textContent.replace(/^(Right answer|Not this one)\\. /, '')")


def _answer_wrong_then_right(page, form):
    kind = form.get_attribute("data-kind")
    check = form.locator("button.sd-quiz__check")
    if kind == "numeric":
        wrong = form.locator('.sd-quiz__why[data-role="wrong"]')
        value, role = ("987654321", "other") if not wrong.count() else (wrong.first.get_attribute("data-value"), "wrong")
        form.locator("input").fill(value)
        check.click()
        state = form.evaluate(_QUESTION_STATE)
        expected = form.locator(f'.sd-quiz__why[data-role="{role}"]').first.text_content()
        assert not state["right"] and expected in state["text"], state
        form.locator("input").fill(form.locator('.sd-quiz__why[data-role="right"]').get_attribute("data-value"))
        check.click()
    else:
        items = form.locator("li")
        wrong = [i for i in range(items.count())
                 if items.nth(i).locator("input").get_attribute("data-correct") == "false"][0]
        expected = _why(items.nth(wrong))
        items.nth(wrong).locator("label").click()
        check.click()
        state = form.evaluate(_QUESTION_STATE)
        assert not state["right"] and expected in state["text"], state
        for i in range(items.count()):
            box = items.nth(i).locator("input")
            if (box.get_attribute("data-correct") == "true") != box.is_checked():
                items.nth(i).locator("label").click()
        check.click()
    state = form.evaluate(_QUESTION_STATE)
    assert state["right"] and state["verdict"].startswith("Right"), state
    return state


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_quiz_explains_a_wrong_answer_and_confirms_a_right_one(browser, site, served_site, scheme):
    urls = _pages_with(site, served_site, "data-sd-quiz")
    assert urls, "no page has a quiz"
    for url in urls:
        watch = PageWatch(browser, served_site, color_scheme=scheme, viewport=PHONE)
        try:
            page = watch.page
            page.goto(url, wait_until="networkidle")
            forms = page.locator(".sd-quiz__question")
            for index in range(forms.count()):
                form = forms.nth(index)
                form.scroll_into_view_if_needed()
                _answer_wrong_then_right(page, form)
                verdict = form.locator(".sd-quiz__feedback strong")
                colour = _rgb(verdict.evaluate("el => getComputedStyle(el).color"))
                background = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
                assert contrast_ratio(colour, background) >= 4.5, f"{url} [{scheme}]: verdict contrast"
            score = page.locator(".sd-quiz__score").first.text_content()
            total = page.locator(".sd-quiz").first.locator(".sd-quiz__question").count()
            assert f"{total} of {total}" in score, score
            assert not watch.errors and not watch.foreign, (watch.errors, watch.foreign)
        finally:
            watch.close()


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

# Each text's own box, turned with it (tick labels are often rotated), as four screen points.
_TEXT_BOXES = """el => [...el.querySelectorAll(
    '.xtick text, .ytick text, .gtitle, .g-xtitle text, .g-ytitle text, .legendtext, .textpoint text, .annotation-text')]
  .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none')
  .map(t => { const b = t.getBBox(), m = t.getScreenCTM();
              const corner = (x, y) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; };
              return {text: t.textContent, points: [corner(b.x, b.y), corner(b.x + b.width, b.y),
                      corner(b.x + b.width, b.y + b.height), corner(b.x, b.y + b.height)]}; })"""


def _overlap(a, b, tolerance=1.0):
    """Separating-axis test for two convex quadrilaterals; touching within tolerance is fine."""
    for quad in (a["points"], b["points"]):
        for i in range(4):
            (x1, y1), (x2, y2) = quad[i], quad[(i + 1) % 4]
            axis = (y1 - y2, x2 - x1)
            length = (axis[0] ** 2 + axis[1] ** 2) ** 0.5 or 1.0
            project = lambda points: [(px * axis[0] + py * axis[1]) / length for px, py in points]
            pa, pb = project(a["points"]), project(b["points"])
            if min(max(pa), max(pb)) - max(min(pa), min(pb)) <= tolerance:
                return False
    return True


def test_every_chart_is_legible_at_phone_width(browser, site, served_site):
    """No two pieces of chart text overlap, and none is cut off, at 390 px."""
    problems = []
    for url in _chart_pages(site, served_site):
        watch = PageWatch(browser, served_site, viewport=PHONE)
        try:
            page = watch.page
            page.goto(url, wait_until="networkidle")
            _wait_for_charts(page)
            plots = page.locator(".sd-chart__plot")
            for index in range(plots.count()):
                plot = plots.nth(index)
                name = plot.evaluate("el => el.closest('figure').dataset.sdName")
                frame = plot.bounding_box()
                boxes = plot.evaluate(_TEXT_BOXES)
                for a, b in itertools.combinations(boxes, 2):
                    if _overlap(a, b):
                        problems.append(f"{url} {name}: {a['text']!r} overlaps {b['text']!r}")
                for box in boxes:
                    xs = [x for x, _ in box["points"]]
                    if min(xs) < frame["x"] - 1 or max(xs) > frame["x"] + frame["width"] + 1:
                        problems.append(f"{url} {name}: {box['text']!r} is cut off")
        finally:
            watch.close()
    assert not problems, "\n".join(problems[:20])


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


def test_a_wide_table_on_a_phone_is_a_focusable_scroll_region(browser, site, served_site):
    found = 0
    for url in [u for u in _pages_with(site, served_site, "<table") if "/notebooks/" not in u]:
        watch = PageWatch(browser, served_site, viewport=PHONE)
        try:
            page = watch.page
            page.goto(url, wait_until="networkidle")
            page.wait_for_timeout(300)
            for wrapper in page.locator(".md-typeset__scrollwrap").all():
                if wrapper.evaluate("el => el.scrollWidth > el.clientWidth + 1"):
                    found += 1
                    assert wrapper.get_attribute("tabindex") == "0", url
                    assert (wrapper.get_attribute("aria-label") or "").startswith("Table:"), url
        finally:
            watch.close()
    assert found, "no table overflows at phone width: the test checks nothing"


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
        page.keyboard.press("/")
        page.wait_for_function("() => document.activeElement.matches('input.md-search__input')",
                               timeout=10_000)
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
            page.wait_for_function("""() => [...document.querySelectorAll('[data-sd-explorable]')]
                .every(el => el.dataset.sdReady === 'yes' && el.querySelector('input'))""", timeout=20_000)
            for root in page.locator("[data-sd-explorable]").all():  # plots draw when seen
                root.scroll_into_view_if_needed()
            page.wait_for_function("""() => [...document.querySelectorAll('.sd-explorable__plot')]
                .every(el => el.dataset.sdState === 'drawn')""", timeout=20_000)
            loaded = [p.rsplit("/", 1)[1] for p in watch.local if "/features/explorables" in p]
            assert loaded == ["explorables.js"], loaded
            assert not watch.errors, watch.errors
            return
        finally:
            watch.close()
    pytest.fail("Material reloaded the page at each of three attempts: instant navigation untested")
