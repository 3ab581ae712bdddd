"""A real headless Chromium reads every page as a reader would.

Playwright drives Debian's /usr/bin/chromium (never a downloaded browser). For
each built page: no console errors, no request to any other host, every chart
drawn with its traces, and chart text still readable after switching to dark mode.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import site_pages
from sdbook.style import contrast_ratio

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "Chromium is missing: run `python3 book.py test`, which installs it"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


class PageWatch:
    """Opens a page and records console errors and requests that leave 127.0.0.1."""

    def __init__(self, browser, base_url, **context_args):
        self.base = urlsplit(base_url).netloc
        self.context = browser.new_context(**context_args)
        self.page = self.context.new_page()
        self.errors, self.foreign, self.local = [], [], []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != self.base:
            self.foreign.append(request.url)
        else:
            self.local.append(parts.path)

    def close(self):
        self.context.close()


def _rgb(css: str, over: str = "#ffffff") -> str:
    """A CSS rgb()/rgba() colour as hex, blended over ``over`` when translucent."""
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    alpha = values[3] if len(values) > 3 else 1.0
    base = [int(over[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [alpha * v + (1 - alpha) * b for v, b in zip(values[:3], base)]
    return "#" + "".join(f"{round(v):02x}" for v in mixed)


# The first opaque background found walking up from the chart: what the reader sees behind it.
_BACKGROUND_BEHIND_CHART = """() => {
  for (let el = document.querySelector('.sd-chart__plot'); el; el = el.parentElement) {
    const colour = getComputedStyle(el).backgroundColor;
    if (colour && !/rgba\\(.*,\\s*0\\)$/.test(colour) && colour !== 'transparent') return colour;
  }
  return getComputedStyle(document.documentElement).backgroundColor;
}"""


def _wait_for_charts(page) -> int:
    """Scroll through the page (charts draw when they come into view); return the chart count."""
    count = page.locator(".sd-chart__plot").count()
    for index in range(count):
        page.locator(".sd-chart__plot").nth(index).scroll_into_view_if_needed()
    if count:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.sd-chart__plot')]"
            ".every(el => el.dataset.sdState === 'drawn' || el.dataset.sdState === 'error')",
            timeout=30_000)
    return count


def _assert_charts_drawn(page, where):
    states = page.eval_on_selector_all(".sd-chart__plot", "els => els.map(e => e.dataset.sdState)")
    assert all(s == "drawn" for s in states), f"{where}: chart states {states}"
    traces = page.eval_on_selector_all(
        ".sd-chart__plot", "els => els.map(e => e.querySelectorAll('g.trace').length)")
    assert all(n > 0 for n in traces), f"{where}: a chart has no plotted traces ({traces})"


def _page_url(site, served_site, page):
    folder = page.relative_to(site).parent.as_posix()
    return served_site + "/" + ("" if folder == "." else folder + "/")


def _page_urls(site, served_site):
    return [_page_url(site, served_site, p) for p in site_pages(site)]


def test_every_page_is_clean_offline_and_draws_its_charts(browser, site, served_site):
    charted = 0
    for url in _page_urls(site, served_site):
        watch = PageWatch(browser, served_site)
        try:
            watch.page.goto(url, wait_until="networkidle")
            has_charts = bool(_wait_for_charts(watch.page))
            charted += has_charts
            _assert_charts_drawn(watch.page, url)
            plotly_loads = [p for p in watch.local if "plotly" in p]
            assert len(plotly_loads) == (1 if has_charts else 0), \
                f"{url}: plotly.js requested {len(plotly_loads)} times (charts: {has_charts})"
            assert not watch.errors, f"{url}: console errors {watch.errors}"
            assert not watch.foreign, f"{url}: requests to other hosts {watch.foreign}"
        finally:
            watch.close()
    assert charted, "no page drew a chart"


def _chart_pages(site, served_site):
    return [_page_url(site, served_site, p) for p in site_pages(site)
            if "sd-chart__plot" in p.read_text("utf-8")]


@pytest.mark.parametrize("width", [1280, 390])
def test_chart_text_is_readable_in_dark_mode(browser, site, served_site, width):
    for url in _chart_pages(site, served_site):
        watch = PageWatch(browser, served_site, viewport={"width": width, "height": 900},
                          color_scheme="light")
        try:
            page = watch.page
            page.goto(url, wait_until="networkidle")
            _wait_for_charts(page)
            assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
            page.locator("label[for='__palette_1']").first.click()  # Material's theme toggle
            page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
            page.wait_for_timeout(300)
            background = _rgb(page.evaluate(_BACKGROUND_BEHIND_CHART))
            fills = page.eval_on_selector_all(
                ".sd-chart__plot .xtick text, .sd-chart__plot .ytick text, .sd-chart__plot .gtitle",
                "els => els.map(e => getComputedStyle(e).fill)")
            assert fills, f"{url}: no chart text found"
            worst = min(contrast_ratio(_rgb(f, background), background) for f in fills)
            assert worst >= 4.5, f"{url} at {width}px: chart text contrast {worst:.2f} in dark mode"
            assert not watch.errors, f"{url}: console errors {watch.errors}"
        finally:
            watch.close()


def test_chart_view_buttons_work_from_the_keyboard(browser, site, served_site):
    """The fleet chart's laid down / launched / commissioned buttons are real, focusable buttons."""
    for url in _chart_pages(site, served_site):
        watch = PageWatch(browser, served_site)
        try:
            page = watch.page
            page.goto(url, wait_until="networkidle")
            _wait_for_charts(page)
            menus = page.locator(".sd-chart__menu")
            for index in range(menus.count()):
                # press a view that is not already shown; a view may change the data
                # (series, visibility) or only the layout (a log axis, a title)
                button = menus.nth(index).locator('button[aria-pressed="false"]').first.element_handle()
                plot = menus.nth(index).locator("xpath=preceding-sibling::div[1]")
                state = ("el => JSON.stringify([el.data.map(t => [t.y, t.visible]), "
                         "el.layout.yaxis.type, el.layout.title.text])")
                before = plot.evaluate(state)
                button.focus()
                page.keyboard.press("Enter")
                assert button.get_attribute("aria-pressed") == "true"
                after = plot.evaluate(state)
                assert after != before, f"{url}: pressing {button.inner_text()!r} changed nothing"
            assert not watch.errors, watch.errors
        finally:
            watch.close()


def test_charts_survive_instant_navigation(browser, site, served_site):
    """Material swaps pages without a reload; charts must draw on the page navigated to."""
    chart_pages = _chart_pages(site, served_site)
    watch = PageWatch(browser, served_site)
    try:
        page = watch.page
        page.goto(served_site + "/", wait_until="networkidle")
        target = urlsplit(chart_pages[0]).path
        page.evaluate("window.sdNoReload = true")  # survives only if the page is not reloaded
        page.locator(f"a.md-nav__link[href$='{target.rstrip('/').split('/')[-1]}/']").first.click()
        page.wait_for_url(f"**{target}")
        page.wait_for_selector(".sd-chart__plot")
        assert page.evaluate("window.sdNoReload === true"), "navigation reloaded the page"
        assert _wait_for_charts(page)
        _assert_charts_drawn(page, "after instant navigation")
        # and back again: scripts in swapped-in pages run on every visit
        page.locator("a.md-nav__link[href$='/']").first.click()
        page.wait_for_url(f"**{urlsplit(served_site).path}/")
        page.locator(f"a.md-nav__link[href$='{target.rstrip('/').split('/')[-1]}/']").first.click()
        page.wait_for_url(f"**{target}")
        page.wait_for_selector(".sd-chart__plot")
        assert page.evaluate("window.sdNoReload === true"), "navigation reloaded the page"
        assert _wait_for_charts(page)
        _assert_charts_drawn(page, "after navigating away and back")
        assert not watch.errors, watch.errors
    finally:
        watch.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, site, served_site, scheme, width):
    """axe-core (bundled by axe-playwright-python) on every page, charts drawn, both themes,
    desktop and phone width (where wide tables scroll)."""
    from axe_playwright_python.sync_playwright import Axe

    axe, problems = Axe(), []
    for url in _page_urls(site, served_site):
        watch = PageWatch(browser, served_site, color_scheme=scheme,
                          viewport={"width": width, "height": 900})
        try:
            watch.page.goto(url, wait_until="networkidle")
            _wait_for_charts(watch.page)
            for violation in axe.run(watch.page).response["violations"]:
                if violation["impact"] in {"serious", "critical"}:
                    targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
                    problems.append(f"{url} [{scheme}, {width}px]: {violation['id']} ({violation['impact']}): "
                                    f"{violation['help']} at {targets}")
        finally:
            watch.close()
    assert not problems, "\n".join(problems)
