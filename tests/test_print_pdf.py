"""The whole book prints to a PDF with every chart in it, and role cards print one per page.

Uses the session's built and served site, Debian's chromium (through Playwright) and
poppler-utils (pdfinfo, pdfimages, pdftotext), which `python3 book.py test` installs
when it can. Chapter: the classroom kit (classroom/downloads.md, classroom/role-cards.md).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("playwright.sync_api")

POPPLER = ("pdfinfo", "pdfimages", "pdftotext")


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: install Debian's poppler-utils (python3 book.py test does)"
    return path


def _book_pdf_module():
    spec = importlib.util.spec_from_file_location("book_pdf", ROOT / "tools" / "book_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pages(pdf: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def _images(pdf: Path) -> list[dict]:
    """pdfimages -list rows of type 'image' (not their soft masks)."""
    listing = subprocess.run([_tool("pdfimages"), "-list", str(pdf)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    rows = []
    for line in listing:
        cells = line.split()
        # page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        if len(cells) > 14 and cells[2] == "image":
            size = cells[14]
            factor = {"K": 1024, "M": 1024 ** 2}.get(size[-1], 1)
            rows.append({"page": int(cells[0]), "width": int(cells[3]),
                         "bytes": float(size.rstrip("BKM")) * factor})
    return rows


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run([_tool("pdftotext"), "-f", str(number), "-l", str(number), "-layout",
                           str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def book_pdf(site, served_site, tmp_path_factory):
    for name in POPPLER:
        _tool(name)
    out = tmp_path_factory.mktemp("pdf") / "book.pdf"
    # In a thread of its own: make_pdf starts its own Playwright, which may not nest inside
    # this worker's (the `browser` fixture's) on the same thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        charts = pool.submit(_book_pdf_module().make_pdf, site, out, base_url=served_site).result()
    return out, charts


def test_the_pdf_has_every_chart_as_an_image(site, book_pdf):
    pdf, charts = book_pdf
    print_page = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    expected = print_page.count('class="sd-chart__plot"')
    assert expected > 0, "the print page has no charts"
    assert charts == expected, f"{charts} charts prepared for print, {expected} on the page"
    # Chart images are drawn at twice their on-screen width: wide, and never blank
    # (a blank PNG compresses to almost nothing).
    images = [i for i in _images(pdf) if i["width"] >= 1000]
    assert len(images) == expected, f"{len(images)} chart images in the PDF, {expected} charts"
    assert all(i["bytes"] > 8_000 for i in images), f"a chart image looks blank: {images}"


def test_the_pdf_holds_the_whole_book(site, book_pdf):
    pdf, _ = book_pdf
    print_page = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    sections = print_page.count('<section class="print-page"')
    cards = print_page.count('class="sd-role-card"')
    pages = _pages(pdf)
    # a cover, then each page of the book starting on a new sheet, each role card on its own
    assert pages >= 1 + sections + cards, f"{pages} pages for {sections} sections and {cards} cards"
    text = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for heading in ("The security dilemma in Model UN", "Questions students ask",
                    "Instructor guide", "Role cards"):
        assert heading in text, f"the PDF lacks {heading!r}"


def test_role_cards_print_one_per_page(browser, served_site, tmp_path):
    page = browser.new_page()
    page.goto(served_site + "/classroom/role-cards/", wait_until="load")
    titles = page.eval_on_selector_all(".sd-role-card h2", "els => els.map(e => e.textContent.trim())")
    assert 4 <= len(titles) <= 6, f"expected four to six role cards, found {titles}"
    pdf = tmp_path / "cards.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4")
    page.close()
    first_lines = [_page_text(pdf, n).strip().splitlines()[:2] for n in range(1, _pages(pdf) + 1)]
    starts = [n for n, lines in enumerate(first_lines, start=1)
              for title in titles if lines and lines[0].strip().startswith(title.rstrip("¶").strip())]
    assert len(starts) == len(titles), f"cards starting a page: {starts} of {titles}"
    assert len(set(starts)) == len(titles), "two cards share a page"
