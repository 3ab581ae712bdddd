"""The whole-book print page (mkdocs-print-site-plugin's ``print_page/``), fed the final HTML.

- print-site keeps a copy of each page's HTML as it sees it, before the book's plugin
  strips nbconvert's 575 KB inline CSS and scripts from notebook pages; it is handed the
  final HTML instead, in the print form below.
- print-site rewrites ids and links on its copy with regular expressions that rescan to
  the end of the line for every tag; a chart is one line of several hundred kilobytes (its
  figure JSON and data table), which made that quadratic and the build take many minutes.
  Its copy gets each figure's JSON swapped for a short key and a line break between the
  chart's tags (on the page's tree); :meth:`PrintCopy.finish` puts the JSON back into the
  written page.
- print-site writes heading-number CSS into its page even when numbering is off; it is the
  only inline ``<style>`` the site would carry, and is removed.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from bs4.element import NavigableString, Tag

from .print_ids import unique_ids
from .tree import serialize

_KEY = "sdbook-print-figure-{}"
_STASHED = re.compile(r"sdbook-print-figure-(\d+)")
_ENUMERATION_STYLE = re.compile(r"<style>\s*\.print-site-enumerate-headings[^<]*</style>")


def _break_lines(figure: Tag) -> None:
    """A line break before every tag in the figure that follows a tag or opens its parent."""
    for tag in list(figure.find_all(True)):
        before = tag.previous_sibling
        if before is None or isinstance(before, Tag):
            tag.insert_before(NavigableString("\n"))


class PrintCopy:
    """The figures taken out of print-site's copies during one build."""

    def __init__(self):
        self.figures: list[str] = []

    def prepare(self, page, tree: Tag, finish=lambda text: text) -> None:
        """Give print-site (which keeps ``page.html``) the final page, in its print form.
        Changes ``tree``: call it after the page's own HTML has been written."""
        if getattr(page, "html", None) is None:
            return
        for figure in tree.find_all("figure", class_="sd-chart"):
            for plot in figure.find_all(attrs={"data-sd-figure": True}):
                self.figures.append(plot["data-sd-figure"])
                plot["data-sd-figure"] = _KEY.format(len(self.figures) - 1)
            _break_lines(figure)
        page.html = finish(serialize(tree))

    def finish(self, config) -> None:
        """Put the figures back into the written print page and drop its unused CSS."""
        plugin = config["plugins"].get("print-site")
        if plugin is None or not plugin.config.get("enabled"):
            return
        page = Path(config["site_dir"]) / plugin.config.get("print_page_basename") / "index.html"
        if not page.is_file():
            return
        text = page.read_text(encoding="utf-8")
        text = unique_ids(text)  # the book's own ids repeat from chapter to chapter (print_ids.py)
        if not plugin.config.get("enumerate_headings"):
            text = _ENUMERATION_STYLE.sub("", text)
        # Our own key, inside the attribute print-site left alone; the JSON goes back escaped.
        text = _STASHED.sub(lambda m: html.escape(self.figures[int(m.group(1))]), text)
        page.write_text(text, encoding="utf-8")
