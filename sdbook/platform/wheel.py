"""The book's package as a wheel, for the site's downloads (``downloads/sdbook-<v>-py3-none-any.whl``).

A reader's notebook installs it with one line (its first cell does so when ``sdbook`` is
missing), in a fresh environment or in Colab, without the repository: the wheel holds
the package and ``data/`` (as ``sdbook/bookdata``; see pyproject.toml). It is built by
setuptools through pip from a scratch copy of exactly those inputs, so the repository
gets no build/ or egg-info folders, and with SOURCE_DATE_EPOCH so a rebuild of the same
commit gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from sdbook.data import REPO_ROOT
from sdbook.platform import BookBuildError

# Everything the wheel is made of; nothing else in the repository reaches it.
INPUTS = ("pyproject.toml", "sdbook", "data")
BIBLIOGRAPHY = "docs/references.yml"  # copied in as sdbook/bookdata/references.yml
# Zip timestamps cannot precede 1980; a build without a commit date uses this one.
_EARLIEST_ZIP_EPOCH = "315532800"


def version(root: Path = REPO_ROOT) -> str:
    """The book's edition, which is also the package's version."""
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def wheel_name(root: Path = REPO_ROOT) -> str:
    return f"sdbook-{version(root)}-py3-none-any.whl"


def build_wheel(epoch: str | None, root: Path = REPO_ROOT) -> bytes:
    """Build the wheel and return its bytes; fail naming pip's complaint if it cannot."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    with tempfile.TemporaryDirectory(prefix="sdbook-wheel-") as scratch:
        source, out = Path(scratch) / "src", Path(scratch) / "out"
        for name in INPUTS:
            if (root / name).is_dir():
                shutil.copytree(root / name, source / name, ignore=ignore)
            else:
                source.mkdir(parents=True, exist_ok=True)
                shutil.copy2(root / name, source / name)
        # The bibliography the events files' links cite (sdbook/events.py checks them on load).
        shutil.copy2(root / BIBLIOGRAPHY, source / "data" / "references.yml")
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(max(int(epoch or 0), int(_EARLIEST_ZIP_EPOCH))),
               "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--no-index", "--wheel-dir", str(out), str(source)],
            capture_output=True, text=True, env=env, timeout=300)
        if result.returncode != 0:
            raise BookBuildError(f"pyproject.toml: building the sdbook wheel failed: "
                                 f"{(result.stderr or result.stdout).strip()[-1500:]}")
        wheels = list(out.glob("sdbook-*.whl"))
        if len(wheels) != 1:
            raise BookBuildError(f"pyproject.toml: expected one sdbook wheel, pip made {wheels}")
        return wheels[0].read_bytes()


def _fingerprint(root: Path) -> str:
    """A hash of every input file's path and bytes: the wheel changes only when it does."""
    digest = hashlib.sha256()
    for name in (*INPUTS, BIBLIOGRAPHY):
        paths = sorted(p for p in (root / name).rglob("*") if p.is_file()
                       and "__pycache__" not in p.parts and not p.name.endswith(".pyc")) \
            if (root / name).is_dir() else [root / name]
        for path in paths:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def cached_wheel(epoch: str | None, cache_dir: Path, root: Path = REPO_ROOT) -> bytes:
    """The wheel, rebuilt only when an input or the commit date changed (serve stays fast)."""
    cached = cache_dir / f"wheel-{_fingerprint(root)}-{epoch or 0}.whl"
    if not cached.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        for stale in cache_dir.glob("wheel-*.whl"):
            stale.unlink()
        cached.write_bytes(build_wheel(epoch, root))
    return cached.read_bytes()


# The first code cell of every notebook names the wheel; the published copies name the
# book's own address, so a downloaded notebook installs the package from where it came.
_WHEEL_LINE = re.compile(r'^BOOK_WHEEL = "[^"]*"', re.M)


def point_at(notebook_text: str, wheel_url: str) -> str:
    """``notebook_text`` (a notebook's JSON or one cell's source) with its wheel URL set."""
    line = f'BOOK_WHEEL = "{wheel_url}"'
    if notebook_text.lstrip().startswith("{"):  # the JSON form escapes the quotes
        return re.sub(r'BOOK_WHEEL = \\"[^"\\]*\\"', line.replace('"', '\\"'), notebook_text)
    return _WHEEL_LINE.sub(line, notebook_text)
