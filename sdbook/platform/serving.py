"""Fast rebuilds for ``book.py serve``: only the pages an edit touches are built again.

``book.py serve`` runs ``mkdocs serve --dirty``. MkDocs then re-renders a page only when
its source is newer than its HTML, and Material's search plugin merges the rebuilt pages'
entries into the previous index. A one-line edit to a chapter takes a second or two
instead of a full rebuild of every page (benchmarks/results.md has both numbers).

What a dirty build cannot know, this module makes up for:

- A notebook, or a CSV a notebook loads, changes the notebook's page (MkDocs sees its
  executed copy change) and the pages that show its charts, name it under their title or
  list its time. The build records which pages use which notebook; when a notebook's
  executed copy changes, those pages' HTML is marked old, so they are rebuilt too.
- A glossary edit changes the pages that show a changed term: pages that marked it at
  the last build (their abbr titles, recorded), pages whose built text holds one of its
  spellings, old or new (a term added, or a spelling added, starts marking them), the
  page that explains it (its search tags), and the pages listing the whole glossary.
  Only those are marked old. The abbr extension's glossary is read from the file at
  every build, so the rebuilt pages get the new definitions.
- A bibliography edit changes the pages that cite, or list under further reading, a key
  whose formatted entry changed (added, removed, edited, or given another 1950a/1950b
  suffix by book-wide disambiguation), and the pages listing every entry.
- Anything else (datapackage.json, the package, mkdocs.yml, a stylesheet, a template)
  can change every page, and what depends on it is not recorded. When one of them changed
  since the last build, every page's HTML is marked old, so the rebuild is full.
- The whole-book print page is assembled from every page's HTML, and a dirty build holds
  only the rebuilt pages'. It is written by full builds only; between them it keeps the
  text of the last full build (so a chapter, notebook, CSV, glossary or bibliography edit
  reaches it at the next full rebuild or ``book.py build``).
- Material's search merges a dirty build's entries as if one page had been rebuilt; they
  are merged page by page here.
- MkDocs warns at every dirty build, and ``--strict`` would turn that warning into a failed
  rebuild; the warning is dropped (strict mode still fails on every other warning).

``mkdocs build`` (and ``book.py build``, the tests, CI) never builds dirty.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path

from sdbook.data import DATA_DIR, REPO_ROOT

from . import citations, glossary

DIRTY_NOTICE = "A 'dirty' build is being performed"
log = logging.getLogger("mkdocs.plugins.sdbook")


class _DropDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


class DevServer:
    """What a dirty serve remembers from one build to the next."""

    def __init__(self):
        self.dirty = False
        self.stamp: tuple | None = None
        self.full = True  # is the current build a full one?
        self.notebook_users: dict[str, set[str]] = {}  # built page (dest_uri) -> notebook stems
        self.term_users: dict[str, set[str]] = {}  # built page -> ids of the glossary terms it marks
        self.reference_users: dict[str, set[str]] = {}  # built page -> bibliography keys it shows
        self.glossary_lists: set[str] = set()  # built pages listing the whole glossary
        self.bibliography_lists: set[str] = set()  # built pages listing every entry
        self.built_from: dict[str, str] = {}  # page source (src_uri) -> built page
        self.terms: list[glossary.Term] | None = None  # the glossary the last build read
        self.entries: dict[str, str] | None = None  # the bibliography's formatted entries, likewise
        self.rendered: set[str] = set()  # URLs of the pages this build renders

    def start(self, dirty: bool) -> None:
        self.dirty = dirty
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyNotice())

    def before_build(self, config, notebook_dir: Path, terms: list[glossary.Term],
                     glossary_path: Path, bibliography_path: Path) -> None:
        if not self.dirty:
            return
        self.rendered = set()
        stamp = shared_inputs_stamp(config, notebook_dir, besides={glossary_path, bibliography_path})
        self.full = stamp != self.stamp
        entries = citations.book_bibliography(bibliography_path).formatted
        site = Path(config["site_dir"])
        if self.full and self.stamp is not None:
            mark_every_page_old(site)
            search = config.plugins.get("material/search")
            if search is not None:
                search.search_index_prev = None  # every page's entries are made again
        elif not self.full:
            readers = sorted(self._glossary_readers(site, terms) | self._bibliography_readers(entries))
            if readers:
                log.info("Glossary or bibliography edit: rebuilding the %d pages that show it", len(readers))
            for dest_uri in readers:
                if (site / dest_uri).is_file():
                    os.utime(site / dest_uri, (0, 0))
        self.stamp, self.terms, self.entries = stamp, terms, entries

    def _glossary_readers(self, site: Path, terms: list[glossary.Term]) -> set[str]:
        changed = glossary.changed_terms(self.terms or [], terms)
        if not changed:
            return set()
        ids = {term.id for term in changed}
        forms = sorted({form for term in changed for form in term.forms}, key=len, reverse=True)
        spelled = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")
        readers = {page for page, used in self.term_users.items() if used & ids}
        readers |= {self.built_from[term.page] for term in changed if term.page in self.built_from}
        for page in self.term_users.keys() - readers:
            if (site / page).is_file() and spelled.search(html.unescape((site / page).read_text(encoding="utf-8"))):
                readers.add(page)
        return readers | self.glossary_lists

    def _bibliography_readers(self, entries: dict[str, str]) -> set[str]:
        if self.entries is None or self.entries == entries:
            return set()
        keys = citations.changed_keys(self.entries, entries)
        return {page for page, used in self.reference_users.items() if used & keys} \
            | self.bibliography_lists

    def used_terms(self, src_uri: str, dest_uri: str, ids: set[str], whole_glossary: bool) -> None:
        """Record the glossary terms a page was built with (or that it lists them all)."""
        self.built_from[src_uri] = dest_uri
        self.term_users[dest_uri] = set(ids)
        (self.glossary_lists.add if whole_glossary else self.glossary_lists.discard)(dest_uri)

    def used_references(self, dest_uri: str, keys: set[str], whole_bibliography: bool) -> None:
        """Record the bibliography keys a page shows (or that it lists every entry)."""
        self.reference_users[dest_uri] = set(keys)
        (self.bibliography_lists.add if whole_bibliography else self.bibliography_lists.discard)(dest_uri)

    def used_notebooks(self, dest_uri: str, stems: set[str]) -> None:
        """Record the notebooks a page was built from (its charts, times, titles)."""
        self.notebook_users[dest_uri] = set(stems)

    def notebooks_changed(self, config, stems: set[str]) -> None:
        """Mark old the pages built from notebooks whose executed copy just changed."""
        if not self.dirty or self.full or not stems:
            return
        site = Path(config["site_dir"])
        for dest_uri, used in self.notebook_users.items():
            if used & stems and (site / dest_uri).is_file():
                os.utime(site / dest_uri, (0, 0))

    def before_post_build(self, config) -> None:
        if not self.dirty or self.full:
            return
        search = config.plugins.get("material/search")
        if search is not None and search.search_index_prev is not None:
            # Material merges a dirty build's entries by the location of its first entry, as
            # if one page were rebuilt (and the start page's location, "", matches every
            # entry). Merge by page instead: the rebuilt pages' entries replace theirs.
            kept = [entry for entry in search.search_index_prev.entries
                    if entry["location"].split("#")[0] not in self.rendered]
            search.search_index.entries = kept + search.search_index.entries
            search.search_index_prev = None
        if printer := config.plugins.get("print-site"):
            # A fresh plugin instance comes with every reloaded configuration, so this
            # switch lasts for this build only.
            printer.config["enabled"] = False


def shared_inputs_stamp(config, notebook_dir: Path, besides: set[Path] = frozenset()) -> tuple:
    """Path, size and modification time of every build input that is not a Markdown page,
    a notebook, a CSV or one of ``besides`` (the glossary and the bibliography, whose
    readers are recorded)."""
    docs = Path(config["docs_dir"])
    besides = {path.resolve() for path in besides}
    roots = [docs, notebook_dir, DATA_DIR, REPO_ROOT / "sdbook", REPO_ROOT / "overrides"]
    stamp = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix == ".md" and root == docs or "__pycache__" in path.parts or not path.is_file():
                continue
            if path.suffix == ".ipynb" and root == notebook_dir or path.suffix == ".csv" and root == DATA_DIR:
                continue  # their pages are found through the notebooks (notebooks_changed)
            if path.suffix == ".yml" and path.resolve() in besides:
                continue
            status = path.stat()
            stamp.append((str(path), status.st_size, status.st_mtime_ns))
    if config.get("config_file_path"):
        status = os.stat(config["config_file_path"])
        stamp.append((config["config_file_path"], status.st_size, status.st_mtime_ns))
    return tuple(stamp)


def mark_every_page_old(site: Path) -> None:
    """Date every built page to 1970, so MkDocs's dirty build renders them all again."""
    for page in site.rglob("*.html"):
        os.utime(page, (0, 0))

