"""One glossary file → tooltips on every page, key-terms boxes, and the Glossary page.

Definitions live once, in ``docs/includes/glossary.yml``. Material's native way to show
a definition wherever a term appears is the ``abbr`` extension with a book-wide glossary;
this module feeds it from the YAML file. The titles become tooltips through one shared,
delegated tooltip (docs/assets/javascripts/src/features/glossary.js), not Material's
``content.tooltips``, whose per-mark components cost over a second on long chapters. On each page the first mark of a term becomes focusable, so keyboard users
get the definition too, without a tab stop at every repetition.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4.element import NavigableString, Tag

from . import BookBuildError

REQUIRED = ("id", "term", "definition", "explained_in")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    explained_in: str          # "<page>.md" or "<page>.md#anchor", relative to docs/
    also: tuple[str, ...] = ()

    @property
    def forms(self) -> list[str]:
        """Every spelling that shows the definition, capitalised at a sentence start too."""
        forms = []
        for form in (self.term, *self.also):
            for variant in (form, form[:1].upper() + form[1:]):
                if variant not in forms:
                    forms.append(variant)
        return forms

    @property
    def page(self) -> str:
        return self.explained_in.split("#", 1)[0]


def load(path: Path) -> list[Term]:
    """The glossary, checked: required fields, unique ids and spellings, plain text."""
    if not path.is_file():
        raise BookBuildError(f"{path}: the glossary file is missing")
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as err:
        raise BookBuildError(f"{path}: not valid YAML: {err}") from None
    if not isinstance(entries, list):
        raise BookBuildError(f"{path}: expected a list of terms")
    terms, ids, spellings = [], set(), {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: term #{number} ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        if not isinstance(entry, dict):
            raise BookBuildError(f"{where}: expected a mapping")
        missing = [key for key in REQUIRED if not str(entry.get(key) or "").strip()]
        if missing:
            raise BookBuildError(f"{where} lacks {', '.join(missing)}")
        unknown = set(entry) - {*REQUIRED, "also"}
        if unknown:
            raise BookBuildError(f"{where}: unknown field(s) {sorted(unknown)}")
        if not _ID.match(entry["id"]):
            raise BookBuildError(f"{where}: id must be a lowercase slug")
        if entry["id"] in ids:
            raise BookBuildError(f"{where}: id {entry['id']!r} is defined twice")
        definition = " ".join(str(entry["definition"]).split())
        if re.search(r"\[[^\]]*\]\(|<[a-z]", definition):
            raise BookBuildError(f"{where}: a definition is plain text (no links or HTML)")
        term = Term(entry["id"], str(entry["term"]).strip(), definition,
                    str(entry["explained_in"]).strip(), tuple(entry.get("also") or ()))
        for form in term.forms:
            if form in spellings:
                raise BookBuildError(f"{where}: {form!r} is already a spelling of {spellings[form]!r}")
            spellings[form] = term.id
        ids.add(term.id)
        terms.append(term)
    return terms


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """The book-wide glossary for Python-Markdown's abbr extension: spelling → definition."""
    return {form: term.definition for term in terms for form in term.forms}


def term_ids_marked(tree: Tag, terms: list[Term]) -> set[str]:
    """Ids of the terms a page marks (its abbr titles are their definitions)."""
    by_definition = {term.definition: term.id for term in terms}
    return {by_definition[mark["title"]] for mark in tree.find_all("abbr", title=True)
            if mark["title"] in by_definition}


def changed_terms(old: list[Term], new: list[Term]) -> list[Term]:
    """Terms added, removed or edited between two readings of the glossary: both versions
    of an edited term (their spellings, targets and definitions may all differ)."""
    before, after = set(old), set(new)
    return sorted(before ^ after, key=lambda term: term.id)


def check_targets(terms: list[Term], pages: set[str], path: Path) -> None:
    """Each term must point at a page of the book (anchors are checked by MkDocs' links)."""
    for term in terms:
        if term.page not in pages:
            raise BookBuildError(f"{path}: term {term.id!r} is explained_in {term.page!r}, "
                                 "which is not a page of the book")


def _link(term: Term, from_page: str) -> str:
    if term.page == from_page:
        return "#" + term.explained_in.split("#", 1)[1] if "#" in term.explained_in else ""
    return posixpath.relpath(term.page, posixpath.dirname(from_page) or ".") + (
        "#" + term.explained_in.split("#", 1)[1] if "#" in term.explained_in else "")


def key_terms_handler(terms: list[Term], from_page: str):
    """``::: key-terms id id …``: a key-terms box drawn from the glossary."""
    by_id = {term.id: term for term in terms}

    def handle(args: str, where: str) -> str:
        ids = args.replace(",", " ").split()
        if not ids:
            raise BookBuildError(f"{where}: '::: key-terms' needs at least one glossary id")
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise BookBuildError(f"{where}: not in the glossary: {', '.join(unknown)} "
                                 "(add them to docs/includes/glossary.yml)")
        lines = ['!!! abstract "Key terms"', ""]
        for term_id in ids:
            term = by_id[term_id]
            link = _link(term, from_page)
            more = f" [More on {term.term}]({link})" if link and term.page != from_page else ""
            lines += [f"    {term.term[:1].upper() + term.term[1:]}", f"    :   {term.definition}{more}", ""]
        return "\n".join(lines)

    return handle


def glossary_handler(terms: list[Term], from_page: str, titles: dict[str, str]):
    """``::: glossary``: every term, alphabetically, with the chapter that explains it."""
    def handle(args: str, where: str) -> str:
        lines = []
        for term in sorted(terms, key=lambda t: t.term.lower()):
            title = titles.get(term.page, term.page)
            lines += [f"{term.term[:1].upper() + term.term[1:]} {{ #{term.id} }}",
                      f":   {term.definition} *Explained in:* [{title}]({_link(term, from_page)})", ""]
        return "\n".join(lines)

    return handle


_NO_FOCUS_INSIDE = ("a", "button", "summary", "label", "legend")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NO_MARKS_INSIDE = {"a", "code", "pre", "abbr", "script", "style", *_HEADINGS}


def focus_first_marks(tree: Tag) -> None:
    """Make the first mark of each term on a page focusable (tabindex), with a class.

    Marks inside links, buttons, summaries, labels and legends stay unfocusable: a focus
    stop inside another control is invalid, and the control already takes focus.
    """
    seen = set()
    for mark in tree.find_all("abbr", title=True):
        title = mark["title"]
        attrs = {"class": ["sd-term"]}
        if title not in seen and mark.find_parent(_NO_FOCUS_INSIDE) is None:
            attrs["tabindex"] = "0"
            seen.add(title)
        mark.attrs = {**attrs, "title": title}


def unmark(tree: Tag) -> None:
    for mark in tree.find_all("abbr"):
        mark.unwrap()


def unmark_headings(tree: Tag) -> None:
    """Titles and headings name things; their terms are explained in the text below."""
    for heading in tree.find_all(_HEADINGS):
        unmark(heading)


def mark_terms(tree: Tag, terms: list[Term]) -> None:
    """abbr marks for HTML made outside Markdown (notebook Markdown cells): text only,
    never inside tags, code, links or headings."""
    glossary = abbreviations(terms)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(glossary, key=len, reverse=True))
                         + r")\b")
    for text in list(tree.find_all(string=pattern)):
        if type(text) is not NavigableString or any(p.name in _NO_MARKS_INSIDE for p in text.parents):
            continue
        pieces, last = [], 0
        for match in pattern.finditer(text):
            mark = Tag(name="abbr", attrs={"title": glossary[match.group(0)]})
            mark.string = match.group(0)
            pieces += [NavigableString(text[last:match.start()]), mark]
            last = match.end()
        pieces.append(NavigableString(text[last:]))
        for piece in pieces:
            if piece.name or str(piece):
                text.insert_before(piece)
        text.extract()
