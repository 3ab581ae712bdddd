"""Screenshot built pages in light and dark mode, desktop and phone width, for a human to look at.

    .venv/bin/python tools/screenshots.py SITE_DIR OUT_DIR [PAGE ...]

PAGE is a path inside the site such as ``notebooks/naval_race/`` (default: every page).
Uses Debian's /usr/bin/chromium through Playwright; serves SITE_DIR on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(site: Path, out: Path, pages: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if not pages:
        pages = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for page_path in pages:
            for device, viewport in VIEWPORTS.items():
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                                  device_scale_factor=1)
                    page = context.new_page()
                    page.goto(base + page_path.lstrip("./").replace("./", ""),
                              wait_until="networkidle")
                    for chart in page.locator(".sd-chart__plot").all():
                        chart.scroll_into_view_if_needed()
                        page.wait_for_timeout(300)
                    page.wait_for_timeout(800)
                    name = page_path.strip("/").replace("/", "_") or "home"
                    page.screenshot(path=str(out / f"{name}-{device}-{scheme}.png"), full_page=True)
                    # Each chart on its own too: full pages are too tall to read when shrunk.
                    for index, figure in enumerate(page.locator("figure.sd-chart").all(), start=1):
                        figure.screenshot(path=str(out / f"{name}-chart{index}-{device}-{scheme}.png"))
                    context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
