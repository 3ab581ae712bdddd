"""Shared fixtures: one strict build of the site per test run, served on 127.0.0.1.

`python3 book.py test` runs the tests in parallel workers (pytest-xdist). The controlling
process picks a folder and a port before the workers start and serves that folder for the
whole run (a worker that finishes early cannot take the server down with it). The first
worker that needs the site builds it there under a file lock; every other worker waits for
that lock and reuses the same build. Run without workers (`-p no:xdist`), the one process
plays both parts. Tests that need no site run first, while the build runs in a background
thread of whichever worker gets to it first.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from filelock import FileLock

import scheduling

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-quic"]


def build_lock() -> FileLock:
    """One build at a time among those sharing the book's cache (.cache/sdbook, unless
    SDBOOK_CACHE_DIR names another): mkdocs-jupyter's post-build step deletes every entry of
    that cache its own build did not use, so two such builds side by side delete each other's
    entries, or the same one twice."""
    return FileLock(str(SHARED / "mkdocs-build.lock"))


def build_site(site_dir: Path, *, config: Path = ROOT / "mkdocs.yml",
               env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` into ``site_dir``; returns the finished process.

    Without the offline copy's second build (sdbook/platform/offline.py) unless ``env`` asks
    for it, as BUILD_ENV does: the shared site and the byte-identical rebuild have it. A build
    with a cache of its own (SDBOOK_CACHE_DIR) shares nothing and runs beside the others."""
    env = env or {}
    own_cache = env.get("SDBOOK_CACHE_DIR", os.environ.get("SDBOOK_CACHE_DIR")) \
        != os.environ.get("SDBOOK_CACHE_DIR")
    with contextlib.nullcontext() if own_cache else build_lock():
        return subprocess.run(
            [*MKDOCS, "build", "--strict", "--clean", "-f", str(config), "-d", str(site_dir)],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "SDBOOK_OFFLINE_COPY": "0", **env}, timeout=900)


def copy_of_the_cache(where: Path) -> dict:
    """An environment whose builds use a copy of the book's cache, as the session's build left
    it: they find every notebook's outputs there, as a reader's rebuild does, yet share
    nothing with other builds, so they run beside them instead of waiting for build_lock."""
    from sdbook.platform.execution import CACHE_DIR  # the folder the book's builds use
    with build_lock():  # not while a build is evicting entries
        shutil.copytree(CACHE_DIR, where, symlinks=True)
    return {"SDBOOK_CACHE_DIR": str(where)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Workers inherit the controller's environment, so they all see the same folder and port.
# Material's instant navigation only follows links whose host *and port* match the
# sitemap, so the site is built for the address it will be served on.
if "PYTEST_XDIST_WORKER" not in os.environ:
    os.environ["SDBOOK_TEST_PORT"] = str(_free_port())
    os.environ["SDBOOK_TEST_SHARED"] = tempfile.mkdtemp(prefix="sdbook-tests-")
PORT = int(os.environ["SDBOOK_TEST_PORT"])
SHARED = Path(os.environ["SDBOOK_TEST_SHARED"])
SITE_URL = f"http://127.0.0.1:{PORT}/"
BUILD_ENV = {"SITE_URL": SITE_URL, "SDBOOK_OFFLINE_COPY": "1"}
SHARED_SITE = SHARED / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


def pytest_configure(config):
    if hasattr(config, "workerinput"):
        return  # a worker: the controller serves the shared site
    handler = functools.partial(_QuietHandler, directory=str(SHARED_SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config._sdbook_server = server


def pytest_unconfigure(config):
    server = getattr(config, "_sdbook_server", None)
    if server is not None:
        server.shutdown()
        server.server_close()
        shutil.rmtree(SHARED, ignore_errors=True)


def _build_shared_site() -> None:
    """Build the book into the shared folder unless some process already has (or has failed)."""
    done, failed = SHARED / "built", SHARED / "build-failed.txt"
    with FileLock(str(SHARED / "build.lock")):
        if not done.exists() and not failed.exists():
            result = build_site(SHARED_SITE, env=BUILD_ENV)
            if result.returncode == 0:
                done.touch()
            else:
                failed.write_text(f"mkdocs build --strict failed (exit {result.returncode}):\n"
                                  f"{result.stderr[-6000:]}", encoding="utf-8")


def once_per_run(name: str, make):
    """``make(folder)``'s JSON-able result, computed by the first worker to ask and reused by
    every other, with the folder it wrote into (SHARED/<name>). A module- or session-scoped
    fixture runs once per worker that needs it; worksteal can spread a module's tests over
    several workers, and a build-sized fixture would then run two or three times. A failure is
    kept too, so that other workers report it instead of running it again."""
    folder, result, failed = SHARED / name, SHARED / f"{name}.json", SHARED / f"{name}.failed"
    with FileLock(str(SHARED / f"{name}.lock")):
        if not result.exists() and not failed.exists():
            folder.mkdir()
            try:
                result.write_text(json.dumps(make(folder)), encoding="utf-8")
            except BaseException as error:
                failed.write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
                raise
    if failed.exists():
        pytest.fail(f"{name}, made by another worker, failed: {failed.read_text(encoding='utf-8')}")
    return folder, json.loads(result.read_text(encoding="utf-8"))


def _needs_site(item) -> bool:
    return bool({"site", "served_site"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """Tests that need no built site run first, while the site builds in the background; the
    costly ones are spread over the parallel workers (scheduling.py)."""
    # Judged test by test: a module's builds that need no site (test_site's small projects)
    # run in the first minute, while one core would otherwise idle beside the site's build.
    items[:] = scheduling.lanes(items, _needs_site, scheduling.worker_count())
    if any(map(_needs_site, items)) and not config.option.collectonly:
        threading.Thread(target=_build_shared_site, daemon=True).start()


@pytest.fixture(scope="session")
def site() -> Path:
    """The book, built once per run with the real data, strict (any warning fails)."""
    _build_shared_site()  # waits for the build another worker or thread has started
    failed = SHARED / "build-failed.txt"
    assert not failed.exists(), failed.read_text(encoding="utf-8")
    return SHARED_SITE


@pytest.fixture(scope="session")
def served_site(site):
    """The built site on http://127.0.0.1:<port>/, as a static host would serve it."""
    return SITE_URL.rstrip("/")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright (never a downloaded browser), one per worker.

    Each test opens its pages in contexts of its own (PageWatch, ``browser.new_page()``), which
    share no storage, cache or cookies; a browser per module only paid Playwright's and
    Chromium's start-up again, about two seconds of CPU each time a worker entered a module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    assert CHROMIUM.exists(), "Chromium is missing: run `python3 book.py test`, which installs it"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=BROWSER_ARGS)
        yield browser
        browser.close()


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site except the 404 page."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")
