"""Finishing touches on built pages: notebook pages lose nbconvert's baggage, links that
start at the site's root are made relative, and notebook pages say how to run them.
"""

from __future__ import annotations

import html
import posixpath
import re

from ..display import SITE_ROOT
from .glossary import Term, mark_terms_in_text

_INLINE_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)
# Every <script> nbconvert writes (CDN MathJax and Mermaid tags, an empty-src MathJax tag,
# the copy button's custom element): charts need none, and Material's instant navigation
# would re-run inline scripts on every visit. The copy buttons go with their script.
_ANY_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_COPY_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S)
_COPY_SOURCE = re.compile(r'<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>', re.S)
_CDN_COMMENTS = re.compile(r"<!-- (Load mathjax|MathJax configuration|End of mathjax configuration"
                           r"|End of mermaid configuration) -->")
# pandas writes an empty <th> above the index column (and under column labels when the
# index is named): a header cell that heads nothing (axe: empty-table-header).
_DATAFRAME = re.compile(r'<table[^>]*class="dataframe"[^>]*>.*?</table>', re.S)
_MARKDOWN_CELL = re.compile(r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)'
                            r'(</div>\s*</div>\s*</div>\s*</div>)', re.S)


def relative_root(dest_uri: str) -> str:
    """The relative path from a page (by its output file) to the site's root, ending in '/'."""
    depth = posixpath.dirname(dest_uri).count("/") + (1 if posixpath.dirname(dest_uri) else 0)
    return "../" * depth or "./"


def rewrite_root(page_html: str, root: str) -> str:
    return page_html.replace(SITE_ROOT, root)


def clean_notebook(page_html: str) -> str:
    """Strip nbconvert's per-page CSS (~585 KB), scripts and copy buttons."""
    for pattern in (_INLINE_STYLE, _ANY_SCRIPT, _COPY_BUTTON, _COPY_SOURCE, _CDN_COMMENTS):
        page_html = pattern.sub("", page_html)
    return _DATAFRAME.sub(lambda m: re.sub(r"<th>\s*</th>", "<td></td>", m.group(0)), page_html)


def mark_notebook_terms(page_html: str, terms: list[Term]) -> str:
    """Glossary marks in a notebook page's Markdown cells (nbconvert, not Markdown, made them)."""
    return _MARKDOWN_CELL.sub(lambda m: m.group(1) + mark_terms_in_text(m.group(2), terms) + m.group(3),
                              page_html)


def run_it_yourself(stem: str, repo_url: str | None) -> str:
    """How a reader runs this notebook: the same words in every notebook page."""
    clone = (f'<code>git clone {html.escape(repo_url)}</code>, change into the new folder and run'
             if repo_url else "clone the book's repository, change into it and run")
    source = (f' · <a href="{html.escape(repo_url.rstrip("/"))}/blob/main/notebooks/{stem}.ipynb">'
              "view its source</a>" if repo_url else "")
    return ('<div class="admonition tip sd-run"><p class="admonition-title">Run this notebook yourself</p>'
            f'<p>This page shows the notebook as the book last executed it. To change it and run it: '
            f'{clone} <code>python3 book.py serve</code> once (it installs everything, with only '
            f'Python 3.11+ needed), then open <code>notebooks/{stem}.ipynb</code> in Jupyter with '
            f'the <code>.venv</code> kernel. A downloaded copy (<a href="{stem}.ipynb" download>'
            f'{stem}.ipynb</a>) runs the same way once placed in that folder{source}.</p></div>')
