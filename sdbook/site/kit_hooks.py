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

from sdbook.site import kit
from sdbook.site.print_ids import unique_ids
from sdbook.data import DATA_DIR
from sdbook.mkdocs_hooks import notebook_paths

LAUNCHERS_MARKER = "<!-- notebook-launchers -->"


def on_config(config):
    _figures.clear()  # mkdocs serve rebuilds in the same process
    return config


def on_page_markdown(markdown, page, config, files):
    if LAUNCHERS_MARKER in markdown:
        # Not edit_uri: MkDocs fills that with a 'master' branch for any GitHub repo_url.
        branch = config.extra.get("sdbook", {}).get("notebooks_branch", "main")
        markdown = markdown.replace(LAUNCHERS_MARKER, kit.launchers_markdown(
            notebook_paths(), config.get("repo_url"), branch))
    return markdown


# The print-site plugin rewrites ids and links on its copy of each page with regular
# expressions that rescan to the end of the line for every tag; a chart is one line of
# several hundred kilobytes (its figure JSON and data table), which made that quadratic
# and the build take many minutes. Its copy gets each figure's JSON swapped for a short
# key and a line break between the chart's tags; on_post_build puts the JSON back.
_FIGURE_JSON = re.compile(r'data-sd-figure="([^"]*)"')
_CHART = re.compile(r'<figure class="sd-chart".*?</figure>', re.S)
_KEY = "sdbook-print-figure-{}"
_figures: list[str] = []


def _print_copy(html: str) -> str:
    def stash(match):
        _figures.append(match.group(1))
        return f'data-sd-figure="{_KEY.format(len(_figures) - 1)}"'
    html = _CHART.sub(lambda m: m.group(0).replace("><", ">\n<"), html)
    return _FIGURE_JSON.sub(stash, html)


@event_priority(-100)  # after every other page_content handler, the platform's included
def on_page_content(html, page, config, files):
    # print-site keeps a copy of each page's HTML for the whole-book page as it sees it,
    # before the platform's hook strips nbconvert's 575 KB inline CSS and scripts from
    # notebook pages. Hand it the final HTML instead (in its print form, see above).
    if getattr(page, "html", None) is not None:
        page.html = _print_copy(html)
    return html


# print-site writes heading-number CSS into its page even when numbering is off; it is
# the only inline <style> the site would carry (notebook pages are kept free of them).
_ENUMERATION_STYLE = re.compile(r"<style>\s*\.print-site-enumerate-headings[^<]*</style>")


@event_priority(-100)  # after print-site has written its page
def on_post_build(config):
    plugin = config["plugins"].get("print-site")
    if plugin is None or not plugin.config.get("enabled"):
        return
    page = Path(config["site_dir"]) / plugin.config.get("print_page_basename") / "index.html"
    if not page.is_file():
        return
    text = page.read_text(encoding="utf-8")
    if not plugin.config.get("enumerate_headings"):
        text = _ENUMERATION_STYLE.sub("", text)
    text = re.sub(r'data-sd-figure="sdbook-print-figure-(\d+)"',
                  lambda m: f'data-sd-figure="{_figures[int(m.group(1))]}"', text)
    text = unique_ids(text)  # the book's own ids repeat from chapter to chapter (print_ids.py)
    page.write_text(text, encoding="utf-8")


def on_files(files, config):
    # A generated file, so that links to it are checked like any page's.
    when = kit.build_time(os.environ.get("SOURCE_DATE_EPOCH"))
    files.append(File.generated(config, f"downloads/{kit.DATA_ZIP_NAME}",
                                content=kit.data_zip_bytes(DATA_DIR, when)))
    return files
