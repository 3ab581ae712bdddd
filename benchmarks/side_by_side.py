"""Each chapter against the same Markdown built with plain mkdocs-material, side by side.

The plain build keeps the chapters' text and nothing of the book's machinery: no hooks,
no charts, no notebooks, no plugins but Material's search, the book's own theme settings
(palette, no web fonts) and Markdown extensions. Lines holding the book's directives
(`::: chart name`, `::: key-terms ...`) are removed; everything else stays as written.
Both sites are served the same way (gzip, 127.0.0.1) and each chapter is measured with
Lighthouse's default mobile settings (pinned lighthouse, /usr/bin/chromium), the book's
page and the plain page one after the other, so both see the same machine load.

    .venv/bin/python benchmarks/side_by_side.py                    # every chapter, 3 runs each
    .venv/bin/python benchmarks/side_by_side.py --pages modelling/ --runs 1

Builds the book into benchmarks/.work/site unless --site names a built one. Writes the
table into benchmarks/results.md between its side-by-side markers (appended the first
time) and the raw numbers to benchmarks/.work/side_by_side.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load

import lighthouse

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
RESULTS = ROOT / "benchmarks" / "results.md"
CHAPTERS = ["core-logic/", "origins/", "modelling/", "naval-race/", "cold-war/", "today/",
            "model-un/", "questions/"]
GOAL_GAP, GOAL_SCORE = 3, 95  # issue 18: within 3 points of plain Material, and at least 95
BEGIN, END = "<!-- side-by-side: begin -->", "<!-- side-by-side: end -->"
_DIRECTIVE = re.compile(r"^\s*::: ")
# Markdown extensions of the book that plain Material can load (the rest are the book's own).
_THEME_KEYS = ("name", "language", "font", "palette", "features")


def plain_project(out: Path) -> Path:
    """A copy of docs/*.md without directives, and an mkdocs.yml with Material and search only."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    for source in (ROOT / "docs").rglob("*.md"):
        target = docs / source.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        target.write_text("".join(line for line in lines if not _DIRECTIVE.match(line)), encoding="utf-8")
    plain = {
        "site_name": config["site_name"],
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {key: config["theme"][key] for key in _THEME_KEYS if key in config["theme"]},
        "markdown_extensions": config["markdown_extensions"],
        "plugins": ["search"],
        "nav": _markdown_nav(config["nav"]),
        "validation": {"omitted_files": "ignore", "links": {"not_found": "ignore", "anchors": "ignore",
                                                             "unrecognized_links": "ignore"}},
    }
    (out / "mkdocs.yml").write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out / "mkdocs.yml"


def _markdown_nav(nav):
    """The book's navigation without the notebook pages (plain Material does not render them)."""
    kept = []
    for item in nav:
        if isinstance(item, str):
            kept.append(item) if item.endswith(".md") else None
        else:
            (title, value), = item.items()
            if isinstance(value, list):
                kept.append({title: _markdown_nav(value)})
            elif value.endswith(".md"):
                kept.append(item)
    return kept


def build(config: Path, site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config),
                             "-d", str(site)], cwd=config.parent, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"building {config} failed:\n{result.stderr[-4000:]}")


def measure(book: Path, plain: Path, pages: list[str], runs: int) -> dict:
    lighthouse.RUNS = runs
    results = {}
    for page in pages:  # one page at a time, the book's then the plain one, so both share the load
        pair = {}
        for name, site in (("book", book), ("plain", plain)):
            scores = lighthouse.scores(site, [page], WORK, chrome_flags="",
                                       multiplier=lighthouse.DEFAULT_MULTIPLIER)
            pair[name] = scores.get(page, scores)  # {"not_measured": why} without Node.js
        results[page] = pair
    return results


def table(results: dict, runs: int) -> str:
    rows = [BEGIN, "## Side by side: each chapter against plain mkdocs-material on the same Markdown", "",
            f"Lighthouse {lighthouse.LIGHTHOUSE.split('@')[1]}, default mobile settings (4x CPU slowdown, "
            f"simulated slow 4G, paint holding on), median of {runs} run(s) per page, book and plain page "
            "measured one after the other (`benchmarks/side_by_side.py`). Goal (issue 18): the book within "
            f"{GOAL_GAP} points of plain Material and at least {GOAL_SCORE}.", "",
            "| chapter | book perf | plain perf | gap | book FCP / LCP / TBT | plain FCP / LCP / TBT | goal |",
            "|---|---|---|---|---|---|---|"]
    for page, pair in results.items():
        book, plain = pair["book"], pair["plain"]
        gap = plain["performance"] - book["performance"]
        met = gap <= GOAL_GAP and book["performance"] >= GOAL_SCORE

        def metrics(r):
            return " / ".join(r[m] for m in ("first-contentful-paint", "largest-contentful-paint",
                                             "total-blocking-time"))
        rows.append(f"| {page} | {book['performance']} | {plain['performance']} | {gap:+d} | {metrics(book)} "
                    f"| {metrics(plain)} | {'met' if met else 'not met'} |")
    rows.append(END)
    return "\n".join(rows) + "\n"


def write_table(text: str) -> None:
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if BEGIN in current and END in current:
        before, rest = current.split(BEGIN, 1)
        current = before + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built book (default: build it)")
    parser.add_argument("--pages", nargs="*", default=CHAPTERS)
    parser.add_argument("--runs", type=int, default=lighthouse.RUNS)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    book = args.site or WORK / "site"
    if not args.site:
        build(ROOT / "mkdocs.yml", book)
    plain = WORK / "plain-material-site"
    build(plain_project(WORK / "plain-material"), plain)
    results = measure(book, plain, args.pages, args.runs)
    if any("not_measured" in pair["book"] for pair in results.values()):
        sys.exit("Lighthouse could not run: it needs Node.js (npm) and /usr/bin/chromium")
    (WORK / "side_by_side.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    write_table(table(results, args.runs))
    print(table(results, args.runs))


if __name__ == "__main__":
    main()
