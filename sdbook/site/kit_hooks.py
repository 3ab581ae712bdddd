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

from sdbook.site import execution, kit, wheel
from sdbook import delegate_kit, quiz_export, reflections, simulation  # instructor kit (issue 19)
from sdbook.site.pages import relative_root
from sdbook.data import DATA_DIR
from sdbook.mkdocs_hooks import notebook_paths

LAUNCHERS_MARKER = "<!-- notebook-launchers -->"
# Instructor kit (issue 19): the quiz-export table, the delegate kit and the
# nuclear-age simulation's injects (from data/cold_war_events.csv), filled at build.
QUIZ_EXPORTS_MARKER = "<!-- quiz-exports -->"
DELEGATE_KIT_MARKER = "<!-- delegate-kit -->"
PROGRESS_MARKER = "<!-- progress-chapters -->"
NUCLEAR_MARKERS = {"<!-- nuclear-background -->": simulation.background_markdown,
                   "<!-- nuclear-injects -->": simulation.injects_markdown}


def on_config(config):
    _figures.clear()  # mkdocs serve rebuilds in the same process
    return config


def on_page_markdown(markdown, page, config, files):
    if LAUNCHERS_MARKER in markdown:
        # Not edit_uri: MkDocs fills that with a 'master' branch for any GitHub repo_url.
        branch = config.extra.get("sdbook", {}).get("notebooks_branch", "main")
        markdown = markdown.replace(LAUNCHERS_MARKER, kit.launchers_markdown(
            notebook_paths(), config.get("repo_url"), branch))
    # Instructor kit (issue 19).
    if QUIZ_EXPORTS_MARKER in markdown:
        markdown = markdown.replace(QUIZ_EXPORTS_MARKER, quiz_export.links_markdown(
            Path(config["docs_dir"]), page.file.src_uri))
    if DELEGATE_KIT_MARKER in markdown:
        markdown = markdown.replace(DELEGATE_KIT_MARKER, delegate_kit.page_markdown())
    for marker, make in NUCLEAR_MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    # "What do you think?" before and after each chapter; the progress page's table.
    root = relative_root(page.file.dest_uri)
    markdown = reflections.insert(markdown, page.file.src_uri, root)
    if PROGRESS_MARKER in markdown:
        chapters = [(c.src, quiz_export.plain(c.title), len(c.questions))
                    for c in quiz_export.chapter_quizzes(Path(config["docs_dir"]))]
        markdown = markdown.replace(PROGRESS_MARKER, reflections.progress_table(chapters, root))
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
    page.write_text(text, encoding="utf-8")


def on_files(files, config):
    # A generated file, so that links to it are checked like any page's.
    when = kit.build_time(os.environ.get("SOURCE_DATE_EPOCH"))
    files.append(File.generated(config, f"downloads/{kit.DATA_ZIP_NAME}",
                                content=kit.data_zip_bytes(DATA_DIR, when)))
    # The book's package with its data, which a downloaded notebook installs (sdbook/site/wheel.py).
    files.append(File.generated(config, f"downloads/{wheel.wheel_name()}", content=wheel.cached_wheel(
        os.environ.get("SOURCE_DATE_EPOCH"), execution.CACHE_DIR / "wheel")))
    # Instructor kit (issue 19): each chapter's quiz for Canvas (QTI) and Moodle; the
    # delegate kit as Markdown, plain text and .docx.
    book = config.extra.get("book", {})
    edition = f"version {book['version']}, {book['date']}" if book else ""
    generated = {**quiz_export.downloads(Path(config["docs_dir"]), when),
                 **delegate_kit.downloads(edition, when)}
    for name, content in generated.items():
        files.append(_Download.generated(config, name, content=content))
    return files


class _Download(File):
    """A generated download copied as it is: the delegate kit's .md is not a page to render."""

    def is_documentation_page(self) -> bool:
        return False
