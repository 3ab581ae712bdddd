"""How long the whole test suite takes, as a developer runs it, and its slowest tests.

    .venv/bin/python benchmarks/suite_time.py   (also part of `python3 book.py bench`)

Runs the README's test command, `python3 book.py test` (parallel workers, one shared
build), with an empty notebook cache of its own so that every notebook executes, as in a
fresh clone. Alone, it adds its result to benchmarks/results.json and rewrites
benchmarks/results.md from it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 600
SLOWEST = 25


def _busy_cpu_seconds() -> float | None:
    """CPU-seconds the whole machine has spent busy since boot (Linux's /proc/stat), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return None
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # less idle and iowait


def _python_loop_seconds() -> float:
    """One core's speed today: a fixed pure-Python loop, best of three (smaller is faster)."""
    def loop():
        start, total = time.perf_counter(), 0
        for i in range(5_000_000):
            total += i % 7
        return time.perf_counter() - start
    return round(min(loop() for _ in range(3)), 2)


def measure() -> dict:
    # Wall time alone does not compare across days on a shared machine: the CPU-seconds the
    # run used and one core's speed are recorded beside it.
    loop_seconds = _python_loop_seconds()
    busy_before = _busy_cpu_seconds()
    with tempfile.TemporaryDirectory(prefix="sdbook-suite-cache-") as cache:
        start = time.monotonic()
        run = subprocess.run(
            [sys.executable, str(ROOT / "book.py"), "test", f"--durations={SLOWEST}",
             "-p", "no:cacheprovider"],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SDBOOK_CACHE_DIR": cache})
        wall = time.monotonic() - start
    busy_after = _busy_cpu_seconds()
    output = run.stdout + run.stderr
    summary = re.findall(r"^=+ (.+?) in ([\d.]+)s", output, re.M)
    slowest = [{"seconds": float(s), "phase": phase, "test": test} for s, phase, test in
               re.findall(r"^([\d.]+)s (setup|call|teardown)\s+(\S+)", output, re.M)]
    return {"wall_seconds": round(wall, 1), "exit_code": run.returncode,
            "cpu_seconds": round(busy_after - busy_before) if busy_before is not None else None,
            "cores": os.cpu_count(), "python_loop_seconds": loop_seconds,
            "summary": summary[-1][0] if summary else output.strip().splitlines()[-1:],
            "workers": re.findall(r"^(\d+ workers) \[\d+ items\]", output, re.M)[-1:] or ["1 process"],
            "budget_seconds": BUDGET_SECONDS, "slowest": slowest[:SLOWEST],
            # pytest's short summary: the test and the first line of its error, so that a
            # failure seen once can be told apart from another
            "failed": [line[:400] for line in re.findall(r"^(?:FAILED|ERROR) (.+)$", output, re.M)]}


def report_lines(suite: dict | None) -> list[str]:
    if not suite:
        return []
    minutes, seconds = divmod(round(suite["wall_seconds"]), 60)
    met = suite["exit_code"] == 0 and suite["wall_seconds"] <= suite["budget_seconds"]
    lines = ["## The test suite", "",
             f"`python3 book.py test` from a fresh notebook cache: **{minutes} min {seconds:02d} s** "
             f"wall time ({suite['summary']}; {suite['workers'][0]}); budget "
             f"{suite['budget_seconds'] // 60} min: {'met' if met else 'NOT met'}.", ""]
    if suite.get("cpu_seconds") is not None:
        lines += [f"The machine was busy for {suite['cpu_seconds']} CPU-seconds during the run, "
                  f"{suite['cpu_seconds'] / (suite['cores'] * suite['wall_seconds']):.0%} of its "
                  f"{suite['cores']} cores; a fixed pure-Python loop took {suite['python_loop_seconds']} s "
                  "before it (one core's speed that day). The CPU-seconds compare runs made on "
                  "different days better than the wall time does.", ""]
    lines += ["| slowest tests | phase | seconds |", "|---|---|---|"]
    lines += [f"| `{t['test']}` | {t['phase']} | {t['seconds']:.1f} |" for t in suite["slowest"]]
    if suite.get("failed"):
        lines += ["", "Failed in this run:", ""]
        for failure in suite["failed"]:
            test, _, error = failure.partition(" - ")
            lines.append(f"- `{test}`" + (f": {error.replace('`', chr(39))}" if error else ""))
    return lines + [""]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    import run as bench  # the report of the rest of the benchmark, from its saved results

    results_file = ROOT / "benchmarks" / "results.json"
    results = json.loads(results_file.read_text(encoding="utf-8"))
    results["test_suite"] = measure()
    results_file.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (ROOT / "benchmarks" / "results.md").write_text(bench.report(results), encoding="utf-8")
    print("\n".join(report_lines(results["test_suite"])))
