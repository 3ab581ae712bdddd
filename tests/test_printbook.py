"""The whole-book page's finishing (sdbook/platform/printbook.py, print_ids.py, printcopy.py) on
the markup shapes mkdocs-print-site-plugin 2.9 and nbconvert write, without building the site."""

from __future__ import annotations

from sdbook.platform import printbook, printcopy
from sdbook.platform.print_ids import unique_ids_in
from sdbook.platform.tree import parse, serialize

# print-site's page: cover, its contents section (filled by its script), each navigation
# group as an md-section holding its pages' sections, pages as sections keyed by their URL.
PRINT_SITE = """<div id="print-site-page" class="">
<section id="print-site-cover-page"><h1>The Book</h1></section>
<section class="print-page">
  <div id="print-page-toc" data-toc-depth="2"><nav role='navigation' class='print-page-toc-nav'>
  <h1 class='print-page-toc-title'>Table of Contents</h1></nav></div>
</section>
<section class="print-page md-section" id="section-2" heading-number="2">
<h1>Naval race<a class="headerlink" href="#section-2" title="Permanent link"></a>
</h1>
<section class="print-page" id="naval-race" heading-number="2.1"><h1 id="naval-race-naval-race">Naval race, 1898-1914<a class="headerlink" href="#naval-race-naval-race">&para;</a></h1>
<h2 id="naval-race-exercises">Exercises</h2>
<details class="question"><summary>Exercise 1: Count the ships</summary><p>Count them.</p>
<details class="success"><summary>Model answer</summary><p>Twenty-nine ships.</p></details></details>
<form class="sd-quiz" id="quiz-1"><fieldset><legend>Q</legend></fieldset>
<details class="sd-quiz__key"><summary>Answer key</summary><ol><li>Agadir</li></ol></details></form>
<p>See <a href="#notebooks-naval_race" data-sd-href="notebooks/naval_race/">the notebook</a>,
the <a href="#classroom-role-cards-germany" data-sd-href="classroom/role-cards/#germany">German card</a>
and <a href="#ref-x">Lambi</a>.</p><ul><li id="ref-x">Lambi 1984</li></ul>
</section>
<section class="print-page md-section" id="section-2-3" heading-number="2.3"><h1>Country briefs</h1></section>
</section>
<section class="print-page md-section" id="section-3" heading-number="3">
<h1>For instructors<a class="headerlink" href="#section-3" title="Permanent link"></a></h1>
<section class="print-page" id="classroom-role-cards" heading-number="3.1"><h1 id="classroom-role-cards-role-cards">Role cards</h1>
<h2 id="classroom-role-cards-germany">Germany</h2><ul><li id="ref-x">Lambi 1984</li></ul></section>
</section>
<section class="print-page" id="glossary" heading-number="4"><h1 id="glossary-glossary">Glossary</h1></section>
</div>
<nav class="md-nav"><ul><li class="md-nav__item"><a class="md-nav__link" href="#section-2-3">Country briefs</a></li></ul></nav>"""

URLS = {"naval-race": "naval-race/", "classroom-role-cards": "classroom/role-cards/",
        "glossary": "glossary/", "notebooks-naval_race": "notebooks/naval_race/"}


def _finished():
    tree = parse(PRINT_SITE)
    unique_ids_in(tree)
    report = printbook.finish_book(tree, URLS)
    return tree, report


def test_every_link_on_the_finished_page_leads_somewhere():
    tree, report = _finished()
    ids = [t["id"] for t in tree.find_all(id=True)]
    assert len(ids) == len(set(ids))
    dead = [a["href"] for a in tree.find_all("a", href=True) if a["href"].startswith("#") and a["href"][1:] not in ids]
    assert dead == []
    # the notebook print-site leaves out: its page on the site, from print_page/
    assert tree.find("a", string="the notebook")["href"] == "../notebooks/naval_race/"
    assert report["revived"] == 1
    assert tree.find(attrs={"data-sd-href": True}) is None        # the marks are not published
    assert tree.find("a", string="Lambi")["href"] == "#naval-race-ref-x"  # print_ids ran first


def test_a_group_named_as_its_chapter_is_headed_once_and_an_empty_group_goes():
    tree, _ = _finished()
    titles = [h.get_text(" ", strip=True).replace("¶", "").strip() for h in tree.find_all("h1")]
    assert "Naval race" not in titles and "Naval race, 1898-1914" in titles
    assert "For instructors" in titles                  # a group with its own name keeps it
    assert "Country briefs" not in titles and tree.find(id="section-2-3") is None
    assert tree.find("a", class_="md-nav__link") is None  # nor its side-navigation entry


def test_answers_move_to_the_back_before_the_glossary_with_links_both_ways():
    tree, report = _finished()
    assert report["answers"] == 2
    back = tree.find(id=printbook.ANSWERS_ID)
    assert back.find_next("section", class_="print-page")["id"] == "glossary"
    exercise = tree.find("details", class_="question")
    assert "Twenty-nine" not in exercise.get_text() and "Twenty-nine" in back.get_text()
    pointer = exercise.find("a")
    assert tree.find(id=pointer["href"][1:]).find_parent(id=printbook.ANSWERS_ID) is back
    assert back.find("a", string="Back to the question")["href"] == f"#{exercise['id']}"
    key = back.find("li", string="Agadir").find_parent(class_="sd-answers__item")
    assert key["data-sd-edition"] == "instructor"
    assert all(d.has_attr("open") for d in tree.find_all("details"))  # paper cannot be clicked


def test_contents_list_each_page_once_and_editions_are_marked():
    tree, _ = _finished()
    contents = tree.find(id=printbook.CONTENTS_ID)
    assert tree.find(id="print-page-toc") is None   # print-site's own, filled by its script
    pages = [li.find("a").get_text() for li in contents.find_all("li", class_="sd-contents__page")]
    assert pages == ["Naval race, 1898-1914", "Role cards", "Answers", "Glossary"]
    sections = [a.get_text() for a in contents.select(".sd-contents__sections a")]
    assert sections == ["Exercises", "Germany", "Naval race, 1898-1914"]  # the answers by chapter
    role_cards = contents.find("a", string="Role cards").find_parent("li")
    assert role_cards["data-sd-edition"] == "instructor"
    assert tree.find(id="section-3")["data-sd-edition"] == "instructor"
    # a link from a chapter into the instructor's pages knows its address on the site
    card = tree.find("a", string="German card")
    assert card["href"] == "#classroom-role-cards-germany"
    assert card["data-sd-web"] == "../classroom/role-cards/#germany"
    # and a link to the group holding them (the side navigation's) goes to its first page
    tree = parse(PRINT_SITE.replace("</nav>", "</nav>").replace(
        '<a class="md-nav__link" href="#section-2-3">', '<a class="md-nav__link" href="#section-3">'))
    unique_ids_in(tree)
    printbook.finish_book(tree, URLS)
    assert tree.find("a", class_="md-nav__link")["data-sd-web"] == "../classroom/role-cards/"


def test_student_edition_keeps_every_link():
    """What tools/book_pdf.py does in the page for the student edition, on the tree."""
    tree, _ = _finished()
    for part in tree.find_all(attrs={"data-sd-edition": "instructor"}):
        part.decompose()
    ids = {t["id"] for t in tree.find_all(id=True)}
    dead = [a for a in tree.find_all("a", href=True)
            if a["href"].startswith("#") and a["href"][1:] not in ids and not a.get("data-sd-web")]
    assert dead == [] and "Agadir" not in tree.get_text() and "Twenty-nine" in tree.get_text()


class _Page:
    def __init__(self, url, html):
        self.url, self.html = url, html


def test_the_print_copy_marks_each_link_with_the_address_it_had():
    """nbconvert's Markdown cell markup and a chapter's links, as the plugin hands them over."""
    notebook = ('<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell"><div class="jp-Cell-inputWrapper">'
                '<div class="jp-InputArea jp-Cell-inputArea"><div class="jp-RenderedHTMLCommon '
                'jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">'
                '<p>See <a href="../../naval-race/#exercises">the chapter</a>, <a href="#top">top</a>, '
                '<a href="https://example.org/">out</a> and <a href="sdbook:root/data/x.csv" download>data</a>.'
                '</p></div></div></div></div>')
    copy, page = printcopy.PrintCopy(), _Page("notebooks/naval_race/", "print-site's copy")
    tree = parse(notebook)
    copy.prepare(page, tree)
    marked = {a.get_text(): a.get("data-sd-href") for a in parse(page.html).find_all("a")}
    assert marked == {"the chapter": "naval-race/#exercises", "top": None, "out": None, "data": "data/x.csv"}
    assert copy.page_urls == {"notebooks-naval_race": "notebooks/naval_race/"}
    assert printcopy.page_key("notebooks/naval_race/") == "notebooks-naval_race"
    assert printcopy.page_key("") == "index"


def test_the_tree_keeps_what_it_does_not_change():
    tree = parse(PRINT_SITE)
    assert serialize(parse(serialize(tree))) == serialize(tree)


def test_the_downloads_page_links_the_pdfs_only_when_they_are_printed():
    import importlib.util

    from conftest import ROOT
    from sdbook.platform import classroom

    spec = importlib.util.spec_from_file_location("book_pdf", ROOT / "tools" / "book_pdf.py")
    book_pdf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(book_pdf)
    chapters = [("naval-race", "The naval race & Tirpitz")]
    plain = classroom.pdf_downloads_markdown(chapters, False, "../../")
    assert "python3 book.py pdf" in plain and "href" not in plain
    printed = classroom.pdf_downloads_markdown(chapters, True, "../../")
    for name in [*book_pdf.EDITIONS.values(), "chapter-naval-race.pdf"]:  # the names the printer writes
        assert f'href="../../downloads/{name}"' in printed, name
    assert "The naval race &amp; Tirpitz" in printed
    assert book_pdf.chapter_pages(ROOT / "docs")[:2] == ["core-logic/", "origins/"]


def test_a_hidden_part_of_a_page_is_neither_listed_nor_moved():
    """A chapter's own printed-answers section (hidden on screen) stays as it is."""
    page = PRINT_SITE.replace('<h2 id="naval-race-exercises">', '<section hidden><h2 id="naval-race-answers">Answers</h2>'
                              '<details class="question"><summary>E</summary><details class="success">'
                              '<summary>Model answer</summary><p>Copy.</p></details></details></section>'
                              '<h2 id="naval-race-exercises">')
    tree = parse(page)
    unique_ids_in(tree)
    report = printbook.finish_book(tree, URLS)
    assert report["answers"] == 2
    assert "naval-race-answers" not in [a["href"][1:] for a in tree.find_all("a", class_="sd-contents__entry")]
