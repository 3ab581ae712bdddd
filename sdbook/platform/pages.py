"""Finishing touches on built pages: notebook pages lose nbconvert's baggage, links that
start at the site's root are made relative, and notebook pages say how to run them.
"""

from __future__ import annotations

import posixpath

from bs4.element import Comment, Tag

from ..display import SITE_ROOT
from .glossary import Term, mark_terms

# nbconvert's <!-- ... --> notes around the CDN MathJax and Mermaid tags it writes.
_CDN_COMMENTS = ("Load mathjax", "MathJax configuration", "End of mathjax configuration",
                 "End of mermaid configuration")


def relative_root(dest_uri: str) -> str:
    """The relative path from a page (by its output file) to the site's root, ending in '/'."""
    depth = posixpath.dirname(dest_uri).count("/") + (1 if posixpath.dirname(dest_uri) else 0)
    return "../" * depth or "./"


def rewrite_root(page_html: str, root: str) -> str:
    return page_html.replace(SITE_ROOT, root)


def clean_notebook(tree: Tag) -> None:
    """Strip nbconvert's per-page CSS (~585 KB), scripts and copy buttons.

    Every <script> goes (CDN MathJax and Mermaid tags, an empty-src MathJax tag, the copy
    button's custom element): charts need none, and Material's instant navigation would
    re-run inline scripts on every visit. The copy buttons go with their script.
    """
    for element in tree.find_all(["style", "script"]):
        element.decompose()
    for element in tree.find_all("div", class_=["zeroclipboard-container", "clipboard-copy-txt"]):
        element.decompose()
    for comment in tree.find_all(string=lambda s: isinstance(s, Comment) and s.strip() in _CDN_COMMENTS):
        comment.extract()
    # pandas writes an empty <th> above the index column (and under column labels when the
    # index is named): a header cell that heads nothing (axe: empty-table-header).
    for table in tree.find_all("table", class_="dataframe"):
        for cell in table.find_all("th"):
            if not cell.attrs and not cell.get_text(strip=True):
                cell.name = "td"


def mark_notebook_terms(tree: Tag, terms: list[Term]) -> None:
    """Glossary marks in a notebook page's Markdown cells (nbconvert, not Markdown, made them)."""
    for cell in tree.find_all("div", class_="jp-RenderedMarkdown"):
        mark_terms(cell, terms)


def run_it_yourself(stem: str, launch_line: str) -> str:
    """How a reader runs this notebook: its download, Colab and Binder links (kit.launch_line)
    and the same words in every notebook page."""
    return ('<div class="admonition tip sd-run"><p class="admonition-title">Run this notebook yourself</p>'
            f'{launch_line}<p>This page shows the notebook as the book last executed it. A downloaded '
            f'copy, or one opened in Colab or Binder, runs from top to bottom: its first cell installs the '
            f"book's <code>sdbook</code> package, data included, when it is missing. In a clone of the "
            f'book\'s repository, <code>python3 book.py serve</code> installs everything (only Python 3.11+ '
            f'is needed); then open <code>notebooks/{stem}.ipynb</code> in Jupyter with the '
            f'<code>.venv</code> kernel.</p></div>')
