"""Rebuild the book's plotly.js bundle (docs/assets/vendor/plotly-book-<version>.min.js).

Not part of building the book: the bundle is committed, and the site ships that file.
Run this only to change plotly.js's version or the components it holds (entry.js):

    python3 docs/assets/vendor/plotly-recipe/build.py

It needs Node.js and npm, installs the exact versions in package.json into a temporary
folder, bundles entry.js with esbuild, and prints the sizes to compare with the last build.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RECIPE = Path(__file__).resolve().parent
VENDOR = RECIPE.parent
ESBUILD_ARGS = ["--bundle", "--minify", "--format=iife", "--global-name=Plotly", "--target=es2016",
                "--define:global=window", "--define:define.amd=false",
                "--define:process.env.NODE_DEBUG=false", "--legal-comments=none", "--log-level=warning"]


def main() -> None:
    if not shutil.which("npm"):
        sys.exit("build.py needs Node.js and npm")
    version = json.loads((RECIPE / "package.json").read_text())["dependencies"]["plotly.js"]
    target = VENDOR / f"plotly-book-{version}.min.js"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for name in ("package.json", "entry.js"):
            shutil.copy(RECIPE / name, work / name)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=work, check=True)
        subprocess.run([str(work / "node_modules" / ".bin" / "esbuild"), "entry.js", *ESBUILD_ARGS,
                        "--outfile=out/plotly.js"], cwd=work, check=True)
        banner = (f"/*! plotly.js v{version} (MIT, Copyright 2012-2026 Plotly, Inc.): the book's build,"
                  " core + scatter + bar; recipe in docs/assets/vendor/plotly-recipe/ */\n")
        target.write_bytes(banner.encode() + (work / "out" / "plotly.js").read_bytes())
    data = target.read_bytes()
    print(f"{target.relative_to(VENDOR.parents[2])}: {len(data):,} bytes, "
          f"{len(gzip.compress(data, 6)):,} gzip, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
