"""Print the book to PDF with every chart in it: two editions of the whole book, and each chapter.

    .venv/bin/python tools/book_pdf.py SITE_DIR OUT_DIR

writes into OUT_DIR (``python3 book.py pdf`` gives ``site/downloads/``):

- ``the-security-dilemma.pdf``, the student edition: the whole book with page numbers in
  its contents and the exercises' model answers at the back;
- ``the-security-dilemma-instructor.pdf``, the instructor edition: the same with the quiz
  answer keys and the classroom kit (guide, simulations, role cards, downloads);
- ``chapter-<page>.pdf``, one per chapter, printed from the chapter's own page.

SITE_DIR is a built site (``python3 book.py build``). The whole book is its print page,
made by mkdocs-print-site-plugin and finished by sdbook/platform/printbook.py, which marks
the instructor's parts (``data-sd-edition``). Charts are drawn lazily, so before printing
this calls ``window.sdbook.print.prepare()`` (docs/assets/javascripts/src/core/print.js),
which draws every chart and puts a PNG of each beside it for print, then fires
``beforeprint`` as a browser's print dialogue would. Links to the site's pages are given
their published address (from the page's canonical link), and a link to an anchor the
printed page lacks stops the print. Page numbers in the footer come from print-site's
``@page`` CSS; those in the contents from tools/pdf_numbers.py. Needs Debian's
/usr/bin/chromium (through Playwright) and pypdf.
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_numbers import number_contents  # noqa: E402  (beside this file)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
PRINT_PAGE = "print_page/"
BOOK = "the-security-dilemma"
EDITIONS = {"student": f"{BOOK}.pdf", "instructor": f"{BOOK}-instructor.pdf"}
MARGIN_MM = {"top": 18, "bottom": 18, "left": 16, "right": 16}
POINTS_PER_MM = 72 / 25.4

# In the page: the edition's parts only; links to the site's pages at their published
# address; every link to an anchor checked. Returns what was left unresolved and the contents.
_READY_FOR_PAPER = """({edition, local, published}) => {
  if (edition === "student") {
    document.querySelectorAll('[data-sd-edition="instructor"]').forEach((el) => el.remove());
  }
  // Material makes every link absolute once the page loads: same page is same path.
  const here = (a) => a.origin === location.origin && a.pathname === location.pathname && a.hash.length > 1;
  const target = (a) => document.getElementById(decodeURIComponent(a.hash.slice(1)));
  const dead = [];
  for (const a of document.querySelectorAll("a[href]")) {
    if (here(a) && !target(a)) {
      if (!a.dataset.sdWeb) { dead.push(a.hash); continue; }
      a.href = new URL(a.dataset.sdWeb, location.href).href;
    }
    if (!here(a) && a.href.startsWith(local)) a.href = published + a.href.slice(local.length);
  }
  const contents = Array.from(document.querySelectorAll("a.sd-contents__entry")).map((a) => ({
    id: decodeURIComponent(a.hash.slice(1)), title: a.textContent.trim(),
    level: a.closest(".sd-contents__sections") ? 2 : 1}));
  return {dead, contents};
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chapter_pages(docs: Path) -> list[str]:
    """The chapters' pages (``chapter:`` in their front matter), in chapter order."""
    found = []
    for page in sorted(docs.glob("*/index.md")):
        match = re.match(r"---\n(?:.*\n)*?chapter:\s*(\d+)\s*\n(?:.*\n)*?---\n", page.read_text(encoding="utf-8"))
        if match:
            found.append((int(match.group(1)), f"{page.parent.name}/"))
    return [path for _, path in sorted(found)]


class Printer:
    """One browser printing pages of a site served at ``base_url``."""

    def __init__(self, playwright, base_url: str):
        self.base_url = base_url.rstrip("/") + "/"
        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

    def close(self):
        self.browser.close()

    def print_page(self, path: str, out: Path, edition: str | None = None) -> dict:
        """Print one page of the site to ``out``; returns charts, contents and page numbers.

        Fails if a chart could not be drawn, the page raised an error, or a link points at an
        anchor the printed page does not hold."""
        context = self.browser.new_context(viewport={"width": 1100, "height": 1400}, color_scheme="light")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(self.base_url + path, wait_until="load")
        # The page is long: "load" can come before the scripts at the end of it have run.
        page.wait_for_function("() => window.sdbook && window.sdbook.print", timeout=60_000)
        charts = page.evaluate("() => window.sdbook.print.prepare()")
        states = page.eval_on_selector_all(".sd-chart__plot", "els => els.map(e => e.dataset.sdState)")
        if any(state != "drawn" for state in states) or errors:
            raise RuntimeError(f"{path}: charts not all drawn: {states}; page errors: {errors}")
        canonical = page.eval_on_selector('link[rel="canonical"]', "l => l.href") \
            if page.query_selector('link[rel="canonical"]') else self.base_url + path
        published = canonical[: -len(path)] if canonical.endswith(path) else self.base_url
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        ready = page.evaluate(_READY_FOR_PAPER, {"edition": edition, "local": self.base_url,
                                                 "published": published})
        if ready["dead"]:
            raise RuntimeError(f"{path} ({edition or 'page'}): links to anchors it lacks: {ready['dead'][:20]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.emulate_media(media="print")
        page.pdf(path=str(out), format="A4", print_background=True,
                 margin={side: f"{mm}mm" for side, mm in MARGIN_MM.items()})
        context.close()
        numbered = number_contents(out, ready["contents"], MARGIN_MM["right"] * POINTS_PER_MM) \
            if ready["contents"] else {}
        return {"charts": charts, "contents": ready["contents"], "numbered": numbered}


def _serve(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def make_pdfs(site: Path, out_dir: Path, base_url: str | None = None, editions=tuple(EDITIONS),
              chapters: list[str] | None = None) -> dict[str, dict]:
    """Print the editions and chapters asked for into ``out_dir``; returns {file name: report}.

    Serves ``site`` on 127.0.0.1 unless ``base_url`` says where it is already served.
    ``chapters`` defaults to every chapter page listed under docs/.
    """
    from playwright.sync_api import sync_playwright

    site, out_dir = Path(site), Path(out_dir)
    if not (site / PRINT_PAGE / "index.html").is_file():
        raise FileNotFoundError(f"{site / PRINT_PAGE}: no print page; build the site first")
    if chapters is None:
        chapters = chapter_pages(Path(__file__).resolve().parents[1] / "docs")
    server = None
    if base_url is None:
        server, base_url = _serve(site)
    reports = {}
    try:
        with sync_playwright() as playwright:
            printer = Printer(playwright, base_url)
            try:
                for edition in editions:
                    reports[EDITIONS[edition]] = printer.print_page(PRINT_PAGE, out_dir / EDITIONS[edition], edition)
                for chapter in chapters:
                    name = f"chapter-{chapter.strip('/')}.pdf"
                    reports[name] = printer.print_page(chapter, out_dir / name)
            finally:
                printer.close()
    finally:
        if server:
            server.shutdown()
            server.server_close()
    return reports


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    for name, report in make_pdfs(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(f"wrote {Path(sys.argv[2]) / name}: {report['charts']} charts, "
              f"{len(report['numbered'])} contents entries numbered")
