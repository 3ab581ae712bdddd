"""Figures numbered within their chapter ("Figure 5.3"), and prose that refers to them by number.

A chapter's figures are the charts it embeds (``::: chart <name>``), numbered in the order
they appear, after the chapter's number (its ``chapter:`` front matter). Numbers are found
from the Markdown before any page is rendered, so a page can refer to a figure of another
chapter as surely as to its own.

Prose refers to a figure with an empty link to the chart's anchor, as MyST writes a
numbered reference::

    [](#chart-coldwar-triad) shows ...             ->  Figure 5.2 shows ...
    see [](../naval-race/index.md#chart-naval-fleet) ->  see Figure 4.3

The build fills in the text. A reference to a chart that no chapter embeds, or to a page
other than the one that shows it, stops the build with the page named: a reader never meets
a "Figure ?" or a number that leads nowhere.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from . import BookBuildError
from .directives import DIRECTIVE, outside_fences

ANCHOR_PREFIX = "chart-"  # a chart's id is chart-<name> (sdbook/display.py)


@dataclass(frozen=True)
class Figure:
    name: str
    chapter: int
    index: int   # 1-based within its chapter
    page: str    # src_uri of the chapter that embeds it (docs/<page>)

    @property
    def label(self) -> str:
        return f"Figure {self.chapter}.{self.index}"


def chart_names(markdown: str) -> list[str]:
    """The charts a page embeds, in order (``::: chart <name>`` lines outside code blocks)."""
    lines = markdown.split("\n")
    names = []
    for index in outside_fences(lines):
        match = DIRECTIVE.match(lines[index])
        if match and match.group("name") == "chart":
            names.append((match.group("args") or "").strip())
    return names


def number_figures(chapters: dict[str, tuple[int, str]]) -> dict[str, Figure]:
    """Every chapter's charts numbered: {chart name: Figure}, from {src: (number, markdown)}."""
    figures: dict[str, Figure] = {}
    for src, (number, markdown) in sorted(chapters.items(), key=lambda item: (item[1][0], item[0])):
        index = 0
        for name in chart_names(markdown):
            # A chart shown again in a later chapter keeps the number of its first showing
            # there too (it is the same figure), and takes no number of the later chapter.
            if name not in figures:
                index += 1
                figures[name] = Figure(name, number, index, src)
    return figures


def page_url(src: str) -> str:
    """A Markdown page's directory URL as MkDocs writes it ('cold-war/index.md' -> 'cold-war/')."""
    path = src.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    else:
        path += "/"
    return path


def label_captions(tree, figures: dict[str, Figure]) -> int:
    """Put "Figure 5.3." at the head of each numbered chart's caption; returns how many."""
    count = 0
    for figure in tree.find_all("figure", class_="sd-chart"):
        known = figures.get(figure.get("data-sd-name", ""))
        caption = figure.find("figcaption")
        if known is None or caption is None or caption.find(class_="sd-figure-number"):
            continue
        number = tree.new_tag("strong", attrs={"class": "sd-figure-number"})
        number.string = known.label + "."
        caption.insert(0, " ")
        caption.insert(0, number)
        figure["data-sd-figure-number"] = f"{known.chapter}.{known.index}"
        count += 1
    return count


def resolve_references(tree, figures: dict[str, Figure], page_src: str, page_url_: str) -> int:
    """Fill every empty link to a chart's anchor with its figure number; returns how many.

    ``page_url_`` is the page's URL (MkDocs has already rewritten Markdown links to URLs).
    """
    count = 0
    for link in tree.find_all("a", href=True):
        target = urlsplit(link["href"])
        if not target.fragment.startswith(ANCHOR_PREFIX) or link.get_text(strip=True) \
                or link.find(True):
            continue
        name = unquote(target.fragment)[len(ANCHOR_PREFIX):]
        where = f"docs/{page_src}"
        figure = figures.get(name)
        if figure is None:
            raise BookBuildError(f"{where}: the figure reference {link['href']!r} names no chart "
                                 f"that a chapter embeds (numbered: {', '.join(sorted(figures)) or 'none'})")
        if target.scheme or target.netloc:
            raise BookBuildError(f"{where}: the figure reference {link['href']!r} must be a link "
                                 "within the book")
        linked = posixpath.normpath(posixpath.join(page_url_, target.path)) + "/" if target.path else page_url_
        linked = "" if linked in ("./", "./.") else linked.removeprefix("./")
        if linked.rstrip("/") != page_url(figure.page).rstrip("/"):
            raise BookBuildError(f"{where}: the figure reference {link['href']!r} points at "
                                 f"{linked or 'the start page'}, but {figure.label} ({name}) is on "
                                 f"docs/{figure.page}")
        link.string = figure.label
        classes = link.get("class") or []
        if "sd-figure-ref" not in classes:
            link["class"] = [*classes, "sd-figure-ref"]
        count += 1
    return count
