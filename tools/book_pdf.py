"""Print the whole book to PDF with every chart in it (classroom kit).

    .venv/bin/python tools/book_pdf.py SITE_DIR OUT.pdf

SITE_DIR is a built site (``python3 book.py build``); its print page, made by
mkdocs-print-site-plugin, holds every page of the book. Charts there are drawn
lazily, so before printing this calls ``window.sdbook.print.prepare()``
(docs/assets/javascripts/src/core/print.js), which draws every chart and puts a PNG of each
beside it for print. Needs Debian's /usr/bin/chromium (through Playwright); nothing
else in the book does, so ``python3 book.py serve`` works without it.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
PRINT_PAGE = "print_page/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_pdf(site: Path, out: Path, base_url: str | None = None) -> int:
    """Write the book's PDF to ``out``; return the number of charts drawn into it.

    Serves ``site`` on 127.0.0.1 unless ``base_url`` says where it is already served.
    Fails if the print page is missing or a chart could not be drawn.
    """
    from playwright.sync_api import sync_playwright

    site = Path(site)
    if not (site / PRINT_PAGE / "index.html").is_file():
        raise FileNotFoundError(f"{site / PRINT_PAGE}: no print page; build the site first")
    server = None
    if base_url is None:
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 1100, "height": 1400},
                                          color_scheme="light")
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base_url.rstrip('/')}/{PRINT_PAGE}", wait_until="load")
            # The page is long: "load" can come before the scripts at the end of it have run.
            page.wait_for_function("() => window.sdbook && window.sdbook.print", timeout=60_000)
            charts = page.evaluate("() => window.sdbook.print.prepare()")
            states = page.eval_on_selector_all(".sd-chart__plot", "els => els.map(e => e.dataset.sdState)")
            if any(state != "drawn" for state in states) or errors:
                raise RuntimeError(f"charts not all drawn: {states}; page errors: {errors}")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.emulate_media(media="print")
            page.pdf(path=str(out), format="A4", print_background=True,
                     margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
            browser.close()
    finally:
        if server:
            server.shutdown()
            server.server_close()
    return charts


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count = make_pdf(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]} with {count} charts")
