"""Figures numbered in their chapter and referred to by number; a chapter's answers gathered
for print (sdbook/platform/figures.py, handout.py; issue 16 item 3, issue 18 item 5)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from sdbook.platform import BookBuildError, figures, furniture, handout
from sdbook.platform.tree import parse, serialize

CHAPTERS = ("core-logic", "origins", "modelling", "naval-race", "cold-war", "today", "model-un", "questions")


def _chart(name: str) -> str:
    return (f'<figure class="sd-chart" id="chart-{name}" data-sd-name="{name}"><figcaption>'
            f'<strong>Takeaway.</strong> Something about {name}.</figcaption>'
            '<div class="sd-chart__plot"></div></figure>')


NUMBERED = figures.number_figures({
    "naval-race/index.md": (4, "# Naval\n::: chart naval-a\n```\n::: chart not-a-chart\n```\n::: chart naval-b\n"),
    "cold-war/index.md": (5, "# Cold War\ntext\n::: chart cw-a\n\n::: chart cw-b\n::: chart cw-c\n"),
})


def test_figures_are_numbered_in_chapter_order_outside_code_blocks():
    labels = {name: figure.label for name, figure in NUMBERED.items()}
    assert labels == {"naval-a": "Figure 4.1", "naval-b": "Figure 4.2",
                      "cw-a": "Figure 5.1", "cw-b": "Figure 5.2", "cw-c": "Figure 5.3"}


def test_a_chart_shown_again_keeps_its_first_number():
    numbered = figures.number_figures({"b.md": (2, "::: chart x\n::: chart y"), "a.md": (1, "::: chart x")})
    assert {name: (f.label, f.page) for name, f in numbered.items()} == {
        "x": ("Figure 1.1", "a.md"), "y": ("Figure 2.1", "b.md")}


def test_captions_get_their_number_and_references_their_text():
    tree = parse("<p>See <a href=\"#chart-cw-b\"></a> and <a href=\"../naval-race/#chart-naval-b\"></a>; "
                 "<a href=\"#chart-cw-a\">the first chart</a> keeps its words.</p>"
                 + _chart("cw-a") + _chart("cw-b") + _chart("unnumbered"))
    assert figures.label_captions(tree, NUMBERED) == 2
    assert figures.resolve_references(tree, NUMBERED, "cold-war/index.md", "cold-war/") == 2
    html = serialize(tree)
    assert '<a href="#chart-cw-b" class="sd-figure-ref">Figure 5.2</a>' in html
    assert '<a href="../naval-race/#chart-naval-b" class="sd-figure-ref">Figure 4.2</a>' in html
    assert '<a href="#chart-cw-a">the first chart</a>' in html
    captions = [c.get_text(" ", strip=True) for c in tree.find_all("figcaption")]
    assert captions[0].startswith("Figure 5.1. Takeaway.")
    assert captions[1].startswith("Figure 5.2. Takeaway.")
    assert captions[2].startswith("Takeaway.")  # a chart no chapter embeds has no number
    # Labelling twice (the page rendered again by `serve`) adds nothing.
    assert figures.label_captions(tree, NUMBERED) == 0


@pytest.mark.parametrize("href, message", [
    ("#chart-cw-z", r"docs/cold-war/index\.md: the figure reference '#chart-cw-z' names no chart"),
    ("#chart-naval-a", r"points at cold-war/, but Figure 4\.1 \(naval-a\) is on docs/naval-race/index\.md"),
    ("../today/#chart-cw-a", r"points at today/, but Figure 5\.1"),
])
def test_a_reference_to_a_missing_or_misplaced_figure_stops_the_build(href, message):
    tree = parse(f'<p>As <a href="{href}"></a> shows.</p>')
    with pytest.raises(BookBuildError, match=message):
        figures.resolve_references(tree, NUMBERED, "cold-war/index.md", "cold-war/")


def test_every_reference_in_the_chapters_names_a_figure_of_the_book():
    """The book's own prose: each [](...#chart-name) names a chart some chapter embeds."""
    sources = {}
    for chapter in CHAPTERS:
        text = (ROOT / "docs" / chapter / "index.md").read_text(encoding="utf-8")
        meta, body = furniture.front_matter(text)
        sources[f"{chapter}/index.md"] = (int(meta["chapter"]), body)
    numbered = figures.number_figures(sources)
    references = [(chapter, name) for chapter in CHAPTERS
                  for name in re.findall(r"\[\]\([^)#]*#chart-([a-z0-9-]+)\)",
                                         sources[f"{chapter}/index.md"][1])]
    assert len(references) >= 10, f"the chapters refer to figures by number only {len(references)} times"
    missing = [(chapter, name) for chapter, name in references if name not in numbered]
    assert not missing, f"references to charts no chapter embeds: {missing}"


def test_a_chapter_built_has_numbered_captions_and_references(site):
    html = (site / "cold-war" / "index.html").read_text(encoding="utf-8")
    tree = parse(html)
    numbers = [f["data-sd-figure-number"] for f in tree.find_all("figure", class_="sd-chart")]
    assert numbers == [f"5.{n}" for n in range(1, len(numbers) + 1)] and len(numbers) >= 6, numbers
    refs = [a.get_text() for a in tree.find_all("a", class_="sd-figure-ref")]
    assert refs and all(re.fullmatch(r"Figure 5\.[1-9]", text) for text in refs), refs
    empty = [a["href"] for a in tree.find_all("a", href=re.compile(r"#chart-")) if not a.get_text(strip=True)]
    assert not empty, f"figure references left without their number: {empty}"


# --- answers gathered at the end of a chapter ---

EXERCISES = """
<details class="question"><summary>Exercise 1: Peaks</summary><p>When?</p>
<details class="success"><summary>Model answer</summary><p id="x">In 1967.</p></details></details>
<div class="sd-quiz" data-sd-quiz><details class="sd-quiz__key"><summary>Answer key</summary>
<ol><li><strong>1967</strong>: right.</li></ol></details></div>
"""


def test_answers_are_gathered_at_the_end_hidden_on_screen():
    tree = parse(EXERCISES)
    assert handout.gather_answers(tree, 5) == 2
    section = tree.find_all(recursive=False)[-1]
    assert section.name == "section" and section.has_attr("hidden") and section["data-sd-chapter"] == "5"
    text = section.get_text(" ", strip=True)
    assert text.startswith("Answers Exercises Exercise 1: Peaks In 1967.")
    assert "Quiz 1967 : right." in text
    assert not section.find(id=True), "a copied answer kept its id"
    originals = [d for d in tree.find_all("details") if not d.find_parent("section")]
    omitted = [d.summary.get_text() for d in originals if "sd-print-omit" in (d.get("class") or [])]
    assert omitted == ["Model answer", "Answer key"]


def test_a_page_without_answers_gets_no_section():
    tree = parse("<p>No exercises.</p>")
    assert handout.gather_answers(tree, 1) == 0
    assert not tree.find("section")
