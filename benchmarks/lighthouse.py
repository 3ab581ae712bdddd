"""Lighthouse (mobile preset) scores for the built site, served gzip-compressed on 127.0.0.1.

Used by benchmarks/run.py. Lighthouse is a Node.js tool: it is installed on first use,
at a pinned version, into benchmarks/.work/node (no lock file is committed). If Node.js
is missing, the scores are reported as not measured rather than guessed.

Two settings differ from Lighthouse's defaults, both recorded with the results, and
run.py also measures a few pages with the defaults for comparison:

- CPU slowdown calibrated to this machine. The mobile preset slows the CPU 4x, which
  "moves a typical run in the high-end desktop bracket somewhere into the mid-tier mobile
  bracket"; on a slower host Lighthouse's documentation asks for a smaller multiplier,
  read from its table of benchmarkIndex brackets (docs/throttling.md, "Calibrating the CPU
  slowdown"). calibrated_multiplier() measures the index and applies that table.
- Chrome's paint holding off. In about half of the default runs headless Chromium presents
  the first frame one or two whole seconds after the page is ready (even a page without
  scripts); Lighthouse's simulation then counts everything loaded before that frame
  against FCP and LCP. This is reported for headless runs generally, PageSpeed Insights
  included (GoogleChrome/lighthouse issue 17148, open in November 2026); with
  --disable-features=PaintHolding the first frame comes at ~0.3 s in every run.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

LIGHTHOUSE = "lighthouse@12.2.3"  # 13.x needs Node 22; this machine has Node 20
CHROMIUM = "/usr/bin/chromium"
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices")
RUNS = 3
PAINT_HOLDING_OFF = "--disable-features=PaintHolding"
DEFAULT_MULTIPLIER = 4
# Lighthouse docs/throttling.md: host benchmarkIndex bracket -> suggested multiplier to
# emulate a mid-tier mobile (high-end desktop 1500-2000: 4x; low-end desktop 1000-1500:
# 2x; high-end mobile 800-1200: 2x; mid-tier mobile: 1x).
MULTIPLIER_BY_INDEX = ((1500, 4), (800, 2), (0, 1))
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed, as a static host such as GitHub Pages does."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _install(work: Path) -> Path | None:
    binary = work / "node" / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if not shutil.which("npm"):
        return None
    (work / "node").mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--silent", "--no-save", "--no-package-lock",
                    "--prefix", str(work / "node"), LIGHTHOUSE], check=True)
    return binary


def _run(binary: Path, port: int, path: str, work: Path, chrome_flags: str, multiplier: float,
         categories: tuple[str, ...] = CATEGORIES) -> dict:
    report = work / "lighthouse.json"
    subprocess.run(
        [str(binary), f"http://127.0.0.1:{port}/{path}", "--quiet",
         f"--chrome-flags={FLAGS} {chrome_flags}".strip(),
         f"--throttling.cpuSlowdownMultiplier={multiplier}",
         "--output=json", f"--output-path={report}", "--only-categories=" + ",".join(categories)],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True)
    data = json.loads(report.read_text(encoding="utf-8"))
    return {**{c: round(100 * data["categories"][c]["score"]) for c in categories},
            **{m: data["audits"][m]["displayValue"].replace("\xa0", " ") for m in METRICS},
            # when this Chromium really painted first; the simulated metrics build on it
            "observed_first_paint_ms": data["audits"]["metrics"]["details"]["items"][0]
            ["observedFirstContentfulPaint"],
            "benchmark_index": data["environment"]["benchmarkIndex"],
            "bytes_loaded": data["audits"]["total-byte-weight"]["numericValue"],
            "main_thread_ms": round(data["audits"]["mainthread-work-breakdown"].get("numericValue", 0)),
            "dom_elements": data["audits"]["dom-size"].get("numericValue")}


def multiplier_for(benchmark_index: float) -> int:
    return next(m for floor, m in MULTIPLIER_BY_INDEX if benchmark_index >= floor)


class _Server:
    def __init__(self, site: Path):
        self.http = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.port = self.http.server_address[1]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.http.shutdown()


def calibrated_multiplier(site: Path, work: Path, page: str = "about/") -> dict:
    """This machine's benchmarkIndex (median of three default runs) and the multiplier for it."""
    binary = _install(work)
    if binary is None or not Path(CHROMIUM).exists():
        return {"not_measured": "needs Node.js (npm) and /usr/bin/chromium"}
    with _Server(site) as server:
        indexes = sorted(_run(binary, server.port, page, work, "", DEFAULT_MULTIPLIER)["benchmark_index"]
                         for _ in range(RUNS))
    return {"benchmark_index_runs": [round(i) for i in indexes],
            "benchmark_index": round(indexes[RUNS // 2]),
            "cpu_slowdown_multiplier": multiplier_for(indexes[RUNS // 2])}


def scores(site: Path, paths: list[str], work: Path, chrome_flags: str = PAINT_HOLDING_OFF,
           multiplier: float = DEFAULT_MULTIPLIER) -> dict:
    """The median-performance run of three per page (Lighthouse varies on a busy machine)."""
    binary = _install(work)
    if binary is None or not Path(CHROMIUM).exists():
        return {"not_measured": "needs Node.js (npm) and /usr/bin/chromium"}
    results = {}
    with _Server(site) as server:
        for path in paths:
            runs = [_run(binary, server.port, path, work, chrome_flags, multiplier) for _ in range(RUNS)]
            results[path] = sorted(runs, key=lambda r: r["performance"])[RUNS // 2]
            results[path]["performance_runs"] = [r["performance"] for r in runs]
            results[path]["observed_first_paint_runs_ms"] = [round(r["observed_first_paint_ms"]) for r in runs]
            results[path]["benchmark_index_runs"] = [round(r["benchmark_index"]) for r in runs]
    return results
