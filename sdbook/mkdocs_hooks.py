"""MkDocs hooks: publish notebooks/ and data/ with the site, and keep pages offline.

- ``notebooks/*.ipynb`` live outside ``docs/`` (the repository's layout); they are
  added to the build here, before mkdocs-jupyter wraps them as pages.
- ``data/`` (CSVs and datapackage.json) is published under ``data/`` for download.
- The "Data library" page gets its dataset tables from the metadata, so they
  cannot drift from the data.
- Notebook pages lose nbconvert's per-page inline CSS (~585 KB) and all its
  scripts (CDN MathJax/Mermaid tags, the copy button): the site styles notebooks
  once in book.css and loads nothing from other hosts.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sdbook.data import DATA_DIR, REPO_ROOT, resources
from sdbook.datalibrary import datasets_markdown

NOTEBOOK_DIR = REPO_ROOT / "notebooks"
DATASETS_MARKER = "<!-- datasets -->"

_INLINE_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)
# Every <script> nbconvert writes (CDN MathJax and Mermaid tags, an empty-src MathJax tag,
# the copy button's custom element): charts need none, and Material's instant navigation
# would re-run inline scripts on every visit. The copy buttons go with their script.
_ANY_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_COPY_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S)
_COPY_SOURCE = re.compile(r'<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>', re.S)
_CDN_COMMENTS = re.compile(r"<!-- (Load mathjax|MathJax configuration|End of mathjax configuration"
                           r"|End of mermaid configuration) -->")


def source_date_epoch() -> str | None:
    """The last commit's time: the date a rebuild of the same commit should carry."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO_ROOT,
                                capture_output=True, text=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def on_config(config):
    # Byte-identical rebuilds: mkdocs dates the sitemap with the build date unless
    # SOURCE_DATE_EPOCH is set, so pin it to the commit being built.
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := source_date_epoch()):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    return config


@event_priority(50)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files, config):
    site_dir = config["site_dir"]
    use_dirs = config["use_directory_urls"]
    for notebook in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        files.append(File(notebook.relative_to(REPO_ROOT).as_posix(), str(REPO_ROOT),
                          site_dir, use_dirs))
    for data_file in sorted(DATA_DIR.glob("*")):
        if data_file.suffix in {".csv", ".json"}:
            files.append(File.generated(config, f"data/{data_file.name}",
                                        abs_src_path=str(data_file)))
    return files


def on_page_markdown(markdown, page, config, files):
    if DATASETS_MARKER in markdown:
        markdown = markdown.replace(DATASETS_MARKER, datasets_markdown(resources()))
    return markdown


def on_page_content(html, page, config, files):
    if not page.file.src_path.endswith(".ipynb"):
        return html
    for pattern in (_INLINE_STYLE, _ANY_SCRIPT, _COPY_BUTTON, _COPY_SOURCE, _CDN_COMMENTS):
        html = pattern.sub("", html)
    return html


def notebook_paths() -> list[Path]:
    """The notebooks the site publishes (used by the tests too)."""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))
