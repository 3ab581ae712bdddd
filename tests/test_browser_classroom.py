"""The Model UN chapter and the classroom kit in a real browser (Debian's chromium).

The book-wide browser tests (tests/test_browser.py) already open every page, draw its
charts and run axe on it; these add what is particular to the new pages: the site's
search finds the Model UN chapter for "disarmament" and "NPT", and the whole-book page
offers a print button that draws every chart first.
"""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")


@pytest.mark.parametrize("query", ["disarmament", "NPT"])
def test_site_search_finds_the_model_un_chapter(browser, served_site, query):
    page = browser.new_page()
    try:
        page.goto(served_site + "/", wait_until="networkidle")
        search = page.locator("input.md-search__input")  # visible in the header at desktop width
        search.click()
        search.press_sequentially(query, delay=30)  # Material reacts to key events
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        links = page.eval_on_selector_all(".md-search-result__item a",
                                          "els => els.map(a => a.getAttribute('href'))")
        assert any("model-un/" in href for href in links), f"{query!r} found {links}"
    finally:
        page.close()


def test_print_page_button_draws_every_chart_then_prints(browser, served_site):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(served_site + "/print_page/", wait_until="load")
        # the button comes with the page's print-book script, fetched after book.js has run
        page.wait_for_function("() => window.sdbook && document.querySelector('button.sd-print-button')",
                               timeout=60_000)
        # No dialogue in a test. (An expression that evaluates to a function would be called.)
        page.evaluate("() => { window.print = () => { window.sdPrinted = true; }; }")
        assert page.evaluate("window.sdPrinted") is None
        # Nothing has been scrolled into view, so charts further down are not drawn yet.
        charts = page.locator(".sd-chart__plot").count()
        assert charts > 0
        button = page.locator("button.sd-print-button")
        assert button.count() == 1 and button.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.sdPrinted === true", timeout=120_000)
        states = page.eval_on_selector_all(".sd-chart__plot", "els => els.map(e => e.dataset.sdState)")
        assert states == ["drawn"] * charts, states
        assert page.locator("img.sd-chart__print-image").count() == charts
        assert not errors, errors
    finally:
        page.close()
