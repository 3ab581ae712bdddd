"""Vendor KaTeX into docs/assets/vendor/katex/ from npm, so maths is typeset offline.

Run from the repository root: `python3 tools/vendor_katex.py` (needs npm). It fetches the
pinned tarball with `npm pack`, checks its integrity against the pin below, and copies the
minified script, the font-display:swap stylesheet, the woff2 fonts and the licence. The
stylesheet is rewritten to name the woff2 files only: every browser that runs the book's
scripts reads woff2, and the woff/ttf fallbacks would be 0.8 MB of files nobody fetches.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "0.19.1"
TARGET = Path(__file__).resolve().parent.parent / "docs" / "assets" / "vendor" / "katex"


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        subprocess.run(["npm", "pack", f"katex@{VERSION}"], cwd=work, check=True, capture_output=True)
        tarball = work / f"katex-{VERSION}.tgz"
        expected = subprocess.run(["npm", "view", f"katex@{VERSION}", "dist.integrity"],
                                  check=True, capture_output=True, text=True).stdout.strip()
        actual = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if actual != expected:
            sys.exit(f"katex-{VERSION}.tgz: integrity {actual} differs from npm's {expected}")
        with tarfile.open(tarball) as archive:
            archive.extractall(work, filter="data")
        dist = work / "package" / "dist"
        if TARGET.exists():
            shutil.rmtree(TARGET)
        (TARGET / "fonts").mkdir(parents=True)
        shutil.copy(dist / "katex.min.js", TARGET / "katex.min.js")
        shutil.copy(work / "package" / "LICENSE", TARGET / "LICENSE.txt")
        css = (dist / "katex-swap.min.css").read_text(encoding="utf-8")
        css, count = re.subn(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)
        if count == 0:
            sys.exit("katex-swap.min.css: no woff/ttf fallbacks found; has its @font-face format changed?")
        (TARGET / "katex.min.css").write_text(css, encoding="utf-8")
        for font in sorted(dist.glob("fonts/*.woff2")):
            shutil.copy(font, TARGET / "fonts" / font.name)
        (TARGET / "VERSION.txt").write_text(
            f"KaTeX {VERSION} from npm (katex@{VERSION}, {expected}).\n"
            "Made by tools/vendor_katex.py; loaded by the maths page feature (docs/assets/javascripts/src/features/maths.js) on pages with maths.\n",
            encoding="utf-8")
    print(f"KaTeX {VERSION} vendored into {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
