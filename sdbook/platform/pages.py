"""Finishing touches on built pages: notebook pages lose nbconvert's baggage, links that
start at the site's root are made relative, and notebook pages say how to run them.
"""

from __future__ import annotations

import html
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


def run_it_yourself(stem: str, repo_url: str | None, branch: str) -> str:
    """How a reader runs this notebook: the same words in every notebook page."""
    clone = (f'<code>git clone {html.escape(repo_url)}</code>, change into the new folder and run'
             if repo_url else "clone the book's repository, change into it and run")
    source = (f' · <a href="{html.escape(repo_url.rstrip("/"))}/blob/{branch}/notebooks/{stem}.ipynb">'
              "view its source</a>" if repo_url else "")
    return ('<div class="admonition tip sd-run"><p class="admonition-title">Run this notebook yourself</p>'
            f'<p>This page shows the notebook as the book last executed it. To change it and run it: '
            f'{clone} <code>python3 book.py serve</code> once (it installs everything, with only '
            f'Python 3.11+ needed), then open <code>notebooks/{stem}.ipynb</code> in Jupyter with '
            f'the <code>.venv</code> kernel. A downloaded copy (<a href="{stem}.ipynb" download>'
            f'{stem}.ipynb</a>) runs the same way once placed in that folder{source}.</p></div>')
