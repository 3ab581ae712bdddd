"""MkDocs hooks for the classroom kit (pages under classroom/ and bibliography.md).

Kept apart from the platform's hooks (sdbook/mkdocs_hooks.py): this file only
fills its own markers and writes its own download.

- ``<!-- notebook-launchers -->``: a table of notebooks with Download, Colab, Binder.
- ``downloads/security-dilemma-data.zip``: all data plus datapackage.json.
- The whole-book print page gets each page's final HTML (see on_page_content) and loses
  the unused heading-numbering CSS that print-site inlines (see on_post_build).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sdbook import kit
from sdbook.data import DATA_DIR
from sdbook.mkdocs_hooks import notebook_paths

LAUNCHERS_MARKER = "<!-- notebook-launchers -->"


def on_page_markdown(markdown, page, config, files):
    if LAUNCHERS_MARKER in markdown:
        # Not edit_uri: MkDocs fills that with a 'master' branch for any GitHub repo_url.
        branch = config.extra.get("sdbook", {}).get("notebooks_branch", "main")
        markdown = markdown.replace(LAUNCHERS_MARKER, kit.launchers_markdown(
            notebook_paths(), config.get("repo_url"), branch))
    return markdown


@event_priority(-100)  # after every other page_content handler, the platform's included
def on_page_content(html, page, config, files):
    # The print-site plugin keeps a copy of each page's HTML for the whole-book page as it
    # sees it, before the platform's hook strips nbconvert's 575 KB inline CSS and scripts
    # from notebook pages. Hand it the final HTML instead.
    if getattr(page, "html", None) is not None:
        page.html = html
    return html


# print-site writes heading-number CSS into its page even when numbering is off; it is
# the only inline <style> the site would carry (notebook pages are kept free of them).
_ENUMERATION_STYLE = re.compile(r"<style>\s*\.print-site-enumerate-headings[^<]*</style>")


@event_priority(-100)  # after print-site has written its page
def on_post_build(config):
    plugin = config["plugins"].get("print-site")
    if plugin is None or plugin.config.get("enumerate_headings"):
        return
    page = Path(config["site_dir"]) / plugin.config.get("print_page_basename") / "index.html"
    if page.is_file():
        page.write_text(_ENUMERATION_STYLE.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")


def on_files(files, config):
    # A generated file, so that links to it are checked like any page's.
    when = kit.build_time(os.environ.get("SOURCE_DATE_EPOCH"))
    files.append(File.generated(config, f"downloads/{kit.DATA_ZIP_NAME}",
                                content=kit.data_zip_bytes(DATA_DIR, when)))
    return files
