"""Build the site's scripts (docs/assets/javascripts/book.js and features/*.js) from src/.

    python3 docs/assets/javascripts/src/build.py

The built files are committed; the site serves them as they are, and building the book
does not need Node.js. Run this after editing anything in src/. It needs Node.js and npm:
it installs the exact esbuild of package.json into .cache/js-build/ (once) and runs
build.mjs. tests/test_browser_modules.py rebuilds into a temporary folder and fails if
the result differs from the committed files by a byte.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent                      # docs/assets/javascripts/
ROOT = SRC.parents[3]
TOOLS = ROOT / ".cache" / "js-build"  # git-ignored


def esbuild() -> Path:
    """esbuild's Node module at the version package.json pins, installed once."""
    pinned = (SRC / "package.json").read_text(encoding="utf-8")
    if not (TOOLS / "package.json").is_file() or (TOOLS / "package.json").read_text(encoding="utf-8") != pinned:
        if not shutil.which("npm"):
            sys.exit("build.py needs Node.js and npm")
        TOOLS.mkdir(parents=True, exist_ok=True)
        (TOOLS / "package.json").write_text(pinned, encoding="utf-8")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--no-package-lock"],
                       cwd=TOOLS, check=True)
    return TOOLS / "node_modules" / "esbuild" / "lib" / "main.js"


def build(out: Path = OUT) -> list[Path]:
    """Bundle src/ into ``out``; return the files written."""
    node = shutil.which("node")
    if not node:
        sys.exit("build.py needs Node.js")
    subprocess.run([node, str(SRC / "build.mjs"), str(esbuild()), str(out)], check=True)
    return built_files(out)


def built_files(out: Path = OUT) -> list[Path]:
    """The files build() writes, as they are in ``out``."""
    return [out / "book.js", *sorted((out / "features").glob("*.js"))]


if __name__ == "__main__":
    for path in build():
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")
