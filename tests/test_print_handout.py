"""A chapter printed from the browser is a handout (issue 16, item 3).

The Cold War chapter is printed as Ctrl+P prints it: Chromium's print to PDF on A4, with
nothing prepared by the test; the book's beforeprint path (core/print.js) must draw every
chart by itself. Checked: at most 25 pages; every chart drawn, at the page's width, when
the browser lays out the print; figures numbered in the printed text; no "Data behind this
chart" table; the answers in one section at the end, none of them above it.
Uses the session's built and served site, Debian's chromium and poppler-utils.
Code: docs/assets/javascripts/src/core/print.js, docs/assets/stylesheets/handout.css,
sdbook/platform/handout.py, sdbook/platform/figures.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from sdbook.platform.tree import parse

pytest.importorskip("playwright.sync_api")

MAX_PAGES = 25  # issue 16: "at most 25 A4 pages" (it printed 53 before)
CHAPTER = "cold-war"


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: install Debian's poppler-utils (python3 book.py test does)"
    return path


# Runs after the book's own beforeprint listeners (added later): what each plot holds when
# the browser lays the page out for paper.
RECORD_AT_PRINT = """() => {
  window.addEventListener("beforeprint", () => {
    window.__atPrint = Array.from(document.querySelectorAll(".sd-chart__plot")).map((el) => ({
      name: el.closest("figure").dataset.sdName,
      traces: el.querySelectorAll(".main-svg .trace, .main-svg .point, .main-svg .bars path").length,
      width: (el.querySelector(".main-svg") || { getAttribute: () => "0" }).getAttribute("width"),
    }));
  });
}"""


@pytest.fixture(scope="module")
def printed(browser, served_site, site, tmp_path_factory):
    for name in ("pdfinfo", "pdftotext"):
        _tool(name)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    # The reader prints before the page's feature scripts have arrived (here: never, their
    # script tags are refused): the charts must still reach paper, by the print path's own
    # request for the charts feature (core/features.js, loadForPrint).
    page.route("**/javascripts/features/*.js",
               lambda route: route.abort() if route.request.resource_type == "script" else route.continue_())
    page.goto(f"{served_site}/{CHAPTER}/", wait_until="load")
    page.wait_for_function("() => window.sdbook && window.sdbook.print", timeout=60_000)
    untouched = page.eval_on_selector_all(".sd-chart__plot", "els => els.filter(e => !e.dataset.sdState).length")
    page.evaluate(RECORD_AT_PRINT)
    pdf = tmp_path_factory.mktemp("handout") / f"{CHAPTER}.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    at_print = page.evaluate("() => window.__atPrint")
    context.close()
    html = (site / CHAPTER / "index.html").read_text(encoding="utf-8")
    return {"pdf": pdf, "at_print": at_print, "untouched": untouched, "errors": errors, "html": html}


def _text(pdf) -> str:
    return subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_chapter_prints_on_at_most_25_a4_pages(printed):
    info = subprocess.run([_tool("pdfinfo"), str(printed["pdf"])], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert "(A4)" in info, info
    assert pages <= MAX_PAGES, f"the {CHAPTER} chapter prints on {pages} A4 pages (at most {MAX_PAGES})"
    assert not printed["errors"], printed["errors"]


def test_every_chart_is_drawn_for_paper_without_scrolling(printed):
    charts = parse(printed["html"]).find_all("figure", class_="sd-chart")
    assert len(printed["at_print"]) == len(charts) >= 6
    # The test scrolled nowhere: most charts were still waiting when print was asked for.
    assert printed["untouched"] >= len(charts) - 2, "charts were drawn before printing; the test proves nothing"
    blank = [plot["name"] for plot in printed["at_print"] if plot["traces"] == 0]
    assert not blank, f"charts blank on paper: {blank}"
    # Drawn at the page's width (print.js), not the screen's 1280-px column.
    widths = {plot["name"]: int(float(plot["width"])) for plot in printed["at_print"]}
    assert all(600 <= width <= 700 for width in widths.values()), widths


def test_figures_are_numbered_and_tables_left_out(printed):
    text = _text(printed["pdf"])
    numbers = re.findall(r"Figure (5\.\d+)\. Takeaway", text)
    charts = len(printed["at_print"])
    assert numbers == [f"5.{n}" for n in range(1, charts + 1)], numbers
    assert "Data behind this chart" not in text
    assert "Drawn by cell" not in text
    assert re.search(r"\(Figure 5\.\d\)", text), "the printed prose refers to no figure by number"


def test_answers_come_at_the_end_and_nowhere_above(printed):
    text = _text(printed["pdf"])
    section = parse(printed["html"]).find("section", class_="sd-answers")
    assert section is not None and section.has_attr("hidden"), "the chapter has no Answers section"
    # The section starts a page: its heading follows pdftotext's form feed.
    heading = [m.start() for m in re.finditer(r"^\f?Answers$", text, re.M)]
    assert heading, "no 'Answers' heading in the printed chapter"
    start = heading[-1]
    answers = [body.get_text(" ", strip=True) for body in section.find_all(class_="sd-answers__body")]
    assert len(answers) >= 6  # five exercises and the quiz key
    # The page's text without the answers: a phrase of an answer found only in the answers
    # (a model answer may repeat a sentence of the prose, as the Cold War's first one does).
    rest = parse(printed["html"])
    for tag in rest.find_all(class_=["sd-answers", "sd-print-omit"]):
        tag.decompose()
    rest_text = " ".join(rest.get_text(" ").split())
    flat, flat_start = re.sub(r"\s+", "", text), len(re.sub(r"\s+", "", text[:start]))
    for answer in answers:
        words_of = answer.split()
        windows = [" ".join(words_of[i:i + 8]) for i in range(max(1, len(words_of) - 7))]
        opening = next((w for w in windows if w not in rest_text), None)
        assert opening, f"no phrase of this answer is its own: {answer[:80]!r}"
        # Compared without white space: line breaks, and "1967 : Right" (tags) against "1967: Right".
        places = [m.start() for m in re.finditer(re.escape(re.sub(r"\s+", "", opening)), flat)]
        assert places, f"answer not printed: {opening!r}"
        assert all(place > flat_start for place in places), f"an answer prints above the Answers section: {opening!r}"
    assert "Model answer" not in text and "Answer key" not in text
    # The exercises themselves still print, above the answers.
    assert 0 <= text.find("Exercise 1: Who peaked when?") < start
