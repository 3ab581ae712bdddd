"""Unique ids on the whole-book page.

The print-site plugin puts every page into one document, one ``<section class="print-page"
id="<page>">`` each, and rewrites the in-page links of a page to ``#<page>-<id>``, but it
renames only heading ids. The ids the book writes itself (reference lists ``ref-<key>``,
quizzes ``quiz-<n>`` and their controls) then repeat from chapter to chapter, and the
rewritten links point at nothing. Here each such id becomes ``<page>-<id>``, together with
every attribute in the same section that refers to it; and each chapter's "On this page"
contents (a navigation landmark) is named after its chapter.

Works on the parsed page (:mod:`.tree`): elements, not the text print-site happened to write.
"""

from __future__ import annotations

from collections import Counter

from bs4.element import Tag

from .tree import edit

# Attributes holding a space-separated list of ids in the same document.
_ID_LISTS = ("for", "aria-labelledby", "aria-describedby", "aria-controls")


def sections(tree: Tag) -> list[Tag]:
    """print-site's one section per page of the book. Its contents section has no id; a
    navigation group's section (``md-section``) holds only its name and its pages' sections."""
    return [s for s in tree.find_all("section", class_="print-page")
            if s.get("id") and "md-section" not in s["class"]]


def _title(section: Tag) -> str:
    heading = section.find("h1")
    if heading is None:
        return section["id"]
    return heading.get_text().replace("¶", "").strip()


def _name_contents(section: Tag) -> None:
    """Each chapter's phone contents list is a landmark; on one page they need distinct names."""
    for nav in section.find_all("nav", class_="sd-page-toc", attrs={"aria-label": "On this page"}):
        nav["aria-label"] = f"Contents: {_title(section)}"


def unique_ids_in(tree: Tag) -> None:
    """Rename, in place, the ids that repeat across pages or that print-site's links expect."""
    pages = sections(tree)
    counts = Counter(tag["id"] for section in pages for tag in section.find_all(id=True))
    linked = {t["href"][1:] for t in tree.find_all(href=True) if t["href"].startswith("#")}
    for section in pages:
        _name_contents(section)
        prefix = f"{section['id']}-"
        tags = section.find_all(id=True)
        renamed = {tag["id"] for tag in tags
                   if not tag["id"].startswith(prefix)
                   and (counts[tag["id"]] > 1 or prefix + tag["id"] in linked)}
        if not renamed:
            continue
        for tag in tags:
            if tag["id"] in renamed:
                tag["id"] = prefix + tag["id"]
        for tag in section.find_all(True):
            for attr in _ID_LISTS:
                if tag.get(attr):
                    value = tag[attr] if isinstance(tag[attr], str) else " ".join(tag[attr])
                    tag[attr] = " ".join(prefix + v if v in renamed else v for v in value.split())
            href = tag.get("href")
            if href and href.startswith("#") and href[1:] in renamed:
                tag["href"] = f"#{prefix}{href[1:]}"


def unique_ids(html: str) -> str:
    """:func:`unique_ids_in` on a page given and returned as text."""
    return edit(html, unique_ids_in)
