"""MkDocs hooks: publish notebooks/ and data/ with the site, and keep pages offline.

- ``notebooks/*.ipynb`` live outside ``docs/`` (the repository's layout); they are
  added to the build here, before mkdocs-jupyter wraps them as pages.
- ``data/`` (CSVs and datapackage.json) is published under ``data/`` for download.
- The "Data library" page gets its dataset tables from the metadata, so they
  cannot drift from the data.
- Notebook pages lose nbconvert's per-page inline CSS (~585 KB) and its CDN
  MathJax/Mermaid tags: the site styles notebooks once in book.css and loads
  nothing from other hosts.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sdbook.data import DATA_DIR, REPO_ROOT, resources
from sdbook.datalibrary import datasets_markdown

NOTEBOOK_DIR = REPO_ROOT / "notebooks"
DATASETS_MARKER = "<!-- datasets -->"

_INLINE_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)
_EXTERNAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"'](https?://[^\"']*)?[\"'][^>]*>\s*</script>",
                              re.I)  # also the empty-src tag left by a blank mathjax_url
_MATHJAX_CONFIG = re.compile(r"<script type=\"text/x-mathjax-config\">.*?</script>", re.S)
_MODULE_SCRIPT = re.compile(r"<script type=\"module\">.*?</script>", re.S)
_CDN_COMMENTS = re.compile(r"<!-- (Load mathjax|MathJax configuration|End of mathjax configuration"
                           r"|End of mermaid configuration) -->")


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
    for pattern in (_INLINE_STYLE, _EXTERNAL_SCRIPT, _MATHJAX_CONFIG, _MODULE_SCRIPT,
                    _CDN_COMMENTS):
        html = pattern.sub("", html)
    return html


def notebook_paths() -> list[Path]:
    """The notebooks the site publishes (used by the tests too)."""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))
