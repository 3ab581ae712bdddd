"""The whole-book page made into a book: contents, answers at the back, editions, live links.

print-site (mkdocs-print-site-plugin) puts every page into ``print_page/``. What it leaves
for a printed book is done here, on the parsed page (:mod:`.tree`), after :mod:`.print_ids`:

- **Links that lead somewhere.** print-site turns every link to another page into a link to
  that page's section; for a page it leaves out (the notebooks, the country briefs) or a
  file it takes for a page, the section is not there. Each link carries the address it had
  on its page (``data-sd-href``, set by :func:`mark_page_links`); a link left pointing at
  nothing goes back to that address, from the whole-book page.
- **One heading per chapter.** print-site heads each group of the navigation with the
  group's name on a page of its own, then the chapter with the same name; a group named as
  its first page loses its heading, and a group whose pages were all left out goes.
- **Contents** made from the sections (each page and its ``h2``s), once; print-site's own is
  copied from the sidebar by script and named each chapter twice. ``tools/book_pdf.py``
  writes the page numbers beside it.
- **Answers at the back.** Every exercise's model answer and every quiz's key moves to an
  "Answers" section before the glossary, and a link to it stays where it was.
- **Editions.** The instructor's parts (the "For instructors" pages and the quiz keys) are
  marked ``data-sd-edition="instructor"``; the student edition leaves them out, and a link
  into them carries its address on the site (``data-sd-web``) to be followed there instead.
- Every ``<details>`` is open: paper cannot be clicked.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit

from bs4.element import Tag

from ..display import SITE_ROOT
from .print_ids import sections
from .tree import has_class

ANSWERS_ID = "sd-answers"
CONTENTS_ID = "sd-contents"
INSTRUCTOR_SECTIONS = ("classroom",)  # page keys (print-site's) whose pages are for instructors
_FIRST_AFTER_ANSWERS = "glossary"


def _is_local_page_link(href: str) -> bool:
    parts = urlsplit(href)
    return not (parts.scheme or parts.netloc or href.startswith("#") or not parts.path)


def mark_page_links(tree: Tag, page_url: str) -> None:
    """Record on each link to another page of the site its address from the site's root."""
    for link in tree.find_all("a", href=True):
        href = link["href"]
        if href.startswith(SITE_ROOT):
            link["data-sd-href"] = href[len(SITE_ROOT):]
        elif _is_local_page_link(href):
            link["data-sd-href"] = urljoin("/" + page_url, href).lstrip("/")


def _page_sections(tree: Tag) -> list[Tag]:
    return sections(tree)


def _title(tag: Tag) -> str:
    return tag.get_text(" ", strip=True).replace("¶", "").strip()


def revive_links(tree: Tag, base: str = "../") -> int:
    """Links to a section the page does not hold go back to their page on the site."""
    ids = {tag["id"] for tag in tree.find_all(id=True)}
    revived = 0
    for link in tree.find_all("a", href=True):
        address = link.attrs.pop("data-sd-href", None)
        if link["href"].startswith("#") and link["href"][1:] not in ids and address is not None:
            link["href"] = posixpath.join(base, address) if address else base
            revived += 1
    return revived


def merge_group_headings(tree: Tag) -> None:
    """A navigation group's own heading goes when its first page has the same title; a group
    with no page left goes, with its entry in the page's side navigation."""
    for group in tree.find_all("section", class_="md-section"):
        pages = [s for s in group.find_all("section", class_="print-page") if not has_class(s, "md-section")]
        heading = group.find("h1", recursive=False)
        if not pages:
            for link in tree.find_all("a", class_="md-nav__link", href=f"#{group.get('id')}"):
                (link.find_parent("li") or link).decompose()
            group.decompose()
        elif heading is not None and pages[0].find("h1") is not None \
                and _title(pages[0].find("h1")).startswith(_title(heading)):
            heading.decompose()


def open_details(tree: Tag) -> None:
    """Paper cannot be clicked: exercises and boxes print open. A chart's data table stays
    closed (its takeaway and the chart print; the table is on the site and in the data zip)."""
    for details in tree.find_all("details"):
        if not has_class(details, "sd-chart__data"):
            details["open"] = ""


def _is_model_answer(details: Tag) -> bool:
    return has_class(details, "success") and details.find_parent("details", class_="question") is not None


def _answer_block(answer: Tag, heading: str, anchor: str, back: str, edition: str | None, soup) -> Tag:
    block = soup.new_tag("div", attrs={"class": "sd-answers__item"})
    if edition:
        block["data-sd-edition"] = edition
    title = soup.new_tag("h3", attrs={"id": anchor})
    title.string = heading
    block.append(title)
    summary = answer.find("summary")
    if summary is not None:
        summary.decompose()
    for child in list(answer.contents):
        block.append(child.extract())
    back_link = soup.new_tag("p", attrs={"class": "sd-answers__back"})
    link = soup.new_tag("a", attrs={"href": f"#{back}"})
    link.string = "Back to the question"
    back_link.append(link)
    block.append(back_link)
    return block


def _pointer(answer_id: str, text: str, edition: str | None, soup) -> Tag:
    pointer = soup.new_tag("p", attrs={"class": "sd-answers__pointer"})
    if edition:
        pointer["data-sd-edition"] = edition
    link = soup.new_tag("a", attrs={"href": f"#{answer_id}"})
    link.string = text
    pointer.append(link)
    return pointer


def _book_part(soup, css_class: str, part_id: str, title: str) -> Tag:
    """A part of the printed book of its own (contents, answers): a page section with its title."""
    part = soup.new_tag("section", attrs={"class": f"print-page {css_class}", "id": part_id})
    heading = soup.new_tag("h1", attrs={"id": f"{part_id}-title"})
    heading.string = title
    part.append(heading)
    return part


def answers_at_the_back(tree: Tag) -> int:
    """Move model answers and quiz keys into one section before the glossary; return how many."""
    soup = tree
    back = _book_part(soup, "sd-answers", ANSWERS_ID, "Answers")
    moved = 0
    for page in _page_sections(tree):
        found = [d for d in page.find_all("details") if (_is_model_answer(d) or has_class(d, "sd-quiz__key"))
                 and d.find_parent(attrs={"hidden": True}) is None]
        if not found:
            continue
        chapter = soup.new_tag("h2", attrs={"id": f"{ANSWERS_ID}-{page['id']}"})
        chapter.string = _title(page.find("h1")) if page.find("h1") else page["id"]
        back.append(chapter)
        for number, details in enumerate(found, start=1):
            answer_id = f"{ANSWERS_ID}-{page['id']}-{number}"
            if has_class(details, "sd-quiz__key"):
                edition = "instructor"
                question = details.find_parent("form") or details.parent
                title = "Quiz: answer key"
                pointer_text = "Answer key: see Answers at the back (instructor's edition)"
            else:
                edition = None
                question = details.find_parent("details", class_="question")
                summary = question.find("summary")
                title = _title(summary) if summary else f"Exercise {number}"
                pointer_text = "Model answer: see Answers at the back"
            if not question.get("id"):
                question["id"] = f"{answer_id}-question"
            details.replace_with(_pointer(answer_id, pointer_text, edition, soup))
            back.append(_answer_block(details, title, answer_id, question["id"], edition, soup))
            moved += 1
        if all(has_class(d, "sd-quiz__key") for d in found):
            chapter["data-sd-edition"] = "instructor"
    if moved:
        before = tree.find("section", id=_FIRST_AFTER_ANSWERS)
        if before is not None:
            before.insert_before(back)
        else:
            _page_sections(tree)[-1].insert_after(back)
    return moved


def mark_editions(tree: Tag) -> None:
    """The instructor's pages (and the navigation group holding them) belong to one edition."""
    for page in _page_sections(tree):
        if page["id"] in INSTRUCTOR_SECTIONS or page["id"].startswith(tuple(k + "-" for k in INSTRUCTOR_SECTIONS)):
            group = page.find_parent("section", class_="md-section")
            (group or page)["data-sd-edition"] = "instructor"


def web_addresses(tree: Tag, page_urls: dict[str, str], base: str = "../") -> None:
    """A link into a part one edition leaves out also carries its address on the site."""
    left_out = tree.find_all(attrs={"data-sd-edition": True})
    where = {}
    for part in left_out:
        for tag in part.find_all(id=True):
            page = tag if tag.name == "section" and tag["id"] in page_urls else \
                tag.find_parent(lambda t: t.name == "section" and t.get("id") in page_urls)
            if page is None:
                continue
            key, anchor = page["id"], tag["id"]
            fragment = "" if anchor == key else "#" + anchor.removeprefix(key + "-")
            where[anchor] = posixpath.join(base, page_urls[key]) + fragment
        # A navigation group's own section: its first page.
        first = next((s for s in part.find_all("section", id=True) if s["id"] in page_urls), None)
        if part.get("id") and part["id"] not in where and first is not None:
            where[part["id"]] = posixpath.join(base, page_urls[first["id"]])
    for link in tree.find_all("a", href=True):
        target = link["href"][1:] if link["href"].startswith("#") else None
        if target in where and link.find_parent(attrs={"data-sd-edition": True}) is None:
            link["data-sd-web"] = where[target]


def contents(tree: Tag) -> Tag:
    """The book's contents: each page and its sections, linked; page numbers come with the PDF."""
    soup = tree
    section = _book_part(soup, "sd-contents", CONTENTS_ID, "Contents")
    nav = soup.new_tag("nav", attrs={"aria-label": "Contents of the book", "class": "sd-contents__nav"})
    section.append(nav)
    listing = soup.new_tag("ol", attrs={"class": "sd-contents__list"})
    nav.append(listing)
    for page in _page_sections(tree):
        heading = page.find("h1")
        if heading is None:
            continue
        item = soup.new_tag("li", attrs={"class": "sd-contents__page"})
        edition = page.get("data-sd-edition") or (page.find_parent(attrs={"data-sd-edition": True}) or {}).get("data-sd-edition")
        if edition:
            item["data-sd-edition"] = edition
        item.append(_entry(soup, page["id"], _title(heading)))
        # Not a heading the page hides (a chapter's own printed-answers section, handout.py).
        subs = [h for h in page.find_all("h2", id=True)
                if h.find_parent("section", class_="print-page") is page and h.find_parent("nav") is None
                and not h.has_attr("hidden") and h.find_parent(attrs={"hidden": True}) is None]
        if subs:
            inner = soup.new_tag("ol", attrs={"class": "sd-contents__sections"})
            for sub in subs:
                sub_item = soup.new_tag("li")
                if not edition and (sub.get("data-sd-edition") or sub.find_parent(attrs={"data-sd-edition": True})):
                    sub_item["data-sd-edition"] = "instructor"
                sub_item.append(_entry(soup, sub["id"], _title(sub)))
                inner.append(sub_item)
            item.append(inner)
        listing.append(item)
    return section


def _entry(soup, target: str, text: str) -> Tag:
    link = soup.new_tag("a", attrs={"href": f"#{target}", "class": "sd-contents__entry"})
    link.string = text
    return link


def replace_contents(tree: Tag) -> None:
    """Our contents where print-site's is, or would be (the section after the cover)."""
    ours = contents(tree)
    theirs = tree.find(id="print-page-toc")
    if theirs is not None:
        theirs.find_parent("section").replace_with(ours)
        return
    cover = tree.find(id="print-site-cover-page")
    if cover is not None:  # with neither contents nor cover, the page is not a book: none
        cover.insert_after(ours)


def finish_book(tree: Tag, page_urls: dict[str, str]) -> dict[str, int]:
    """Every step above, in order; returns counts for the build log and tests."""
    merge_group_headings(tree)
    revived = revive_links(tree)
    open_details(tree)
    mark_editions(tree)
    moved = answers_at_the_back(tree)
    replace_contents(tree)
    web_addresses(tree, page_urls)
    return {"revived": revived, "answers": moved}

