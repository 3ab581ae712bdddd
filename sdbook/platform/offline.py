"""The book from a folder: a copy of the site that works opened from disk (``file://``).

Published as one zip, ``downloads/the-security-dilemma-offline.zip``, for a classroom
without internet. Every ``mkdocs build`` (not ``serve``) makes it after the site itself:

1. a second build of the same configuration into a scratch folder, with Material's
   ``offline`` plugin switched on (``SDBOOK_OFFLINE=true``; mkdocs.yml). That plugin
   inlines the search index into ``search/search_index.js``, which Material's script loads
   as a plain script when the page is a ``file://`` one. Notebooks are not executed again:
   the execution cache and mkdocs-jupyter's cache are shared with the first build.
2. What the offline plugin leaves undone, done here (:func:`link_index_files`): it turns
   directory URLs off, which would move every page (``progress/index.html`` →
   ``progress.html``, a notebook's page away from its download) and break the links the
   book writes itself; the copy keeps the online layout instead and every relative link
   to a folder (``../cold-war/``) is pointed at its ``index.html``, in the pages and in
   the search index, since from disk a folder opens as a directory listing. The offline
   plugin's search-worker shim comes from a CDN; the plugin drops it (the book requests
   nothing from other hosts) and overrides/partials/search-on-demand.html runs Material's
   search worker in a hidden frame on ``file://`` pages instead (in this copy's pages only).
3. A zip with sorted entries and one fixed timestamp (the commit's, SOURCE_DATE_EPOCH), so
   a rebuild of the same commit gives the same bytes.
"""

from __future__ import annotations

import io
import logging
import os
import posixpath
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from . import BookBuildError, kit

ENV = "SDBOOK_OFFLINE"  # read by mkdocs.yml (the offline plugin's `enabled`) and the plugin
ZIP_NAME = "the-security-dilemma-offline.zip"
FOLDER = "the-security-dilemma"  # the zip's one top-level folder; open index.html in it
CDN_WORKER_SHIM = "iframe-worker"  # the offline plugin's polyfill, loaded from a CDN
# Nothing a reader opens from disk: compressed sitemaps and the copies' own build markers.
_LEFT_OUT = re.compile(r"(^|/)(sitemap\.xml\.gz|\.[^/]*)$")
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
log = logging.getLogger("mkdocs.plugins.sdbook")


def wanted() -> bool:
    """Whether this build makes the copy: always, unless SDBOOK_OFFLINE_COPY=0 (the test suite's
    extra builds, which check other things, save the second build's time that way)."""
    return os.environ.get("SDBOOK_OFFLINE_COPY", "1") != "0" and not is_offline_build()


def is_offline_build() -> bool:
    return os.environ.get(ENV, "").lower() in {"1", "true", "yes"}


def keep_directory_urls(config) -> None:
    """Undo the parts of Material's offline plugin the book does differently (module docstring)."""
    config.use_directory_urls = True
    config.extra["offline_copy"] = True  # overrides/partials/search-on-demand.html: search from disk
    config.extra["polyfills"] = [url for url in config.extra.get("polyfills", [])
                                 if CDN_WORKER_SHIM not in str(url)]


def _to_index(url: str, folder: Path) -> str:
    """``url`` (relative to ``folder``) pointed at index.html when it names a folder."""
    if not url or url.startswith(("#", "/")) or _SCHEME.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path and (path.endswith("/") or (folder / path).is_dir()):
        path = (path if path.endswith("/") else path + "/") + "index.html"
    return path + rest


def link_index_files(site: Path) -> None:
    """Point every relative link to a folder at its index.html: pages and search index."""
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        fixed = _LINK.sub(lambda m: m[1] + _to_index(m[2], page.parent) + m[3], text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    index = site / "search" / "search_index.json"
    if not index.is_file():
        raise BookBuildError(f"{index}: the offline copy has no search index")
    text = index.read_text(encoding="utf-8")
    # Locations are relative to the site's root: "" (the start page), "cold-war/#spiral".
    fixed = re.sub(r'("location":\s*")([^"]*)(")',
                   lambda m: m[1] + _search_location(m[2]) + m[3], text)
    index.write_text(fixed, encoding="utf-8")
    # The form Material's offline plugin writes, and Material's script reads, from file://.
    (site / "search" / "search_index.js").write_text(f"var __index = {fixed}", encoding="utf-8")


def _search_location(location: str) -> str:
    path, mark, fragment = location.partition("#")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path + mark + fragment


def zip_bytes(site: Path, epoch: str | None) -> bytes:
    """The copy as a zip: one folder, entries in name order, one timestamp."""
    stamp = kit.build_time(epoch).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            name = path.relative_to(site).as_posix()
            if _LEFT_OUT.search(name):
                continue
            info = zipfile.ZipInfo(posixpath.join(FOLDER, name), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def downloads_markdown(root: str) -> str:
    """The downloads page's paragraph on the offline copy (raw HTML link: a file MkDocs does not know)."""
    if is_offline_build():
        return ("**The book from a folder.** You are reading it: this copy works opened from disk, "
                "with no internet connection. Copy the whole folder to share it.")
    return (f'**<a href="{root}downloads/{ZIP_NAME}" download>{ZIP_NAME}</a>** holds the whole book '
            "as a folder that works without internet: unzip it, open <code>index.html</code> in the "
            f"<code>{FOLDER}</code> folder with a web browser, and navigation, charts, explorables, "
            "quizzes, the glossary and search all work from disk. Copy the folder to every computer "
            "in a classroom that has no connection.")


def build_offline_copy(config_file: str, out: Path) -> None:
    """The second build (step 1), into ``out``; fails with MkDocs's own complaint."""
    env = {**os.environ, ENV: "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", config_file, "-d", str(out)],
        capture_output=True, text=True, env=env, timeout=1200)
    if result.returncode:
        raise BookBuildError(f"the offline copy's build ({ENV}=true mkdocs build -f {config_file}) "
                             f"failed (exit {result.returncode}):\n{result.stderr[-4000:]}")


def publish(config) -> Path:
    """Build the offline copy and write its zip into the site's downloads; return the zip."""
    target, started = Path(config["site_dir"]) / "downloads" / ZIP_NAME, time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sdbook-offline-") as scratch:
        copy = Path(scratch) / "site"
        build_offline_copy(config.config_file_path, copy)
        link_index_files(copy)
        data = zip_bytes(copy, os.environ.get("SOURCE_DATE_EPOCH"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    log.info("sdbook: the offline copy built and zipped in %.1f s (%s, %.1f MB)",
             time.monotonic() - started, target.name, len(data) / 1e6)
    return target
