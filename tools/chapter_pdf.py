"""Print chapter pages of the built site to A4 PDFs, as a reader's Ctrl+P would (issue 16).

    .venv/bin/python tools/chapter_pdf.py BASE_URL OUT_DIR [PAGE ...]

BASE_URL is where the built site is served (``.venv/bin/python -m http.server -d site``);
PAGE is a chapter's path such as ``cold-war/`` (default: every chapter). Prints the page
count of each PDF. Nothing is prepared by hand before printing: Chromium's print fires the
page's ``beforeprint`` event, and the book's own print path (core/print.js) draws the
charts, so what this measures is what a teacher gets from the browser's print dialog.
Needs Debian's /usr/bin/chromium (through Playwright) and poppler-utils' pdfinfo.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
CHAPTERS = ("core-logic/", "origins/", "modelling/", "naval-race/", "cold-war/", "today/",
            "model-un/", "questions/")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def print_chapter(context, url: str, out: Path) -> list[str]:
    """Print one page to ``out`` (A4, the page's own @page size and margins when it sets
    them); returns the page's script errors."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url, wait_until="load")
    # The book's scripts are deferred and fetch the chart feature after the first paint.
    page.wait_for_function("() => window.sdbook && window.sdbook.print", timeout=60_000)
    page.wait_for_timeout(500)
    out.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(out), format="A4", prefer_css_page_size=True)
    page.close()
    return errors


def main(base_url: str, out_dir: Path, paths: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
        for path in paths:
            out = out_dir / (path.strip("/").replace("/", "-") + ".pdf")
            errors = print_chapter(context, base_url.rstrip("/") + "/" + path, out)
            print(f"{path}\t{pages(out)} pages\t{out}" + (f"\terrors: {errors}" if errors else ""))
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3:] or list(CHAPTERS))
