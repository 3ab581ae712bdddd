"""A real headless Chromium reads every page as a reader would, in both themes at two widths.

Each page is opened once per width, and everything the book promises about it is checked on
that visit. At 1280 px the page opens in the light theme, at 390 px in the dark one (the
system asking for it, as a phone set to dark mode does: Material paints it dark from the
start, charts drawn dark and never re-coloured). On opening: no console errors, no request
to any other host, every chart drawn with its traces and plotly.js fetched once (never on a
page without charts), no serious or critical axe-core violation. Then what belongs to a
width: chart view buttons from the keyboard, every plot (explorables' too) drawn without
Plotly's cloud buttons ("Share chart" uploads the figure) (1280); wide tables as focusable
scroll regions and every quiz explaining a wrong answer and confirming a right one (390); no
overlapping or cut-off chart text, and no line or arrow drawn through a label (both). Then
the reader switches to the other theme with Material's toggle, and the page is checked
again: axe-core, the contrast of chart text in the dark theme, and that of every quiz
verdict shown.

So every page is checked in both themes at both widths, opened in each theme, and switched
in each direction. The pages are split into shards so that parallel workers share the work;
a failure names the page's address, the width and the theme. A shard's pages at one width
are read one after another in one tab, each opened with empty storage (see _Reader).
"""

from __future__ import annotations

import itertools
import re
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from browsing import (PageWatch, _BACKGROUND_BEHIND_CHART, _assert_charts_drawn,
                      _chart_pages, _cloud_offers, _draw_every_plot, _page_url, _page_urls,
                      _line_label_problems, _pages_with, _rgb, _wait_for_charts, open_page,
                      site_pages)
from sdbook.style import contrast_ratio

pytest.importorskip("playwright.sync_api")

WIDTHS = [1280, 390]
HEIGHT = {1280: 900, 390: 844}
SHARDS = 6
# axe rules whose moderate findings the book caused and must not bring back. Material's own
# navigation also trips landmark-unique: a nested section's <nav> is named by its label, the
# same text as the link above it (theme markup, not the book's), so its nodes are left out.
MODERATE_RULES = {"landmark-unique", "empty-table-header"}
AXE_OPTIONS = {"resultTypes": ["violations"]}
MATERIAL_NAV = re.compile(r'^nav\[aria-labelledby="__nav_[\d_]+_label"\]$')


# --- what a visit checks -------------------------------------------------------

def _check_loading(watch, url, has_charts):
    _assert_charts_drawn(watch.page, url)
    plotly_loads = [p for p in watch.local if "plotly" in p]
    assert len(plotly_loads) == (1 if has_charts else 0), \
        f"{url}: plotly.js requested {len(plotly_loads)} times (charts: {has_charts})"


# axe's rules whose every check can fail only as "minor" or "moderate" (axe's own metadata),
# left out of the moderate rules above: nothing they find could be reported, so they are not
# run (about a seventh of axe's time). Read from the axe-core in use, once per process.
_RULES_BELOW_SERIOUS = """keep => {
  const order = ['minor', 'moderate', 'serious', 'critical'];
  const impact = id => ((axe._audit.data.checks || {})[id] || {}).impact || 'critical';
  return axe._audit.rules.filter(rule => !keep.includes(rule.id)
      && !(rule.impact && order.indexOf(rule.impact) >= 2)
      && [...rule.any, ...rule.all, ...rule.none].every(c => order.indexOf(impact(c.id || c)) < 2))
    .map(rule => rule.id);
}"""
_unreportable: list[str] = []


def _put_axe_in(axe, page):
    """axe-core into the page, once: a second run on the same page finds it there
    (axe_playwright_python's own run would parse its script again each time)."""
    if not page.evaluate("() => !!(window.axe && window.axe.run)"):
        page.evaluate(axe.axe_script)


def _rules_that_cannot_report(axe, page) -> list[str]:
    if not _unreportable:
        _put_axe_in(axe, page)
        _unreportable.extend(page.evaluate(_RULES_BELOW_SERIOUS, sorted(MODERATE_RULES)))
    return _unreportable


def _run_axe(axe, page, options) -> dict:
    """axe-core's results for the page as it is now."""
    _put_axe_in(axe, page)
    return page.evaluate("options => axe.run(document, options)", options)


def _axe_problems(axe, page, where) -> list[str]:
    problems = []
    options = {**AXE_OPTIONS, "rules": {rule: {"enabled": False} for rule in _rules_that_cannot_report(axe, page)}}
    for violation in _run_axe(axe, page, options)["violations"]:
        nodes = violation["nodes"]
        if violation["id"] in MODERATE_RULES and violation["impact"] not in {"serious", "critical"}:
            nodes = [n for n in nodes if not MATERIAL_NAV.match(" ".join(map(str, n["target"])))]
            if not nodes:
                continue
        if violation["impact"] in {"serious", "critical"} or violation["id"] in MODERATE_RULES:
            targets = [" ".join(map(str, n["target"])) for n in nodes[:3]]
            problems.append(f"{where}: {violation['id']} ({violation['impact']}): "
                            f"{violation['help']} at {targets}")
    return problems


def _press_every_chart_view_button(page, url):
    """The fleet chart's laid down / launched / commissioned buttons are real, focusable buttons."""
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
        assert button.get_attribute("aria-pressed") == "true", url
        after = plot.evaluate(state)
        assert after != before, f"{url}: pressing {button.inner_text()!r} changed nothing"


SCHEME = {"light": "default", "dark": "slate"}  # Material's names for them
OTHER = {"light": "dark", "dark": "light"}
TOGGLE = {"dark": "label[for='__palette_1']", "light": "label[for='__palette_0']"}


def _switch_scheme(page, to):
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME[OTHER[to]]
    # Material's theme toggle; on the whole-book page every chart re-colours, which takes a
    # while on a busy machine, hence the longer waits
    page.locator(TOGGLE[to]).first.click(timeout=120_000)
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{SCHEME[to]}'", timeout=120_000)
    # Charts and explorables re-colour synchronously in the switch's mutation observer
    # (core/theme.js, Plotly.relayout); two frames later they are painted.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _check_dark_chart_text(page, url, width):
    background = _rgb(page.evaluate(_BACKGROUND_BEHIND_CHART))
    fills = page.eval_on_selector_all(
        ".sd-chart__plot .xtick text, .sd-chart__plot .ytick text, .sd-chart__plot .gtitle",
        "els => els.map(e => getComputedStyle(e).fill)")
    assert fills, f"{url}: no chart text found"
    worst = min(contrast_ratio(_rgb(f, background), background) for f in fills)
    assert worst >= 4.5, f"{url} at {width}px: chart text contrast {worst:.2f} in dark mode"


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
    # Boxes apart on the screen's axes cannot overlap (the full test would say so too, only slower).
    for axis in (0, 1):
        if max(p[axis] for p in a["points"]) < min(p[axis] for p in b["points"]) \
                or max(p[axis] for p in b["points"]) < min(p[axis] for p in a["points"]):
            return False
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


def _chart_text_problems(page, url) -> list[str]:
    """No two pieces of chart text overlap, and none is cut off."""
    problems = []
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
    problems += _line_label_problems(page, url)  # and no arrow or line runs through a label
    return problems


_OVERFLOWING_TABLES = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => ({tabindex: el.getAttribute('tabindex'), label: el.getAttribute('aria-label') || ''}))"""


def _check_wide_tables(page, url) -> int:
    """A table wider than a phone is a scroll region the keyboard can reach, named as a table."""
    wide = page.evaluate(_OVERFLOWING_TABLES)
    for wrapper in wide:
        assert wrapper["tabindex"] == "0", f"{url}: a wide table cannot be reached by keyboard"
        assert wrapper["label"].startswith("Table:"), f"{url}: a wide table is unnamed {wrapper}"
    return len(wide)


# --- quizzes --------------------------------------------------------------------

# A question's verdict as the reader sees it, with its colour and the page's background.
_QUESTION_STATE = """form => {
  const feedback = form.querySelector('.sd-quiz__feedback'), verdict = feedback.querySelector('strong');
  return { verdict: verdict ? verdict.textContent : '', right: feedback.classList.contains('is-right'),
           text: feedback.textContent, colour: verdict ? getComputedStyle(verdict).color : '',
           background: getComputedStyle(document.body).backgroundColor };
}"""


# Everything the check needs to know about a question, read in one call (one round trip per
# option attribute made a 50-question page take half a minute).
_QUESTION = """form => ({
  kind: form.dataset.kind,
  options: [...form.querySelectorAll('li')].map(item => {
    const box = item.querySelector('input'), why = item.querySelector('.sd-quiz__why');
    return { correct: box.dataset.correct === 'true', checked: box.checked,
             why: why ? why.textContent.replace(/^(Right answer|Not this one)\\. /, '') : '' };
  }),
  whys: Object.fromEntries([...form.querySelectorAll('.sd-quiz__why[data-role]')].reverse()
          .map(why => [why.dataset.role, { value: why.dataset.value, text: why.textContent }])),
})"""


def _click(locator):
    """A reader's click: the mouse pressed at the middle of the element, scrolled into view.

    Playwright's checks before a click (visible, not moving, not covered) cost two animation
    frames each, about half of this check's time; they are skipped because a click that
    lands on anything else leaves the question unanswered, and the verdict read after it
    then fails the check."""
    locator.click(force=True)


def _answer_wrong_then_right(form):
    question = form.evaluate(_QUESTION)
    check = form.locator("button.sd-quiz__check")
    if question["kind"] == "numeric":
        whys = question["whys"]
        value, role = ("987654321", "other") if "wrong" not in whys else (whys["wrong"]["value"], "wrong")
        form.locator("input").fill(value)
        _click(check)
        state = form.evaluate(_QUESTION_STATE)
        assert not state["right"] and whys[role]["text"] in state["text"], state
        form.locator("input").fill(whys["right"]["value"])
        _click(check)
    else:
        items, options = form.locator("li"), question["options"]
        wrong = next(i for i, option in enumerate(options) if not option["correct"])
        _click(items.nth(wrong).locator("label"))  # a reader's click, not a script's
        _click(check)
        state = form.evaluate(_QUESTION_STATE)
        assert not state["right"] and options[wrong]["why"] in state["text"], state
        # tick the right options, then untick any wrong one still ticked (a radio's own click
        # has already cleared it; a checkbox's has not)
        for wanted in (True, False):
            for i, option in enumerate(form.evaluate(_QUESTION)["options"]):
                if option["correct"] == wanted and option["checked"] != wanted:
                    _click(items.nth(i).locator("label"))
        _click(check)
    state = form.evaluate(_QUESTION_STATE)
    assert state["right"] and state["verdict"].startswith("Right"), state
    return state


def _check_verdict_contrast(state, where):
    verdict, background = _rgb(state["colour"]), _rgb(state["background"])
    assert contrast_ratio(verdict, background) >= 4.5, f"{where}: verdict contrast"


def _check_quizzes(page, url, scheme):
    forms = page.locator(".sd-quiz__question")
    for index in range(forms.count()):
        _check_verdict_contrast(_answer_wrong_then_right(forms.nth(index)), f"{url} [{scheme}]")
    score = page.locator(".sd-quiz__score").first.text_content()
    total = page.locator(".sd-quiz").first.locator(".sd-quiz__question").count()
    assert f"{total} of {total}" in score, f"{url}: {score}"


def _check_verdicts_again(page, url, scheme):
    """The verdicts the quiz check left on screen, read again in the other theme."""
    states = page.eval_on_selector_all(".sd-quiz__question", f"forms => forms.map({_QUESTION_STATE})")
    assert states and all(state["right"] for state in states), f"{url}: quizzes not answered before {scheme}"
    for state in states:
        _check_verdict_contrast(state, f"{url} [{scheme}]")


# --- the sweep ------------------------------------------------------------------

class _Reader:
    """One reader's tab at ``width`` px, the system asking for ``scheme``, that visits the
    shard's pages one after another.

    Each page opens with the tab's local and session storage empty, as a new reader's would
    (Material keeps the chosen theme there, the book a reader's progress): a script emptying
    them runs before the page's own, so nothing the last page wrote, even as it unloaded, is
    read. Only the HTTP cache is kept, as a reader's browser keeps it from page to page. A new
    browser context per page made Chromium start a renderer and compile Material's, the
    book's and plotly.js's code again for every visit: about 1.7 CPU-seconds a visit, some
    180 over the sweep's two hundred visits. Requests served from that cache still count
    (plotly.js is counted once per chart page, and a request to another host would show)."""

    def __init__(self, browser, served_site, scheme, width):
        self.scheme, self.width = scheme, width
        self.watch = PageWatch(browser, served_site, color_scheme=scheme,
                               viewport={"width": width, "height": HEIGHT[width]})
        self.watch.context.add_init_script("localStorage.clear(); sessionStorage.clear();")

    @contextmanager
    def opened(self, url):
        """The page open and its charts drawn: yields (page, has_charts). Plotly.js is fetched
        once (never without charts); a console error or a request to another host fails the
        visit."""
        where = f"{url} [{self.scheme} first, {self.width}px]"
        watch = self.watch
        for record in (watch.errors, watch.foreign, watch.local):
            record.clear()
        open_page(watch.page, url)
        has_charts = bool(_wait_for_charts(watch.page))
        _check_loading(watch, where, has_charts)
        yield watch.page, has_charts
        assert not watch.errors, f"{where}: console errors {watch.errors}"
        assert not watch.foreign, f"{where}: requests to other hosts {watch.foreign}"

    def close(self):
        self.watch.close()


FIRST_SCHEME = {1280: "light", 390: "dark"}


def _checks_of_a_scheme(page, url, width, scheme, axe, has_charts) -> list[str]:
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME[scheme], f"{url} [{scheme}]"
    if has_charts and scheme == "dark":
        _check_dark_chart_text(page, url, width)
    return _axe_problems(axe, page, f"{url} [{scheme}, {width}px]")


def _visit(reader, url, axe, site_facts) -> list[str]:
    """Open one page at one width in its first theme, check everything, switch to the other
    theme, check again; return axe and chart-text problems."""
    first, width = reader.scheme, reader.width
    with reader.opened(url) as (page, has_charts):
        problems = _checks_of_a_scheme(page, url, width, first, axe, has_charts)
        if width == 390:
            problems += _chart_text_problems(page, url)
            if url not in site_facts["notebook_pages"]:
                _check_wide_tables(page, url)
            if url in site_facts["quiz_pages"]:
                _check_quizzes(page, url, first)
        else:
            if _draw_every_plot(page, url):  # explorables' plots too
                problems += _cloud_offers(page, url)
            if has_charts:
                problems += _chart_text_problems(page, url)
                _press_every_chart_view_button(page, url)
        second = OTHER[first]
        _switch_scheme(page, second)
        problems += _checks_of_a_scheme(page, url, width, second, axe, has_charts)
        if width == 390 and url in site_facts["quiz_pages"]:
            _check_verdicts_again(page, url, second)
    return problems


def _shards(site, served_site) -> list[list[str]]:
    """The pages in SHARDS groups of about equal weight (bytes of HTML, a fair proxy for the
    time a visit takes): the whole-book page, as heavy as all chapters, gets a shard of its own."""
    shards = [[] for _ in range(SHARDS)]
    weights = [0] * SHARDS
    for page in sorted(site_pages(site), key=lambda p: (-p.stat().st_size, str(p))):
        lightest = weights.index(min(weights))
        shards[lightest].append(_page_url(site, served_site, page))
        weights[lightest] += page.stat().st_size
    return shards


@pytest.fixture(scope="module")
def site_facts(site, served_site):
    return {"notebook_pages": {u for u in _page_urls(site, served_site) if "/notebooks/" in u},
            "quiz_pages": set(_pages_with(site, served_site, "data-sd-quiz"))}


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_in_both_themes(browser, site, served_site, site_facts, width, shard):
    from axe_playwright_python.sync_playwright import Axe

    axe, problems = Axe(), []
    urls = _shards(site, served_site)[shard]
    assert urls, f"shard {shard} has no pages"
    reader = _Reader(browser, served_site, FIRST_SCHEME[width], width)
    try:
        for url in urls:
            problems += _visit(reader, url, axe, site_facts)
    finally:
        reader.close()
    assert not problems, "\n".join(problems[:40])


def test_the_sweep_has_charts_quizzes_and_a_wide_table_to_check(browser, site, served_site):
    """The sweep's checks are not vacuous: charts, quizzes and a phone-wide table exist."""
    assert _chart_pages(site, served_site), "no page has a chart"
    assert _pages_with(site, served_site, "data-sd-quiz"), "no page has a quiz"
    plot_pages = [p for p in site_pages(site) if re.search(
        r'sd-chart__plot|data-sd-explorable="(richardson|spiral-game)"', p.read_text("utf-8"))]
    assert len(plot_pages) >= 8, f"only {len(plot_pages)} pages draw plots: the cloud check checks little"
    plots = sum(len(re.findall(r'class="sd-(?:chart|explorable)__plot', p.read_text("utf-8"))) for p in plot_pages)
    assert plots > 30, f"only {plots} plots in the site: the cloud check checks little"
    watch = PageWatch(browser, served_site, viewport={"width": 390, "height": HEIGHT[390]})
    try:
        watch.page.goto(served_site + "/data-library/", wait_until="networkidle")
        from axe_playwright_python.sync_playwright import Axe
        skipped = _rules_that_cannot_report(Axe(), watch.page)
        assert "region" in skipped and "heading-order" in skipped, f"rules left out of axe runs: {skipped}"
        assert not {"color-contrast", "target-size", "landmark-unique", "empty-table-header"} & set(skipped), \
            f"axe runs would leave out rules that can report: {skipped}"
        # the book's table script names the regions once it has run (on a busy machine that
        # can come after the network is idle); a script that never runs fails this wait
        watch.page.wait_for_selector(".md-typeset__scrollwrap[role=region]", state="attached")
        assert _check_wide_tables(watch.page, "/data-library/"), \
            "no table overflows at phone width on the data library: the table check checks nothing"
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
