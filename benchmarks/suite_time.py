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


def measure() -> dict:
    with tempfile.TemporaryDirectory(prefix="sdbook-suite-cache-") as cache:
        start = time.monotonic()
        run = subprocess.run(
            [sys.executable, str(ROOT / "book.py"), "test", f"--durations={SLOWEST}",
             "-p", "no:cacheprovider"],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SDBOOK_CACHE_DIR": cache})
        wall = time.monotonic() - start
    output = run.stdout + run.stderr
    summary = re.findall(r"^=+ (.+?) in ([\d.]+)s", output, re.M)
    slowest = [{"seconds": float(s), "phase": phase, "test": test} for s, phase, test in
               re.findall(r"^([\d.]+)s (setup|call|teardown)\s+(\S+)", output, re.M)]
    return {"wall_seconds": round(wall, 1), "exit_code": run.returncode,
            "summary": summary[-1][0] if summary else output.strip().splitlines()[-1:],
            "workers": re.findall(r"^(\d+ workers) \[\d+ items\]", output, re.M)[-1:] or ["1 process"],
            "budget_seconds": BUDGET_SECONDS, "slowest": slowest[:SLOWEST],
            "failed": re.findall(r"^(?:FAILED|ERROR) (\S+)", output, re.M)}


def report_lines(suite: dict | None) -> list[str]:
    if not suite:
        return []
    minutes, seconds = divmod(round(suite["wall_seconds"]), 60)
    met = suite["exit_code"] == 0 and suite["wall_seconds"] <= suite["budget_seconds"]
    lines = ["## The test suite", "",
             f"`python3 book.py test` from a fresh notebook cache: **{minutes} min {seconds:02d} s** "
             f"wall time ({suite['summary']}; {suite['workers'][0]}); budget "
             f"{suite['budget_seconds'] // 60} min: {'met' if met else 'NOT met'}.", "",
             "| slowest tests | phase | seconds |", "|---|---|---|"]
    lines += [f"| `{t['test']}` | {t['phase']} | {t['seconds']:.1f} |" for t in suite["slowest"]]
    if suite.get("failed"):
        lines += ["", "Failed in this run:", ""] + [f"- `{name}`" for name in suite["failed"]]
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
