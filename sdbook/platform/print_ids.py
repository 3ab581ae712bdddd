"""Unique ids on the whole-book page.

The print-site plugin puts every page into one document, one ``<section class="print-page"
id="<page>">`` each, and rewrites the in-page links of a page to ``#<page>-<id>``, but it
renames only heading ids. The ids the book writes itself (reference lists ``ref-<key>``,
quizzes ``quiz-<n>`` and their controls) then repeat from chapter to chapter, and the
rewritten links point at nothing. Here each such id becomes ``<page>-<id>``, together with
every attribute in the same section that refers to it; and each chapter's "On this page"
contents (a navigation landmark) is named after its chapter.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter

_SECTION = re.compile(r'(<section class="print-page" id="([^"]+)"[^>]*>)(.*?)(?=<section class="print-page"|\Z)',
                      re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_REFERS = re.compile(r'\b(for|aria-labelledby|aria-describedby|aria-controls|href)="(#?)([^"]*)"')


_CONTENTS = re.compile(r'(<nav class="sd-page-toc" aria-label=")On this page(")')
_TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def _name_contents(body: str, page: str) -> str:
    """Each chapter's phone contents list is a landmark; on one page they need distinct names."""
    title = _TITLE.search(body)
    name = html_lib.unescape(re.sub(r"<[^>]+>", "", title.group(1))).replace("¶", "").strip() \
        if title else page
    return _CONTENTS.sub(lambda m: f"{m.group(1)}Contents: {html_lib.escape(name)}{m.group(2)}", body)


def unique_ids(html: str) -> str:
    sections = _SECTION.findall(html)
    counts = Counter(i for _, _, body in sections for i in _ID.findall(body))
    linked = set(re.findall(r'href="#([^"]+)"', html))

    def rename(match: re.Match) -> str:
        opening, page, body = match.group(1), match.group(2), match.group(3)
        prefix = f"{page}-"
        ids = {i for i in _ID.findall(body)
               if not i.startswith(prefix) and (counts[i] > 1 or prefix + i in linked)}
        body = _name_contents(body, page)
        if not ids:
            return opening + body
        body = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"' if m.group(1) in ids else m.group(0), body)

        def refer(m: re.Match) -> str:
            attr, hash_, value = m.groups()
            if attr == "href":
                return f'href="#{prefix}{value}"' if hash_ and value in ids else m.group(0)
            names = [prefix + v if v in ids else v for v in value.split()]
            return f'{attr}="{" ".join(names)}"'
        return opening + _REFERS.sub(refer, body)

    return _SECTION.sub(rename, html)
