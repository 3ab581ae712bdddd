"""Measure what a reader downloads and how long the book takes to build.

    python3 book.py bench      (or .venv/bin/python benchmarks/run.py)

Writes benchmarks/results.json and benchmarks/results.md. Numbers vary with the
machine; budgets are checked here and reported, never asserted in unit tests.

- Build time: a cold build (fresh site dir, first run of this process) and a
  warm one (same again straight after). mkdocs-jupyter's cache is off, so both
  execute every notebook.
- Transfer size per page, gzip level 6 as a static host serves it: the HTML plus
  every script and stylesheet it loads, plus plotly.js on pages with a chart
  (charts.js loads it when a chart scrolls into view). "First visit" counts all of
  it; "later visit" counts only what is not shared and already cached.
- The plain way, for comparison: the same naval notebook built by mkdocs-jupyter
  with plotly's "notebook" renderer (plotly.js inlined), measured the same way.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
PLOTLY_BUNDLE = "assets/vendor/plotly-basic-4.1.1.min.js"
NAVAL_PAGE = "notebooks/naval_race/index.html"
BUDGET_FIRST, BUDGET_LATER = 0.30, 0.05


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("href"):
            self.urls.append(attrs["href"])


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> dict:
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    assets = []
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.netloc:
            raise SystemExit(f"{page}: loads {url} from another host")
        assets.append((page.parent / parts.path).resolve())
    if "sd-chart__plot" in page.read_text(encoding="utf-8"):
        assets.append(site / PLOTLY_BUNDLE)
    html = gz(page)
    shared = sum(gz(a) for a in assets)
    return {"html_gz": html, "assets_gz": shared, "first_visit_gz": html + shared,
            "later_visit_gz": html, "html_raw": page.stat().st_size,
            "charts": page.read_text(encoding="utf-8").count('class="sd-chart__plot"')}


def timed_build(config: Path, site: Path, env: dict | None = None) -> float:
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                    "-d", str(site)], cwd=config.parent, check=True,
                   env={**os.environ, **(env or {})}, capture_output=True)
    return time.perf_counter() - start


def plain_project() -> Path:
    """The naval notebook, shown with plotly's 'notebook' renderer, in a stock mkdocs-jupyter site."""
    project = WORK / "plain"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    notebook = nbformat.read(ROOT / "notebooks" / "naval_race.ipynb", as_version=4)
    plain_cells = []
    for cell in notebook.cells:
        if cell.cell_type == "code" and "Chart(" in cell.source:
            call = re.search(r"Chart\((charts\.fig_\w+\(\w+\))", cell.source).group(1)
            cell = nbformat.v4.new_code_cell(f"{call}.show()")
        plain_cells.append(cell)
    plain_cells.insert(1, nbformat.v4.new_code_cell(
        'import plotly.io as pio\npio.renderers.default = "notebook"'))
    notebook.cells = plain_cells
    nbformat.write(notebook, project / "docs" / "naval_race.ipynb")
    (project / "docs" / "index.md").write_text("# Plain\n", encoding="utf-8")
    config = {"site_name": "plain", "theme": {"name": "material", "font": False},
              "plugins": [{"mkdocs-jupyter": {"execute": True, "allow_errors": False,
                                              "cache": False}}],
              "nav": ["index.md", "naval_race.ipynb"]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return project / "mkdocs.yml"


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    site = WORK / "site"
    cold = timed_build(ROOT / "mkdocs.yml", site)
    warm = timed_build(ROOT / "mkdocs.yml", site)
    pages = {str(p.relative_to(site)): page_weight(site, p)
             for p in sorted(site.rglob("index.html"))}
    plain_site = WORK / "plain-site"
    plain_time = timed_build(plain_project(), plain_site)
    plain = page_weight(plain_site, plain_site / "naval_race" / "index.html")
    chart_pages = {k: v for k, v in pages.items() if v["charts"]}
    first = max(v["first_visit_gz"] for v in chart_pages.values())
    later = max(v["later_visit_gz"] for v in chart_pages.values())
    results = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "build_seconds": {"cold": round(cold, 1), "warm": round(warm, 1),
                          "plain_naval_only": round(plain_time, 1)},
        "pages": pages,
        "plain_way_naval_page": plain,
        "budget": {
            "first_chart_page_vs_plain": round(first / plain["first_visit_gz"], 4),
            "first_chart_page_limit": BUDGET_FIRST,
            "later_chart_page_vs_plain": round(later / plain["first_visit_gz"], 4),
            "later_chart_page_limit": BUDGET_LATER,
        },
    }
    results["budget"]["met"] = (results["budget"]["first_chart_page_vs_plain"] <= BUDGET_FIRST
                                and results["budget"]["later_chart_page_vs_plain"] <= BUDGET_LATER)
    out = ROOT / "benchmarks"
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(report(results), encoding="utf-8")
    print(report(results))
    if not results["budget"]["met"]:
        sys.exit("page-weight budget not met (see benchmarks/results.md)")


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def report(r: dict) -> str:
    b = r["budget"]
    lines = [
        "# Benchmark results", "",
        f"Measured {r['measured_at']} on {r['machine']} by `benchmarks/run.py`.",
        "Sizes are gzip level 6, as a static host serves them.", "",
        "## Build time", "",
        "| build | seconds |", "|---|---|",
        f"| cold (fresh site directory) | {r['build_seconds']['cold']} |",
        f"| warm (again, straight after) | {r['build_seconds']['warm']} |",
        f"| plain mkdocs-jupyter, naval notebook only | {r['build_seconds']['plain_naval_only']} |",
        "", "## Transfer size per page", "",
        "| page | charts | HTML | JS + CSS loaded (incl. plotly.js on chart pages) | first visit | later visit |",
        "|---|---|---|---|---|---|"]
    for name, p in r["pages"].items():
        lines.append(f"| `{name}` | {p['charts']} | {kb(p['html_gz'])} | {kb(p['assets_gz'])} | "
                     f"{kb(p['first_visit_gz'])} | {kb(p['later_visit_gz'])} |")
    p = r["plain_way_naval_page"]
    lines.append(f"| *plain way:* naval notebook, plotly.js inlined | {p['charts'] or 3} | "
                 f"{kb(p['html_gz'])} | {kb(p['assets_gz'])} | {kb(p['first_visit_gz'])} | "
                 f"{kb(p['html_gz'])} |")
    lines += ["", "## Budget", "",
              "| measure | ratio to the plain way | limit | met |", "|---|---|---|---|",
              f"| a reader's first chart page | {b['first_chart_page_vs_plain']:.1%} | "
              f"{b['first_chart_page_limit']:.0%} | {'yes' if b['first_chart_page_vs_plain'] <= b['first_chart_page_limit'] else 'NO'} |",
              f"| every further chart page (shared assets cached) | {b['later_chart_page_vs_plain']:.1%} | "
              f"{b['later_chart_page_limit']:.0%} | {'yes' if b['later_chart_page_vs_plain'] <= b['later_chart_page_limit'] else 'NO'} |",
              ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
