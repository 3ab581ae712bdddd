"""Every built page is valid HTML as the W3C Nu validator reads it, except for errors of the
theme and plugins the book uses, each listed below with its upstream cause.

The validator is npm's vnu-jar at a pinned version, run with Java; `python3 book.py test`
installs it into .cache/vnu/ (see ensure_validator in book.py). One run checks every page.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from conftest import ROOT

VNU_JAR = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Upstream:
    """An error the book does not write: the markup of its theme or of a plugin."""
    message: str   # regular expression on the validator's message
    extract: str   # regular expression on the markup it quotes
    cause: str


UPSTREAM = [
    Upstream(r"Bad value “” for attribute “tabindex” on element “label”",
             r'class="md-nav__link[^"]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex=""',
             "mkdocs-material 9.x partials/nav-item.html writes tabindex=\"{{ tabindex }}\" on the "
             "label of a nested navigation section, empty when the section is not a link"),
    Upstream(r"Attribute “autocomplete” is only allowed when the input type is",
             r'<input class="md-(toggle|option)[^>]*autocomplete="off"',
             "mkdocs-material base.html and partials/palette.html put autocomplete=\"off\" on its "
             "hidden checkboxes and radios so that Firefox does not restore a drawer or theme "
             "toggle's state on reload"),
    Upstream(r"The value of the “for” attribute of the “label” element must be the ID of a "
             r"non-hidden form control",
             r'<label class="md-nav__(title|link)[^"]*" for="__(toc|nav_[\d_]+|drawer)"',
             "mkdocs-material partials/toc.html and nav.html label its navigation toggles, "
             "which its CSS hides (display: none), with <label for>"),
    Upstream(r"Attribute “heading-number” not allowed on element “section”",
             r"""<section class=['"]print-page[^'"]*['"] id=['"][^'"]*['"] heading-number=""",
             "mkdocs-print-site-plugin 2.x writes a heading-number attribute on each chapter "
             "section of the whole-book page (used for its optional heading numbering)"),
]


def _upstream(message: dict) -> Upstream | None:
    for known in UPSTREAM:
        if re.search(known.message, message["message"]) and \
                re.search(known.extract, message.get("extract", "")):
            return known
    return None


@pytest.fixture(scope="module")
def validator_messages(site) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is missing: run `python3 book.py test`, which installs default-jre-headless"
    assert VNU_JAR.is_file(), (f"{VNU_JAR.relative_to(ROOT)} is missing: run `python3 book.py "
                               "test`, which installs the pinned vnu-jar from npm")
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only",
         "--skip-non-html", str(site)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or "{}")  # vnu writes its JSON to stderr
    messages = report.get("messages", [])
    for message in messages:
        message["page"] = message.get("url", "").split(str(site), 1)[-1].lstrip("/")
    assert all(m.get("type") in {"error", "non-document-error"} for m in messages), messages[:3]
    return messages


def test_the_validator_checked_every_page(site, validator_messages):
    fatal = [m for m in validator_messages if m["type"] == "non-document-error"]
    assert not fatal, f"the validator could not read: {fatal}"
    assert (site / "index.html").is_file()


def test_every_page_is_valid_html_apart_from_listed_upstream_errors(validator_messages):
    ours = [m for m in validator_messages if m["type"] == "error" and _upstream(m) is None]
    lines = [f"{m['page']} line {m.get('lastLine')}: {m['message']} | "
             f"{' '.join(m.get('extract', '').split())[:160]}" for m in ours]
    assert not lines, f"{len(lines)} HTML errors in markup the book writes:\n" + "\n".join(lines[:40])


def test_every_listed_upstream_error_still_occurs(validator_messages):
    """An entry the theme or plugin no longer causes is removed, not kept as a silent pass."""
    seen = {_upstream(m) for m in validator_messages}
    stale = [known.cause for known in UPSTREAM if known not in seen]
    assert not stale, f"listed upstream errors that no page shows any more: {stale}"


def test_the_check_catches_an_error_of_ours():
    """The same filter on a message the book caused (a <details> misplaced in a figure)."""
    message = {"message": "Element “details” not allowed as child of element “figure” in this "
                          "context.", "extract": '</figcaption><details class="sd-chart__data">'}
    assert _upstream(message) is None


def test_the_whole_book_page_gets_unique_ids_and_working_links():
    from sdbook.platform.print_ids import unique_ids

    page = ('<div id="print-site-page">'
            '<section class="print-page" id="a"><p><a href="#a-ref-x">x</a></p>'
            '<form id="quiz-1"><input id="quiz-1-q1"><label for="quiz-1-q1">one</label></form>'
            '<li id="ref-x">X</li></section>'
            '<section class="print-page" id="b"><form id="quiz-1" aria-labelledby="quiz-1-h">'
            '<h3 id="quiz-1-h">Quiz</h3><input id="quiz-1-q1"><label for="quiz-1-q1">one</label>'
            '</form><li id="ref-x">X</li><p id="b-intro"></p><h3 id="quiz-1-h2">Quiz</h3>'
            '<span id="solo"></span></section></div>')
    fixed = unique_ids(page)
    ids = re.findall(r'\bid="([^"]+)"', fixed)
    assert len(ids) == len(set(ids)), ids
    assert 'href="#a-ref-x"' in fixed and 'id="a-ref-x"' in fixed
    assert 'for="a-quiz-1-q1"' in fixed and 'for="b-quiz-1-q1"' in fixed
    assert 'id="solo"' in fixed and 'id="print-site-page"' in fixed  # already unique: kept


def test_each_chapters_contents_on_the_whole_book_page_has_its_own_name():
    from sdbook.platform.print_ids import unique_ids

    chapter = ('<section class="print-page" id="{0}"><h1 id="{0}-t">{1}<a class="headerlink" '
               'href="#{0}-t">&para;</a></h1><nav class="sd-page-toc" aria-label="On this page">'
               '</nav></section>')
    fixed = unique_ids(chapter.format("a", "Arms &amp; races") + chapter.format("b", "Spirals"))
    assert re.findall(r'aria-label="([^"]+)"', fixed) == ["Contents: Arms &amp; races", "Contents: Spirals"]
