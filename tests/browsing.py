"""What the browser tests share: a watched page, chart waits, colours, the pages to visit.

Playwright drives Debian's /usr/bin/chromium (the `browser` fixture is in conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from conftest import ROOT, site_pages

FEATURE_REGISTRY = ROOT / "docs" / "assets" / "javascripts" / "src" / "features.js"


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


def feature_selectors() -> dict[str, str]:
    """name -> selector of every page feature, read from the registry book.js is built with."""
    text = FEATURE_REGISTRY.read_text(encoding="utf-8")
    entries = re.findall(r'\{ name: "([a-z-]+)", selector: (?:"([^"]*)"|\'([^\']*)\')(?:, print: true)? \}', text)
    found = {name: double or single for name, double, single in entries}
    assert found, f"{FEATURE_REGISTRY}: no feature entries found"
    return found


# Every feature whose markup is on the page has run (core/features.js records each in `ran`).
_FEATURES_RAN = """features => !!window.sdbook && features.every(([name, selector]) =>
    !document.querySelector(selector) || window.sdbook.features.ran.has(name))"""


def open_page(page, url):
    """Go to ``url`` and return once the page has loaded and every feature its markup calls
    for (quizzes, glossary, charts' code…) has been fetched and has set the page up.

    Waiting for this, not for the network to have been quiet for half a second, is what the
    checks need, and it saves that half second on each of the sweep's two hundred visits.
    """
    page.goto(url, wait_until="load")
    wait_for_features(page)


def wait_for_features(page):
    """Until every feature the page's markup calls for has run. The network can fall quiet
    before the features are even asked for (they are fetched after the first paint, which a
    loaded machine delays), so `networkidle` alone does not promise this."""
    page.wait_for_function(_FEATURES_RAN, arg=list(feature_selectors().items()), timeout=60_000)


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
            timeout=60_000)
    return count


PLOTS = ".sd-chart__plot, .sd-explorable__plot"
# Plotly's cloud buttons ("Share chart" uploads the figure to Plotly's servers; "Edit in Chart
# Studio") and, to report them too, any modebar button left on a plot.
_CLOUD = re.compile(r"cloud|chart studio|share", re.I)
_CLOUD_OFFERS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
  const name = (gd.closest('figure, [data-sd-explorable]') || {}).id || gd.getAttribute('aria-label') || '?';
  const found = [];
  if (gd._context.showSendToCloud !== false) found.push(name + ': showSendToCloud is on');
  if (gd._context.showEditInChartStudio !== false) found.push(name + ': showEditInChartStudio is on');
  gd.querySelectorAll('.modebar-btn').forEach(b => found.push(name + ': button ' +
      (b.getAttribute('data-title') || '') + ' ' + (b.getAttribute('data-attr') || '')));
  return found;
})"""


def _draw_every_plot(page, url) -> int:
    """Bring each chart and explorable plot on screen (they draw when near) and wait for it."""
    plots = page.locator(PLOTS)
    for index in range(plots.count()):
        plot = plots.nth(index)
        plot.scroll_into_view_if_needed()
        try:
            plot.evaluate("""el => new Promise((resolve, reject) => {
                const start = Date.now();
                (function wait() {
                  if (el.dataset.sdState === 'drawn' || el.dataset.sdState === 'error') resolve();
                  else if (Date.now() - start > 60000) reject(new Error('not drawn'));
                  else setTimeout(wait, 100);
                })(); })""")
        except Exception as error:  # noqa: BLE001 (name the plot)
            raise AssertionError(f"{url}: plot {index} ({plot.get_attribute('class')}) never drawn: {error}")
    return plots.count()


def _cloud_offers(page, url) -> list[str]:
    """Hover every drawn plot (a modebar shown on hover is then in the page) and report any
    plot whose configuration or buttons offer Plotly's cloud."""
    for plot in page.locator(".js-plotly-plot").all():
        plot.hover()
    return [f"{url} {offer}" for offer in page.evaluate(_CLOUD_OFFERS)
            if _CLOUD.search(offer) or "showSendToCloud" in offer or "ChartStudio" in offer]


def _assert_charts_drawn(page, where):
    states = page.eval_on_selector_all(".sd-chart__plot", "els => els.map(e => e.dataset.sdState)")
    assert all(s == "drawn" for s in states), f"{where}: chart states {states}"
    traces = page.eval_on_selector_all(
        ".sd-chart__plot", "els => els.map(e => e.querySelectorAll('g.trace').length)")
    assert all(n > 0 for n in traces), f"{where}: a chart has no plotted traces ({traces})"


def _page_url(site: Path, served_site: str, page: Path) -> str:
    folder = page.relative_to(site).parent.as_posix()
    return served_site + "/" + ("" if folder == "." else folder + "/")


def _page_urls(site, served_site):
    return [_page_url(site, served_site, p) for p in site_pages(site)]


def _pages_with(site, served_site, marker):
    return [_page_url(site, served_site, p) for p in site_pages(site) if marker in p.read_text("utf-8")]


def _chart_pages(site, served_site):
    return _pages_with(site, served_site, "sd-chart__plot")


# Every drawn link line (annotation arrows, scatter lines) sampled about every 2 screen px;
# a sample inside a text label's box (shrunk by 1 px, so that a line passing alongside is
# fine) is a line drawn through the label. Points outside the line's clip area are not drawn.
# One call per plot: the samples number in the tens of thousands.
_LINES_THROUGH_LABELS = """el => {
  const STEP = 2, SHRINK = 1;
  const shown = n => getComputedStyle(n).display !== 'none' && getComputedStyle(n).visibility !== 'hidden';
  const labels = [...el.querySelectorAll('.textpoint text, .annotation-text')]
    .filter(t => t.textContent.trim() && shown(t))
    .map(t => ({text: t.textContent.trim(), box: t.getBBox(), toLocal: t.getScreenCTM().inverse(),
                crossedBy: new Set()}))
    .filter(l => l.box.width > 2 * SHRINK && l.box.height > 2 * SHRINK);
  // the plot area a line is clipped to, as a test of a screen point
  const clipOf = path => {
    for (let n = path; n && n !== el; n = n.parentElement) {
      const ref = (n.getAttribute('clip-path') || '').match(/#([^)'"]+)/);
      const rect = ref && document.getElementById(ref[1]) && document.getElementById(ref[1]).querySelector('rect');
      if (!rect) continue;
      const m = n.getScreenCTM(), x = +rect.getAttribute('x') || 0, y = +rect.getAttribute('y') || 0;
      const a = new DOMPoint(x, y).matrixTransform(m);
      const b = new DOMPoint(x + +rect.getAttribute('width'), y + +rect.getAttribute('height')).matrixTransform(m);
      return p => p.x >= Math.min(a.x, b.x) && p.x <= Math.max(a.x, b.x)
               && p.y >= Math.min(a.y, b.y) && p.y <= Math.max(a.y, b.y);
    }
    return () => true;
  };
  // an arrow's line and its head are two paths: name both by their annotation
  const kindOf = path => {
    const note = path.closest('.annotation');
    if (note) return 'arrow ' + (+note.dataset.index + 1);
    const trace = path.closest('.trace'), data = trace && trace.__data__;
    const name = data && data[0] && data[0].trace ? data[0].trace.name : '';
    const dashed = getComputedStyle(path).strokeDasharray !== 'none' ? 'dashed ' : '';
    return dashed + 'line' + (name && !/^trace \\d+$/.test(name) ? ' ' + JSON.stringify(name) : '');
  };
  const frame = el.getBoundingClientRect(), hits = [];
  for (const path of el.querySelectorAll('.annotation-arrow-g path, .scatterlayer .js-line')) {
    const total = path.getTotalLength();
    if (!total || !shown(path)) continue;
    const m = path.getScreenCTM(), scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)) || 1;
    const inside = clipOf(path), kind = kindOf(path), steps = Math.ceil(total * scale / STEP);
    for (let i = 0; i <= steps; i++) {
      const screen = path.getPointAtLength(total * i / steps).matrixTransform(m);
      if (!inside(screen)) continue;
      labels.forEach(label => {
        if (label.crossedBy.has(kind)) return;
        const p = screen.matrixTransform(label.toLocal), b = label.box;
        if (p.x > b.x + SHRINK && p.x < b.x + b.width - SHRINK && p.y > b.y + SHRINK && p.y < b.y + b.height - SHRINK) {
          label.crossedBy.add(kind);
          hits.push({label: label.text, kind, x: Math.round(screen.x - frame.x), y: Math.round(screen.y - frame.y)});
        }
      });
    }
  }
  return {name: el.closest('figure') ? el.closest('figure').dataset.sdName : '?', hits};
}"""


def _line_label_problems(page, url) -> list[str]:
    """No arrow or plotted line runs through a chart's text label (a marker's number, an
    annotation): each label crossed by each line is one problem, named by chart and text."""
    problems = []
    plots = page.locator(".sd-chart__plot")
    for index in range(plots.count()):
        found = plots.nth(index).evaluate(_LINES_THROUGH_LABELS)
        problems += [f"{url} {found['name']}: {hit['kind']} runs through label {hit['label']!r} "
                     f"at ({hit['x']}, {hit['y']}) px in the plot" for hit in found["hits"]]
    return problems
