"""What makes Material's search find what a reader means (called by the plugin, .plugin).

Three things, all decided at build time (the search engine is Material's own lunr worker):
- Ranking by kind of page: a chapter outranks the classroom kit, the data library, the
  bibliography and the notebooks for the same words. Material multiplies a section's score
  by its page's `search.boost` (front matter); the plugin sets it from the page's place in
  the book, so no page has to remember to.
- What is indexed: notebook code cells and every table stay out of the index, so results
  show prose, not `import pandas` or a row of numbers run together (Material skips any
  element carrying `data-search-exclude`, and strips that attribute from the page).
- Names and acronyms: the glossary's abbreviations (an `also:` form such as MAD, SLBM,
  DISEC or FONOP) become search tags of the section that explains the term, so typing the
  acronym returns that section first, with the acronym shown under the result. So do its
  names hyphenated around a small word (tit-for-tat, freedom-of-navigation): a reader types
  them with spaces, and Material's search adds a wildcard to every word typed, so "for" in
  "tit for tat" matches "force" and "forum" all over the book and outranks the three words
  together; as a tag the name's words outweigh that. Other hyphenated names stay untagged:
  a tag outweighs any text, and "confidence-building" as a tag took "island building".
  Words are split at en and em dashes as at hyphens (mkdocs.yml, search separator), so
  "offence-defence balance" typed with a hyphen finds the "offence–defence" of the text.
Tested by tests/test_browser_search.py, which types queries into the built site's search.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

# Search boost by kind of page (Material's default is 1).
CHAPTER_BOOST = 3.0
NOTEBOOK_BOOST = 1.0
KIT_BOOST = 0.5  # the classroom kit, the start page and "about": found by their title words
KIT_PAGES = ("classroom/", "index.md", "about.md")
# Reference lists whose section titles name every dataset and work ("nuclear_warheads ...
# stockpile"): a title match scores a thousand times a text match, so they are damped more.
REFERENCE_BOOST = 0.2
REFERENCE_PAGES = ("data-library.md", "bibliography.md", "glossary.md", "print_page")

# An abbreviation: capitals (and digits), perhaps a lower-case plural or suffix (FONOPs, MIRVed).
_ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9]+[a-z]{0,2}$")
# A name hyphenated around a small word that search cannot find alone (tit-for-tat).
_JOINED = re.compile(r"\w-(?:for|of|and|the|to|in|on|by|a)-\w", re.IGNORECASE)
# Elements kept out of the index: notebook input cells, tables, charts' data boxes.
_EXCLUDED_START = re.compile(
    r'<(table|div class="jp-InputArea[^"]*"|details class="sd-chart__data[^"]*")(?=[\s>])')


def rank_and_exclude(html: str, page) -> str:
    """Set the page's search boost by its kind; mark code cells and tables data-search-exclude."""
    search = page.meta.setdefault("search", {}) if isinstance(page.meta.get("search", {}), dict) else None
    if search is not None and "boost" not in search:
        source = page.file.src_uri
        if source.startswith("notebooks/"):
            search["boost"] = NOTEBOOK_BOOST
        elif source.startswith(REFERENCE_PAGES):
            search["boost"] = REFERENCE_BOOST
        elif source.startswith(KIT_PAGES[0]) or source in KIT_PAGES:
            search["boost"] = KIT_BOOST
        else:
            search["boost"] = CHAPTER_BOOST
    return _EXCLUDED_START.sub(lambda m: f'<{m.group(1)} data-search-exclude="true"', html)


def _location(explained_in: str) -> str:
    """docs path + anchor ('cold-war/index.md#mad') as a search-index location ('cold-war/#mad')."""
    path, _, anchor = explained_in.partition("#")
    page = re.sub(r"(^|/)index\.md$", r"\1", path)
    page = re.sub(r"\.md$", "/", page)
    return page + (f"#{anchor}" if anchor else "")


def tag_abbreviations(site_dir: Path, glossary_path: Path) -> None:
    """Add each glossary abbreviation, and each name hyphenated around a small word, as a search
    tag of the section that explains it."""
    index_path = Path(site_dir) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    for entry in yaml.safe_load(glossary_path.read_text(encoding="utf-8")):
        forms = [entry["term"], *entry.get("also", [])]
        abbreviations = [form for form in forms if _ABBREVIATION.match(form) or _JOINED.search(form)]
        if not abbreviations:
            continue
        location = _location(entry["explained_in"])
        if location not in docs:
            raise KeyError(f"{glossary_path}: term {entry['id']!r} is explained_in {entry['explained_in']!r}, "
                           f"which is no section of the search index ({location!r})")
        tags = docs[location].setdefault("tags", [])
        tags.extend(form for form in abbreviations if form not in tags)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
