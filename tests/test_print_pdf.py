"""The whole book prints to a PDF with every chart in it, and role cards print one per page.

Uses the session's built and served site, Debian's chromium (through Playwright) and
poppler-utils (pdfinfo, pdfimages, pdftotext), which `python3 book.py test` installs
when it can. Chapter: the classroom kit (classroom/downloads.md, classroom/role-cards.md).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, once_per_run

pytest.importorskip("playwright.sync_api")

POPPLER = ("pdfinfo", "pdfimages", "pdftotext")
CHAPTER = "naval-race/"  # the chapter whose own PDF the tests read (charts, exercises, a quiz)


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


@pytest.fixture(scope="session")
def printed(site, served_site):
    """The instructor edition of the whole book (the fuller one) and one chapter, printed once
    per run, by whichever worker gets to it first (conftest.once_per_run)."""
    for name in POPPLER:
        _tool(name)

    def make(out):
        # In a thread of its own: make_pdfs starts its own Playwright, which may not nest
        # inside this worker's (the `browser` fixture's) on the same thread.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(_book_pdf_module().make_pdfs, site, out, base_url=served_site,
                               editions=("instructor",), chapters=[CHAPTER]).result()
    return once_per_run("printed", make)


@pytest.fixture(scope="session")
def book_pdf(printed):
    out, reports = printed
    name = _book_pdf_module().EDITIONS["instructor"]
    return out / name, reports[name]["charts"]


def _links(pdf: Path) -> tuple[list[tuple[int, str]], list[str], dict[str, int]]:
    """(page, destination) of every internal link, every URI, and each named destination's page."""
    from pypdf import PdfReader

    _book_pdf_module()  # puts tools/ on the path
    import pdf_numbers

    reader = PdfReader(str(pdf))
    internal, uris = [], []
    for index, page in enumerate(reader.pages, start=1):
        internal += [(index, name) for name, _ in pdf_numbers.link_targets(page)]
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
    return internal, uris, pdf_numbers.destination_pages(reader)


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


@functools.lru_cache(maxsize=4)
def _texts(pdf: Path) -> list[str]:
    """Each page's text (pdftotext -layout), read once per file: index 0 is page 1."""
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def _text(pdf: Path, first: int, last: int) -> str:
    return "\f".join(_texts(pdf)[first - 1:last])


def _flat(pdf: Path, number: int) -> str:
    return " ".join(_texts(pdf)[number - 1].split())


def test_the_contents_gives_the_page_each_chapter_starts_on(printed):
    out, reports = printed
    report = reports[_book_pdf_module().EDITIONS["instructor"]]
    pdf = out / _book_pdf_module().EDITIONS["instructor"]
    entries = report["contents"]
    assert len(entries) >= 20 and report["numbered"].keys() == {e["id"] for e in entries}
    last_contents_page = min(report["numbered"].values()) - 1
    contents_text = _text(pdf, 1, last_contents_page)
    chapters = [e for e in entries if e["level"] == 1]
    assert any(e["title"] == "Answers" for e in chapters), "no Answers section in the contents"
    for entry in chapters:
        words = entry["title"].split()[:4]
        # The number printed on the entry's line, read back from the page's text...
        lines = contents_text.splitlines()
        start = next((n for n, ln in enumerate(lines) if ln.split()[:len(words)] == words), None)
        assert start is not None, f"contents line for {entry['title']!r} not found"
        # a long title wraps: its number is on its last line
        number = next((m for ln in lines[start:start + 3] if (m := re.search(r"(\d+)\s*$", ln))), None)
        assert number, f"no page number on the contents line {lines[start]!r}"
        # ...is the page on which that title is printed.
        page = int(number.group(1))
        assert " ".join(words) in _flat(pdf, page), \
            f"{entry['title']!r}: contents say page {page}, which does not show it"


def test_every_page_number_is_in_its_footer(book_pdf):
    pdf, _ = book_pdf
    pages = _pages(pdf)
    for number in list(range(2, pages + 1, 40)) + [pages]:
        tail = _texts(pdf)[number - 1].strip().splitlines()[-2:]
        assert any(re.search(rf"\bPage {number}\b", line) for line in tail), f"page {number}: footer {tail}"


def _site_file(site: Path, path: str) -> bool:
    target = site / path.split("#")[0].lstrip("/")
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


def test_the_pdfs_links_all_lead_somewhere_in_them_or_on_the_published_site(site, printed, served_site):
    out, reports = printed
    for name in reports:
        internal, uris, destinations = _links(out / name)
        lost = [(page, dest) for page, dest in internal if dest not in destinations]
        assert not lost, f"{name}: internal links without a destination: {lost[:10]}"
        # Links to the site's pages go to its published address (here the test's own server,
        # which the build was told is the site's address): each to a page or file it has.
        broken = [u for u in uris if u.startswith(served_site) and not _site_file(site, u[len(served_site):])]
        assert not broken, f"{name}: links to pages the site lacks: {broken[:5]}"
    internal, _, _ = _links(out / _book_pdf_module().EDITIONS["instructor"])
    assert len(internal) > 500, f"only {len(internal)} internal links in the whole book"


def test_the_model_answers_and_quiz_keys_are_at_the_back(site, printed):
    from bs4 import BeautifulSoup

    out, reports = printed
    pdf = out / _book_pdf_module().EDITIONS["instructor"]
    _, _, destinations = _links(pdf)
    back = destinations["sd-answers"]
    chapter = BeautifulSoup((site / CHAPTER / "index.html").read_text(encoding="utf-8"), "html.parser")
    answer = chapter.select_one("details.question details.success p").get_text(" ", strip=True)
    key = chapter.select_one("details.sd-quiz__key li").get_text(" ", strip=True)
    for text in (answer, key):
        words = " ".join(text.split()[-8:])  # the end: a key begins with the option it names
        where = [n for n in range(1, _pages(pdf) + 1) if words in _flat(pdf, n)]
        assert where and min(where) >= back, f"{words!r} printed on pages {where}; answers start on {back}"
    assert "Model answer: see Answers at the back" in _text(pdf, 1, back - 1)


def test_a_chapter_prints_on_its_own_with_every_chart(site, printed):
    out, reports = printed
    pdf = out / f"chapter-{CHAPTER.strip('/')}.pdf"
    expected = (site / CHAPTER / "index.html").read_text(encoding="utf-8").count('class="sd-chart__plot"')
    assert reports[pdf.name]["charts"] == expected > 0
    images = [i for i in _images(pdf) if i["width"] >= 1000]
    assert len(images) == expected and all(i["bytes"] > 8_000 for i in images), images
    assert 3 <= _pages(pdf) <= 60


def test_the_student_edition_leaves_out_the_instructors_parts_and_keeps_every_link(browser, served_site):
    """The student edition is the instructor's less the marked parts; checked in the page
    as tools/book_pdf.py readies it, without the minutes of printing it."""
    module = _book_pdf_module()
    page = browser.new_page()
    page.goto(served_site + "/print_page/", wait_until="load")
    published = "https://example.org/book/"
    ready = page.evaluate(module._READY_FOR_PAPER, {"edition": "student", "local": served_site + "/",
                                                    "published": published})
    left = page.evaluate("""() => ({
        marked: document.querySelectorAll('[data-sd-edition]').length,
        keys: document.querySelectorAll('.sd-quiz__key, .sd-role-card').length,
        local: Array.from(document.querySelectorAll('a[href]')).filter((a) => a.href.startsWith(location.origin)
               && !(a.pathname === location.pathname && a.hash)).map((a) => a.href),
        ids: Array.from(document.querySelectorAll('a.sd-contents__entry')).filter((a) =>
               !document.getElementById(decodeURIComponent(a.hash.slice(1)))).length,
        guide: Array.from(document.querySelectorAll('section.print-page h1')).some((h) =>
               h.textContent.includes('Instructor guide'))})""")
    page.close()
    assert ready["dead"] == [], ready["dead"][:10]
    assert left["marked"] == 0 and left["keys"] == 0 and not left["guide"]
    assert left["local"] == [], left["local"][:5]   # every link to the site goes to its published copy
    assert left["ids"] == 0 and len(ready["contents"]) >= 20


def test_the_whole_book_page_has_no_broken_anchor(site):
    from bs4 import BeautifulSoup

    book = BeautifulSoup((site / "print_page" / "index.html").read_text(encoding="utf-8"), "html.parser")
    ids = [tag["id"] for tag in book.find_all(id=True)]
    assert len(ids) == len(set(ids)), "repeated ids on the whole-book page"
    broken = sorted({a["href"] for a in book.find_all("a", href=True)
                     if a["href"].startswith("#") and len(a["href"]) > 1 and a["href"][1:] not in ids})
    assert not broken, f"{len(broken)} links to anchors not on the whole-book page: {broken[:20]}"
    # each chapter is headed once (print-site headed each navigation group, then its chapter)
    titles = [h.get_text(" ", strip=True) for h in book.find_all("h1")]
    assert not [t for a, t in zip(titles, titles[1:]) if a == t], titles
