"""Links between the book's pages, checked with the line they are written on.

MkDocs checks every link too, but names only the page ("Doc file 'x.md' contains a link
'y.md', but the target is not found"); an author then searches the whole chapter. This
check runs first, on the Markdown as written, and names the line.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from . import BookBuildError
from .directives import outside_fences

# [text](target) and ![alt](target), with an optional "title"; not inside `code`.
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_PAGE_SUFFIXES = (".md", ".ipynb")


def broken_page_links(markdown: str, src: str, known: set[str]) -> list[tuple[int, str]]:
    """(line index, target) of each link from page ``src`` to a page that is not in ``known``
    (paths under docs/, as MkDocs's ``src_uri``)."""
    lines = markdown.split("\n")
    broken = []
    for index in outside_fences(lines):
        for match in _LINK.finditer(_CODE_SPAN.sub("", lines[index])):
            target = urlsplit(match.group(1))
            if target.scheme or target.netloc or not target.path.endswith(_PAGE_SUFFIXES) \
                    or target.path.startswith("/"):
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(target.path)))
            if path not in known:
                broken.append((index, match.group(1)))
    return broken


def check(markdown: str, src: str, known: set[str], where: str, first_line: int) -> None:
    """Fail on the first broken link to a page, naming file, line and target."""
    for index, target in broken_page_links(markdown, src, known)[:1]:
        raise BookBuildError(f"{where}, line {first_line + index}: the link to {target!r} "
                             "points at no page of the book")
