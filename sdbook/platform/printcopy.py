"""The whole-book print page (mkdocs-print-site-plugin's ``print_page/``), fed the final HTML.

- print-site keeps a copy of each page's HTML as it sees it, before the book's plugin
  strips nbconvert's 575 KB inline CSS and scripts from notebook pages; it is handed the
  final HTML instead, in the print form below, each link to another page marked with the
  address it had (:func:`.printbook.mark_page_links`).
- print-site rewrites ids and links on its copy with regular expressions that rescan to
  the end of the line for every tag; a chart is one line of several hundred kilobytes (its
  figure JSON and data table), which made that quadratic and the build take many minutes.
  Its copy gets each figure's JSON swapped for a short key and a line break between the
  chart's tags (on the page's tree); :meth:`PrintCopy.finish` puts the JSON back.
- :meth:`PrintCopy.finish` parses the page print-site wrote once and hands the tree to
  :mod:`.print_ids` (unique ids) and :mod:`.printbook` (contents, answers, editions, links).
- print-site writes heading-number CSS into its page even when numbering is off; it is the
  only inline ``<style>`` the site would carry, and is removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4.element import NavigableString, Tag

from . import printbook
from .print_ids import unique_ids_in
from .tree import parse, serialize

_KEY = "sdbook-print-figure-{}"
_STASHED = re.compile(r"sdbook-print-figure-(\d+)")
_ENUMERATION_CSS = ".print-site-enumerate-headings"


def page_key(url: str) -> str:
    """print-site's name for a page's section (mkdocs_print_site_plugin.urls.get_page_key)."""
    key = url.lower().strip().rstrip("/").replace(".html", "").replace("/", "-").lstrip("-")
    return key or "index"


def _break_lines(figure: Tag) -> None:
    """A line break before every tag in the figure that follows a tag or opens its parent."""
    for tag in list(figure.find_all(True)):
        before = tag.previous_sibling
        if before is None or isinstance(before, Tag):
            tag.insert_before(NavigableString("\n"))


class PrintCopy:
    """The figures taken out of print-site's copies during one build, and every page's address."""

    def __init__(self):
        self.figures: list[str] = []
        self.page_urls: dict[str, str] = {}
        self.report: dict[str, int] = {}

    def prepare(self, page, tree: Tag, finish=lambda text: text) -> None:
        """Give print-site (which keeps ``page.html``) the final page, in its print form.
        Changes ``tree``: call it after the page's own HTML has been written."""
        url = getattr(page, "url", None)
        if url is not None:
            self.page_urls[page_key(url)] = url
        if getattr(page, "html", None) is None:
            return
        for figure in tree.find_all("figure", class_="sd-chart"):
            for plot in figure.find_all(attrs={"data-sd-figure": True}):
                self.figures.append(plot["data-sd-figure"])
                plot["data-sd-figure"] = _KEY.format(len(self.figures) - 1)
            _break_lines(figure)
        if url is not None:
            printbook.mark_page_links(tree, url)
        page.html = finish(serialize(tree))

    def finish(self, config) -> None:
        """Put the figures back into the written print page, make it a book, drop unused CSS."""
        plugin = config["plugins"].get("print-site")
        if plugin is None or not plugin.config.get("enabled"):
            return
        page = Path(config["site_dir"]) / plugin.config.get("print_page_basename") / "index.html"
        if not page.is_file():
            return
        tree = parse(page.read_text(encoding="utf-8"))
        unique_ids_in(tree)  # the book's own ids repeat from chapter to chapter (print_ids.py)
        self.report = printbook.finish_book(tree, self.page_urls)
        if not plugin.config.get("enumerate_headings"):
            for style in tree.find_all("style"):
                if style.get_text().strip().startswith(_ENUMERATION_CSS):
                    style.decompose()
        # Our own key, inside the attribute print-site left alone.
        for plot in tree.find_all(attrs={"data-sd-figure": _STASHED}):
            plot["data-sd-figure"] = self.figures[int(_STASHED.fullmatch(plot["data-sd-figure"]).group(1))]
        page.write_text(serialize(tree), encoding="utf-8")
