"""Shared fixtures: one strict build of the site per test session, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build_site(site_dir: Path, *, config: Path = ROOT / "mkdocs.yml",
               env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` into ``site_dir``; returns the finished process."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})},
        timeout=900)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Material's instant navigation only follows links whose host *and port* match the
# sitemap, so the site is built for the address it will be served on.
PORT = _free_port()
SITE_URL = f"http://127.0.0.1:{PORT}/"
BUILD_ENV = {"SITE_URL": SITE_URL}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The book, built once with the real data, strict (any warning fails)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir, env=BUILD_ENV)
    assert result.returncode == 0, (
        f"mkdocs build --strict failed (exit {result.returncode}):\n{result.stderr[-6000:]}")
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def served_site(site):
    """The built site on http://127.0.0.1:<free port>/, as a static host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SITE_URL.rstrip("/")
    server.shutdown()
    server.server_close()


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site except the 404 page."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")
