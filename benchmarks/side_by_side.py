"""Each chapter against the same Markdown built with plain mkdocs-material, side by side.

The plain build keeps the chapters' text and nothing of the book's machinery: no hooks,
no charts, no notebooks, no plugins but Material's search, the book's own theme settings
(palette, no web fonts) and Markdown extensions. Lines holding the book's directives
(`::: chart name`, `::: key-terms ...`) are removed; everything else stays as written.
Both sites are served the same way (gzip, 127.0.0.1) and each chapter is measured with
Lighthouse's default mobile settings (pinned lighthouse, /usr/bin/chromium, performance
only), the book's page and the plain page alternately, run after run, so both see the
same machine load; the median run of each is reported with the load average.

    .venv/bin/python benchmarks/side_by_side.py                    # every chapter, 3 runs each
    .venv/bin/python benchmarks/side_by_side.py --site site        # an already built book
    .venv/bin/python benchmarks/side_by_side.py --pages modelling/ --runs 1

Builds the book into benchmarks/.work/site unless --site names a built one. Writes the
table into benchmarks/results.md between its side-by-side markers (appended the first
time), the numbers into benchmarks/results.json under "lighthouse_side_by_side", and
prints the table. `book.py bench` (run.py) runs it too and makes it the headline.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load

import lighthouse

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
RESULTS = ROOT / "benchmarks" / "results.md"
RESULTS_JSON = ROOT / "benchmarks" / "results.json"
JSON_KEY = "lighthouse_side_by_side"
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


def _median_run(runs: list[dict]) -> dict:
    """The run with the median performance score, all runs' scores beside it."""
    chosen = dict(sorted(runs, key=lambda r: r["performance"])[len(runs) // 2])
    chosen["performance_runs"] = [r["performance"] for r in runs]
    chosen["observed_first_paint_runs_ms"] = [round(r["observed_first_paint_ms"]) for r in runs]
    chosen["benchmark_index_runs"] = [round(r["benchmark_index"]) for r in runs]
    chosen["main_thread_runs_ms"] = [r["main_thread_ms"] for r in runs]
    return chosen


def measure(book: Path, plain: Path, pages: list[str], runs: int) -> dict:
    """Each page ``runs`` times in both builds, the two alternating (book first in even runs,
    plain first in odd ones), so that both see the same machine load and neither is always
    measured second; the median run of each."""
    binary = lighthouse._install(WORK)
    if binary is None or not Path(lighthouse.CHROMIUM).exists():
        return {"not_measured": "needs Node.js (npm) and /usr/bin/chromium"}
    results = {}
    with lighthouse._Server(book) as book_server, lighthouse._Server(plain) as plain_server:
        ports = {"book": book_server.port, "plain": plain_server.port}
        for page in pages:
            measured = {"book": [], "plain": []}
            for run in range(runs):
                for name in (("book", "plain") if run % 2 == 0 else ("plain", "book")):
                    measured[name].append(lighthouse._run(
                        binary, ports[name], page, WORK, "", lighthouse.DEFAULT_MULTIPLIER,
                        categories=("performance",)))
            results[page] = {name: _median_run(found) for name, found in measured.items()}
            book_score, plain_score = (results[page][n]["performance"] for n in ("book", "plain"))
            print(f"{page}: book {results[page]['book']['performance_runs']}, "
                  f"plain {results[page]['plain']['performance_runs']} -> {book_score} vs {plain_score}",
                  file=sys.stderr, flush=True)
    return results


def conditions(load_before: tuple, seconds: float) -> dict:
    """What the machine was doing: the scores mean little without it."""
    return {"measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "load_average_1_5_15_before": [round(x, 2) for x in load_before],
            "load_average_1_5_15_after": [round(x, 2) for x in os.getloadavg()],
            "wall_seconds": round(seconds)}


def table(results: dict, runs: int, where: dict | None = None) -> str:
    where = where or {}
    rows = [BEGIN, "## Lighthouse: each chapter against plain mkdocs-material on the same Markdown", "",
            f"Lighthouse {lighthouse.LIGHTHOUSE.split('@')[1]}, default mobile settings (4x CPU slowdown, "
            f"simulated slow 4G, paint holding on), median of {runs} run(s) per page (every run's score "
            "in brackets), the book's page and the plain page measured alternately "
            "(`benchmarks/side_by_side.py`). The plain build is the same Markdown with Material and "
            "its search only: no hooks, charts, notebooks or book scripts. Goal (issue 18): the book "
            f"within {GOAL_GAP} points of plain Material and at least {GOAL_SCORE}.", ""]
    if where:
        rows += [f"Measured {where['measured_at']} on {where['machine']}; load average (1, 5, 15 min) "
                 f"{where['load_average_1_5_15_before']} before and {where['load_average_1_5_15_after']} "
                 f"after; {where['wall_seconds']} s in all. On a busy machine both columns drop; "
                 "the gap is the measure.", ""]
    rows += ["| chapter | book perf | plain perf | gap | book FCP / LCP / TBT | plain FCP / LCP / TBT "
             "| book / plain main thread (s) | goal |",
             "|---|---|---|---|---|---|---|---|"]
    for page, pair in results.items():
        book, plain = pair["book"], pair["plain"]
        gap = plain["performance"] - book["performance"]
        met = gap <= GOAL_GAP and book["performance"] >= GOAL_SCORE

        def metrics(r):
            return " / ".join(r[m] for m in ("first-contentful-paint", "largest-contentful-paint",
                                             "total-blocking-time"))
        rows.append(f"| `{page}` | {book['performance']} {book['performance_runs']} | "
                    f"{plain['performance']} {plain['performance_runs']} | {gap:+d} | {metrics(book)} "
                    f"| {metrics(plain)} | {book['main_thread_ms'] / 1000:.1f} / {plain['main_thread_ms'] / 1000:.1f} "
                    f"| {'met' if met else 'not met'} |")
    rows.append(END)
    return "\n".join(rows) + "\n"


def run(book: Path, pages: list[str] = CHAPTERS, runs: int = lighthouse.RUNS) -> dict:
    """Build the plain site, measure both; the results and conditions (no files written)."""
    WORK.mkdir(parents=True, exist_ok=True)
    plain = WORK / "plain-material-site"
    build(plain_project(WORK / "plain-material"), plain)
    load_before, started = os.getloadavg(), time.monotonic()
    results = measure(book, plain, pages, runs)
    if "not_measured" in results:
        return results
    return {"runs": runs, "conditions": conditions(load_before, time.monotonic() - started),
            "pages": results}


def goal_met(found: dict) -> bool:
    """Every page measured within GOAL_GAP points of plain Material and at least GOAL_SCORE."""
    pages = found.get("pages") or {}
    return bool(pages) and all(
        pair["plain"]["performance"] - pair["book"]["performance"] <= GOAL_GAP
        and pair["book"]["performance"] >= GOAL_SCORE for pair in pages.values())


def report(found: dict) -> str:
    if "not_measured" in found:
        return f"{BEGIN}\n## Lighthouse: each chapter against plain mkdocs-material\n\nNot measured: " \
               f"{found['not_measured']}.\n{END}\n"
    return table(found["pages"], found["runs"], found["conditions"])


def write_table(text: str) -> None:
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if BEGIN in current and END in current:
        before, rest = current.split(BEGIN, 1)
        current = before + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(current, encoding="utf-8")


def save(found: dict) -> None:
    """The table into results.md (between its markers) and the numbers into results.json."""
    write_table(report(found))
    current = json.loads(RESULTS_JSON.read_text(encoding="utf-8")) if RESULTS_JSON.exists() else {}
    current[JSON_KEY] = found
    RESULTS_JSON.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


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
    found = run(book, args.pages, args.runs)
    if "not_measured" in found:
        sys.exit("Lighthouse could not run: it needs Node.js (npm) and /usr/bin/chromium")
    save(found)
    print(report(found))


if __name__ == "__main__":
    main()
