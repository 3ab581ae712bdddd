"""Long pages load without jumping, and a link to a heading far down lands on it (issue 18).

(Blocks with `content-visibility: auto` were tried and withdrawn: axe cannot measure the
contrast of text in a block the browser has skipped, and charts in a skipped block did
not always draw after a jump. src/anchors.js still keeps a linked heading in place while
the page's charts and features settle.)
"""

from __future__ import annotations


CHAPTERS = ["core-logic", "origins", "modelling", "naval-race", "cold-war", "today", "model-un", "questions"]


# --- in a browser ---

_SHIFTS = """(() => {
    window.sdShifts = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => {
        if (!e.hadRecentInput) window.sdShifts.push([e.value, e.sources.map((s) => s.node
            ? s.node.nodeName + ': ' + (s.node.textContent || '').trim().slice(0, 60) : '?')]);
    })).observe({ type: 'layout-shift', buffered: true });
})()"""


def test_chapters_load_on_a_phone_without_layout_shift(browser, served_site):
    from browsing import PageWatch
    for chapter in CHAPTERS:
        watch = PageWatch(browser, served_site, viewport={"width": 412, "height": 823}, is_mobile=True)
        try:
            page = watch.page
            page.add_init_script(_SHIFTS)
            page.goto(f"{served_site}/{chapter}/", wait_until="networkidle")
            page.wait_for_timeout(1500)  # the page features arrive after the first paint
            shifts = page.evaluate("window.sdShifts")
            total = sum(value for value, _ in shifts)
            # Lighthouse's "good" limit is 0.1; the book's own pages should come nowhere near it.
            assert total < 0.02, f"/{chapter}/ shifted by {total:.3f} while loading: {shifts}"
            assert not watch.errors, f"/{chapter}/: {watch.errors}"
        finally:
            watch.close()


def test_a_link_to_a_heading_far_down_lands_on_it(browser, served_site):
    """Blocks above a linked heading are laid out for real (src/anchors.js), so the blocks' estimated
    heights do not push the heading off the screen (it landed 3,000 px away without that)."""
    from browsing import PageWatch
    watch = PageWatch(browser, served_site, viewport={"width": 390, "height": 844})
    try:
        page = watch.page
        for anchor in ("richardson-test", "fits", "spiral-game", "quiz"):
            page.goto(f"{served_site}/modelling/#{anchor}", wait_until="networkidle")
            page.wait_for_timeout(1000)
            top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
            assert 0 <= top < 200, f"/modelling/#{anchor}: the heading is at {top:.0f} px, not at the top"
            page.goto("about:blank")  # the next link is a new page load, not a jump within the page
        assert not watch.errors, watch.errors
    finally:
        watch.close()
