"""Maths is typeset by the book's own KaTeX, only where a page has maths, and stays readable.

Chapter: modelling the spiral (Richardson's equations). The site's other pages must not
fetch KaTeX at all; the modelling page must fetch it from the site itself, draw every
formula, and keep MathML for screen readers.
"""

from __future__ import annotations

import pytest

from browsing import PageWatch  # the browser fixture is conftest.py's


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_modelling_maths_is_typeset_offline_with_mathml(browser, served_site, scheme):  # noqa: F811
    watch = PageWatch(browser, served_site, viewport={"width": 390, "height": 844},
                      color_scheme="dark" if scheme == "slate" else "light")
    try:
        page = watch.page
        page.goto(served_site + "/modelling/", wait_until="networkidle")
        formulas = page.locator(".arithmatex")
        count = formulas.count()
        assert count >= 6, f"/modelling/: expected Richardson's equations as maths, found {count} formulas"
        # Each formula is typeset as it nears the screen (features/maths.js): read down the page.
        for index in range(count):
            formulas.nth(index).scroll_into_view_if_needed()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.arithmatex')].every(el => el.querySelector('.katex'))",
            timeout=15_000)
        untypeset = page.evaluate(
            "() => [...document.querySelectorAll('.arithmatex')].filter(el => !el.querySelector('.katex math')"
            " || el.querySelector('.katex-error')).map(el => el.textContent.slice(0, 60))")
        assert not untypeset, f"/modelling/: formulas without MathML or with a KaTeX error: {untypeset}"
        assert not watch.foreign, f"/modelling/ requested other hosts: {watch.foreign}"
        assert not watch.errors, f"/modelling/ console errors: {watch.errors}"
        assert any(path.endswith("/katex.min.js") for path in watch.local), "KaTeX was not fetched"
        font_ok = page.evaluate("() => document.fonts.check('16px KaTeX_Main')")
        assert font_ok, "/modelling/: KaTeX_Main font not loaded from the site"
        # Displayed equations fit a 390-px screen (or scroll inside their own box).
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"/modelling/ at 390 px is {overflow} px wider than the screen"
    finally:
        watch.close()


def test_pages_without_maths_do_not_fetch_katex(browser, served_site):  # noqa: F811
    watch = PageWatch(browser, served_site)
    try:
        for path in ("/", "/cold-war/", "/today/"):
            watch.page.goto(served_site + path, wait_until="networkidle")
            fetched = [p for p in watch.local if "/vendor/katex/" in p]
            assert not fetched, f"{path} has no maths but fetched {fetched}"
    finally:
        watch.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_box_text_is_body_size(browser, served_site, width):  # noqa: F811
    """Fact checks, key terms, learning objectives and "In short" read at the body text's size."""
    watch = PageWatch(browser, served_site, viewport={"width": width, "height": 844})
    try:
        page = watch.page
        page.goto(served_site + "/cold-war/", wait_until="networkidle")
        sizes = page.evaluate("""() => {
          const size = e => parseFloat(getComputedStyle(e).fontSize);
          const body = [...document.querySelectorAll('article.md-typeset > p')].map(size);
          const boxes = [...document.querySelectorAll('article .admonition > p:not(.admonition-title), '
                                                     + 'article details:not([class*="sd-"]) > p')].map(size);
          return {body: Math.max(...body), boxes: boxes};
        }""")
        assert sizes["boxes"], "/cold-war/ has no boxes: the test checks nothing"
        small = [s for s in sizes["boxes"] if s < sizes["body"] - 0.5]
        assert not small, f"/cold-war/ at {width} px: box text {sorted(set(small))} px, body {sizes['body']} px"
    finally:
        watch.close()
