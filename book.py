#!/usr/bin/env python3
"""Set up and run the textbook with nothing but Python 3.11+.

    python3 book.py serve    build the book and serve it on http://127.0.0.1:8000
    python3 book.py test     run every test in parallel (installs Debian's chromium, poppler-utils,
                             Java and npm if missing and root; the pinned Nu validator into .cache/)
    python3 book.py build    build the static site into site/
    python3 book.py bench    measure build time and page weight -> benchmarks/results.*
    python3 book.py pdf      build, then print into site/downloads/ the whole book (student and
                             instructor editions) and each chapter as PDFs (tools/book_pdf.py;
                             needs Debian's chromium; nothing else does)

Each command first makes .venv/ and installs requirements.txt and this repo's
package (editable, so notebooks find data/ from any working directory); the
install is skipped when requirements.txt has not changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".requirements.sha256"
CHROMIUM = "/usr/bin/chromium"
PDF_DIR = ROOT / "site" / "downloads"
# One test worker more than there are cores (at most six): browser tests spend part of
# their time waiting for a page to settle, and a spare worker uses that time.
TEST_WORKERS = str(min(6, (os.cpu_count() or 1) + 1))
VNU_VERSION = "26.9.27"  # the W3C Nu HTML checker, as npm's vnu-jar (tests/test_html.py)
VNU_JAR = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run(*args: str | Path, **kwargs) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, **kwargs)


def ensure_environment() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "requirements.txt").read_bytes()
                            + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", ROOT / "requirements.txt")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--no-deps", "-e", ROOT)
    STAMP.write_text(wanted + "\n")


def _can_apt() -> bool:
    return bool(shutil.which("apt-get")) and hasattr(os, "geteuid") and os.geteuid() == 0


def _apt_install(*packages: str) -> None:
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def ensure_chromium() -> None:
    """The browser tests drive Debian's chromium; install it if we can, else say how."""
    if Path(CHROMIUM).exists():
        return
    if _can_apt():
        return _apt_install("chromium", "fonts-liberation")
    sys.exit(f"The browser tests need Chromium at {CHROMIUM}. On Debian/Ubuntu run: "
             "sudo apt-get install chromium   (never 'playwright install')")


def ensure_poppler() -> None:
    """The PDF test reads the printed book with poppler-utils (pdfinfo, pdfimages, pdftotext)."""
    if shutil.which("pdfinfo") and shutil.which("pdfimages") and shutil.which("pdftotext"):
        return
    if _can_apt():
        return _apt_install("poppler-utils")
    sys.exit("The PDF test needs poppler-utils. On Debian/Ubuntu run: sudo apt-get install poppler-utils")


def ensure_validator() -> None:
    """The HTML test runs the W3C Nu validator (npm's vnu-jar, pinned) with Java, kept in .cache/."""
    missing = [pkg for tool, pkg in (("java", "default-jre-headless"), ("npm", "npm"))
               if not shutil.which(tool)]
    if missing and _can_apt():
        _apt_install(*missing)
    elif missing:
        sys.exit(f"The HTML test needs {' and '.join(missing)}. On Debian/Ubuntu run: "
                 f"sudo apt-get install {' '.join(missing)}")
    installed = VNU_JAR.parents[2] / "package.json"
    if not VNU_JAR.exists() or f'"version": "{VNU_VERSION}"' not in installed.read_text(encoding="utf-8"):
        # --ignore-scripts: its postinstall step (vnu-java-downloader.js) fetches a Java of its
        # own; Debian's is used instead
        run("npm", "install", "--silent", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", VNU_JAR.parents[4],
            f"vnu-jar@{VNU_VERSION}")


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "help"
    if command not in {"serve", "test", "build", "bench", "pdf"}:
        sys.exit(__doc__)
    ensure_environment()
    os.chdir(ROOT)
    if command == "serve":
        # --dirty: an edit rebuilds only its page (sdbook/platform/serving.py says what else it does)
        run(BIN / "mkdocs", "serve", "--strict", "--dirty", "--dev-addr", "127.0.0.1:8000")
    elif command == "build":
        run(BIN / "mkdocs", "build", "--strict", "--clean")
    elif command == "test":
        ensure_chromium()
        ensure_poppler()
        ensure_validator()
        # Parallel workers share one built site (tests/conftest.py); `-n 0` runs them in one process.
        workers = [] if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in argv[1:]) \
            else ["-n", TEST_WORKERS, "--dist", "worksteal"]
        run(PYTHON, "-m", "pytest", *workers, *argv[1:])
    elif command == "pdf":
        ensure_chromium()
        # BOOK_PDFS: the downloads page links the PDFs this command then prints (mkdocs.yml).
        run(BIN / "mkdocs", "build", "--strict", "--clean", env={**os.environ, "BOOK_PDFS": "true"})
        run(PYTHON, ROOT / "tools" / "book_pdf.py", ROOT / "site", PDF_DIR)
    elif command == "bench":
        run(PYTHON, ROOT / "benchmarks" / "run.py", *argv[1:])


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except subprocess.CalledProcessError as err:
        sys.exit(err.returncode)
    except KeyboardInterrupt:
        sys.exit(130)
