"""Fast rebuilds for ``book.py serve``: only the page a writer edited is built again.

``book.py serve`` runs ``mkdocs serve --dirty``. MkDocs then re-renders a page only when
its source is newer than its HTML, and Material's search plugin merges the rebuilt page's
entries into the previous index. A one-line edit to a chapter takes a second or two
instead of a full rebuild of every page (benchmarks/results.md has both numbers).

What a dirty build cannot know, this module makes up for:

- Anything other than a Markdown page (the glossary, the bibliography, a notebook, a
  CSV, the package, mkdocs.yml, a stylesheet) can change every page. When one of them
  changed since the last build, every page's HTML is marked old, so the rebuild is full.
- The whole-book print page is assembled from every page's HTML, and a dirty build holds
  only the edited page's. It is written by full builds only; between them it keeps the
  text of the last full build.
- MkDocs warns at every dirty build, and ``--strict`` would turn that warning into a failed
  rebuild; the warning is dropped (strict mode still fails on every other warning).

``mkdocs build`` (and ``book.py build``, the tests, CI) never builds dirty.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sdbook.data import DATA_DIR, REPO_ROOT

DIRTY_NOTICE = "A 'dirty' build is being performed"


class _DropDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


class DevServer:
    """What a dirty serve remembers from one build to the next."""

    def __init__(self):
        self.dirty = False
        self.stamp: tuple | None = None
        self.full = True  # is the current build a full one?

    def start(self, dirty: bool) -> None:
        self.dirty = dirty
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyNotice())

    def before_build(self, config, notebook_dir: Path) -> None:
        if not self.dirty:
            return
        stamp = shared_inputs_stamp(config, notebook_dir)
        self.full = stamp != self.stamp
        if self.full and self.stamp is not None:
            mark_every_page_old(Path(config["site_dir"]))
            search = config.plugins.get("material/search")
            if search is not None:
                search.search_index_prev = None  # every page's entries are made again
        self.stamp = stamp

    def before_post_build(self, config) -> None:
        if self.dirty and not self.full and (printer := config.plugins.get("print-site")):
            # A fresh plugin instance comes with every reloaded configuration, so this
            # switch lasts for this build only.
            printer.config["enabled"] = False


def shared_inputs_stamp(config, notebook_dir: Path) -> tuple:
    """Path, size and modification time of every build input that is not a Markdown page."""
    docs = Path(config["docs_dir"])
    roots = [docs, notebook_dir, DATA_DIR, REPO_ROOT / "sdbook", REPO_ROOT / "overrides"]
    stamp = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix == ".md" and root == docs or "__pycache__" in path.parts or not path.is_file():
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

