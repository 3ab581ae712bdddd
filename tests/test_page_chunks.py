"""Long pages are cut into blocks the browser renders only near the screen (issue 18, speed).

sdbook/platform/sections.py wraps what lies between two headings, from the first <h2> on,
in <div class="sd-chunk">; book.css gives those `content-visibility: auto` on screens.
Headings must stay outside the blocks: Material's contents sidebar reads every heading's
offsetTop at load, and one inside a skipped block forces that block's layout at each read.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from conftest import ROOT
from sdbook.platform.sections import CHUNK_CLASS, HEADINGS, wrap_chunks
from sdbook.platform.tree import parse, serialize

CHAPTERS = ["core-logic", "origins", "modelling", "naval-race", "cold-war", "today", "model-un", "questions"]


def test_blocks_start_at_the_first_h2_and_leave_headings_outside():
    tree = parse("<h1>T</h1><p>intro</p>\n<h2>A</h2>\n<p>a1</p><figure>f</figure>\n"
                 "<h3>B</h3><p>b1</p><h2>C</h2><p>c1</p>")
    assert wrap_chunks(tree) == 3
    html = serialize(tree)
    assert html.startswith("<h1>T</h1><p>intro</p>\n<h2>A</h2>\n"), html  # the first screen as it was
    chunks = tree.find_all("div", class_=CHUNK_CLASS)
    assert [c.get_text() for c in chunks] == ["a1f\n", "b1", "c1"]
    assert not [h for c in chunks for h in c.find_all(list(HEADINGS))]


def test_a_page_without_h2_is_left_alone():
    tree = parse("<h1>T</h1><p>only</p><h3>x</h3><p>y</p>")
    assert wrap_chunks(tree) == 0


def test_every_chapter_is_in_blocks_with_its_headings_outside(site):
    for chapter in CHAPTERS:
        html = (site / chapter / "index.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").find("article")
        chunks = article.find_all("div", class_=CHUNK_CLASS)
        assert len(chunks) >= 3, f"/{chapter}/: {len(chunks)} blocks"
        inside = [h.get("id") for c in chunks for h in c.find_all(list(HEADINGS))]
        assert not inside, f"/{chapter}/: headings inside a block: {inside}"
        assert not article.find("div", class_=CHUNK_CLASS).find_parent("div", class_=CHUNK_CLASS)


def test_the_blocks_are_deferred_on_screens_only():
    css = (ROOT / "docs" / "assets" / "stylesheets" / "book.css").read_text(encoding="utf-8")
    rule = re.search(r"@media screen \{\s*\.md-typeset \.sd-chunk \{([^}]*)\}", css)
    assert rule, "book.css: no screen-only rule for .sd-chunk"
    assert "content-visibility: auto" in rule.group(1)
    assert "contain-intrinsic-size: auto" in rule.group(1)


# --- in a browser: nothing jumps, and a block renders when the reader gets there ---

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


def test_a_block_far_down_renders_when_scrolled_to(browser, served_site):
    from browsing import PageWatch
    watch = PageWatch(browser, served_site, viewport={"width": 412, "height": 823}, is_mobile=True)
    try:
        page = watch.page
        page.goto(f"{served_site}/modelling/", wait_until="networkidle")
        last = page.locator(f".{CHUNK_CLASS}").last
        # checkVisibility's contentVisibilityAuto option: false inside a block whose contents are skipped
        rendered = "el => el.firstElementChild.checkVisibility({ contentVisibilityAuto: true })"
        assert not last.evaluate(rendered), \
            "the last block of /modelling/ is rendered at load: content-visibility had no effect"
        last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        assert last.evaluate(rendered), "the last block of /modelling/ is still skipped on screen"
        assert last.evaluate("el => el.getBoundingClientRect().height") > 50
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
