"""The book's browser code: built from ES modules, loaded only where a page uses it.

docs/assets/javascripts/src/ holds the sources; build.py bundles them (a pinned esbuild)
into book.js, which every page loads, and features/<name>.js, which book.js fetches only
on pages with that feature's markup (src/features.js). overrides/main.html links a
feature's stylesheet the same way, and the print-site plugin's stylesheets for paper
only, except on its whole-book page.
"""

from __future__ import annotations

import importlib.util
import re
import shutil

import pytest

from conftest import ROOT, site_pages
from browsing import PageWatch, feature_selectors as _features, wait_for_features  # the browser fixture is conftest.py's
from test_browser_platform import _follow_link_instantly

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
SRC = SCRIPTS / "src"

# Each feature stylesheet and the markup that needs it (kept in overrides/main.html).
FEATURE_CSS = {
    "assets/stylesheets/explorables.css": ('data-sd-explorable="richardson"', 'data-sd-explorable="spiral-game"'),
    "assets/stylesheets/four-worlds.css": ('data-sd-explorable="four-worlds"',),
    "assets/stylesheets/classroom.css": ('class="sd-role-card', 'id="print-site-page"', 'class="sd-reflect',
                                          'data-sd-progress', 'data-sd-quiz'),
}
PRINT_SITE_CSS = ("css/print-site.css", "css/print-site-material.css")
WHOLE_BOOK = 'id="print-site-page"'


def _head_links(html: str) -> list[str]:
    return re.findall(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", html.split("</head>")[0])


def _href(tag: str) -> str:
    return re.search(r'href="([^"]+)"', tag).group(1)


# --- the build ---

def test_rebuilding_the_scripts_from_source_gives_the_committed_files(tmp_path):
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("Node.js and npm are needed to rebuild docs/assets/javascripts/ from src/")
    spec = importlib.util.spec_from_file_location("scripts_build", SRC / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    rebuilt = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in build.build(tmp_path)}
    committed = {p.relative_to(SCRIPTS).as_posix(): p.read_bytes() for p in build.built_files(SCRIPTS)}
    assert sorted(rebuilt) == sorted(committed), (
        f"built files differ from the committed ones: built {sorted(rebuilt)}, committed {sorted(committed)}"
        " (run python3 docs/assets/javascripts/src/build.py and commit)")
    stale = [name for name in rebuilt if rebuilt[name] != committed[name]]
    assert not stale, (f"docs/assets/javascripts/{stale} differ from a build of src/: "
                       "run python3 docs/assets/javascripts/src/build.py and commit the result")


def test_every_feature_in_the_registry_is_built():
    for name in _features():
        assert (SRC / "features" / f"{name}.js").is_file(), f"src/features.js lists {name}, no src/features/{name}.js"
        assert (SCRIPTS / "features" / f"{name}.js").is_file(), f"features/{name}.js not built"


# --- what each page links (the built HTML) ---

def test_a_page_links_only_the_stylesheets_and_scripts_it_uses(site):
    seen = {path: [0, 0] for path in FEATURE_CSS}  # pages with, pages without
    for page in site_pages(site):
        where = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        links = _head_links(html)
        hrefs = [_href(tag) for tag in links]
        for path, markers in FEATURE_CSS.items():
            wanted = any(m in html for m in markers)
            linked = [h for h in hrefs if h.endswith(path)]
            assert len(linked) == (1 if wanted else 0), \
                f"{where}: {path} linked {len(linked)} times, its markup is {'' if wanted else 'not '}there"
            seen[path][0 if wanted else 1] += 1
        assert sum(h.endswith("assets/stylesheets/book.css") for h in hrefs) == 1, where
        scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)
        assert sum(s.endswith("assets/javascripts/book.js") for s in scripts) == 1, where
        assert not [s for s in scripts if "/features/" in s], f"{where}: a feature script is linked, not fetched"
        for css in PRINT_SITE_CSS:
            tag = [t for t in links if _href(t).endswith(css)]
            assert len(tag) == 1, f"{where}: {css} linked {len(tag)} times"
            paper_only = 'media="print"' in tag[0]
            assert paper_only != (WHOLE_BOOK in html), f"{where}: {tag[0]}"
        assert any(s.endswith("js/print-site.js") for s in scripts) == (WHOLE_BOOK in html), where
        # A page printed as a handout (issue 16): its stylesheet for paper only; the whole-book
        # page prints with the print-site plugin's.
        handout = [t for t in links if _href(t).endswith("assets/stylesheets/handout.css")]
        assert len(handout) == (0 if WHOLE_BOOK in html else 1), f"{where}: handout.css linked {len(handout)} times"
        assert all('media="print"' in t for t in handout), f"{where}: {handout}"
    for path, (with_markup, without) in seen.items():
        assert with_markup and without, f"{path}: pages with/without its markup {with_markup}/{without}"


# --- what each page downloads (a real browser) ---

PAGES = ["", "naval-race/", "modelling/", "core-logic/", "glossary/", "classroom/role-cards/",
         "bibliography/", "notebooks/naval_race/", "print_page/"]


def _requested(watch, folder: str) -> set[str]:
    return {p.rsplit("/", 1)[1] for p in watch.local if f"/{folder}/" in p}


def test_pages_download_only_the_feature_scripts_and_styles_they_use(browser, served_site):
    features = _features()
    loaded_somewhere, skipped_somewhere = set(), set()
    for path in PAGES:
        watch = PageWatch(browser, served_site, viewport={"width": 1280, "height": 900})
        try:
            page = watch.page
            page.goto(f"{served_site}/{path}", wait_until="networkidle")
            wait_for_features(page)
            present = {name for name, selector in features.items()
                       if page.evaluate("s => !!document.querySelector(s)", selector)}
            fetched = {name[:-3] for name in _requested(watch, "features")}
            assert fetched == present, f"/{path}: fetched {sorted(fetched)}, page has {sorted(present)}"
            loaded_somewhere |= fetched
            skipped_somewhere |= set(features) - fetched
            html = page.content()
            styles = _requested(watch, "stylesheets")
            for css, markers in FEATURE_CSS.items():
                wanted = any(m in html for m in markers)
                assert (css.rsplit("/", 1)[1] in styles) == wanted, f"/{path}: {css} requested: {not wanted}"
            # Stylesheets for paper do not hold up the first paint.
            timing = page.evaluate("""() => performance.getEntriesByType('resource')
                .filter(e => /\\.css$/.test(e.name)).map(e => [e.name, e.renderBlockingStatus])""")
            blocking = {name.rsplit("/", 1)[1]: status for name, status in timing}
            assert blocking.get("book.css") == "blocking", f"/{path}: {timing}"  # the check works
            if path != "print_page/":
                for css in PRINT_SITE_CSS:
                    assert blocking.get(css.rsplit("/", 1)[1]) == "non-blocking", f"/{path}: {timing}"
                assert "print-site.js" not in _requested(watch, "js"), f"/{path}"
            assert not watch.errors, f"/{path}: {watch.errors}"
        finally:
            watch.close()
    assert loaded_somewhere == set(features), f"never fetched: {set(features) - loaded_somewhere}"
    assert skipped_somewhere == set(features), f"fetched everywhere: {set(features) - skipped_somewhere}"


def test_figure_data_is_parsed_only_after_the_first_paint(browser, served_site):
    watch = PageWatch(browser, served_site, viewport={"width": 1280, "height": 900})
    try:
        page = watch.page
        page.add_init_script("""(() => {
            const parse = JSON.parse;
            window.sdFigureParsedAt = [];
            JSON.parse = function (text) {
                if (typeof text === 'string' && text.includes('"layout"')) window.sdFigureParsedAt.push(performance.now());
                return parse.apply(this, arguments);
            };
        })()""")
        page.goto(f"{served_site}/naval-race/", wait_until="networkidle")
        page.locator(".sd-chart__plot").first.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.sd-chart__plot[data-sd-state=drawn]')",
                               timeout=30_000)
        first_paint, parsed = page.evaluate("""() => [
            performance.getEntriesByName('first-contentful-paint')[0].startTime, window.sdFigureParsedAt]""")
        assert parsed, "no figure JSON was parsed: the test checks nothing"
        assert min(parsed) > first_paint, f"figure JSON parsed at {min(parsed):.0f} ms, first paint {first_paint:.0f} ms"
    finally:
        watch.close()


def test_one_global_and_a_page_left_behind_holds_nothing(browser, served_site):
    for attempt in range(3):
        watch = PageWatch(browser, served_site, viewport={"width": 1280, "height": 900})
        try:
            page = watch.page
            page.goto(f"{served_site}/naval-race/", wait_until="networkidle")
            page.wait_for_function("() => window.sdbook.lazy.queued().length > 0", timeout=20_000)
            globals_ = page.evaluate("() => Object.keys(window).filter(k => /^sd/i.test(k))")
            assert globals_ == ["sdbook"], globals_
            assert page.evaluate("() => Object.isFrozen(window.sdbook)")
            if not _follow_link_instantly(page, "../glossary/"):
                continue
            page.wait_for_timeout(500)
            left_behind = page.evaluate("() => window.sdbook.lazy.queued().filter(el => !el.isConnected).length")
            assert left_behind == 0, f"{left_behind} elements of the page left are still queued"
            assert not watch.errors, watch.errors
            return
        finally:
            watch.close()
    pytest.fail("Material reloaded the page at each of three attempts: instant navigation untested")


def test_the_book_works_opened_from_a_folder(browser, site):
    """file:// (no server): Chromium refuses module scripts there, the built classic scripts run."""
    watch = PageWatch(browser, "file:///", viewport={"width": 1280, "height": 900})
    try:
        page = watch.page
        page.goto((site / "naval-race" / "index.html").as_uri(), wait_until="load")
        page.locator(".sd-chart__plot").first.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.sd-chart__plot').dataset.sdState === 'drawn'",
                               timeout=30_000)
        page.wait_for_function("() => document.querySelector('[data-sd-quiz][data-sd-ready]')", timeout=10_000)
        assert not watch.errors, watch.errors
    finally:
        watch.close()
