"""MkDocs hooks: the lesson platform, wired into the build (modules in sdbook/site/).

- Notebooks (``notebooks/*.ipynb``, outside ``docs/``) are executed once per build, or
  not at all when unchanged (:mod:`sdbook.site.execution`); mkdocs-jupyter only renders
  the executed copies. The clean source is published beside each page for download.
- Chapters embed named charts (``::: chart``), quizzes, key-terms boxes and citations;
  chapters with a ``chapter:`` number in their front matter get their reading and
  notebook times under the title.
- ``data/`` (CSVs and datapackage.json) is published under ``data/``; the Data library
  page is written from the metadata, so it cannot drift from the data.
- Notebook pages lose nbconvert's per-page CSS and scripts; every page loads nothing
  from other hosts.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import tomllib
from datetime import date, datetime, timezone
from pathlib import Path

import jinja2
import nbformat
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sdbook import briefs  # issue 19: country briefs and the Model UN treaty table
from sdbook.data import DATA_DIR, REPO_ROOT, resources
from sdbook.site import (BookBuildError, citations, directives, embeds, execution, furniture,
                         glossary, pages, quiz, serving, wheel)
from sdbook.site.datalibrary import datasets_markdown

NOTEBOOK_DIR = Path(os.environ.get("SDBOOK_NOTEBOOK_DIR", REPO_ROOT / "notebooks")).resolve()
RENDER_DIR = execution.CACHE_DIR / "pages"  # executed notebooks, as mkdocs-jupyter reads them


class _Build:
    """What one build learns before pages are rendered (reset at every build)."""

    def __init__(self):
        self.charts: dict[str, embeds.NamedChart] = {}
        self.failures: dict[str, str] = {}
        self.notebook_titles: dict[str, str] = {}
        self.terms: list[glossary.Term] = []
        self.chapters: dict[str, furniture.ChapterInfo] = {}
        self.page_titles: dict[str, str] = {}
        self.glossary_pages: set[str] = set()  # pages listing the glossary: no marks there


build = _Build()


def _paths(config) -> tuple[Path, Path]:
    settings = config.extra.get("sdbook", {})
    docs = Path(config["docs_dir"])
    return docs / settings.get("glossary", "includes/glossary.yml"), \
        docs / settings.get("bibliography", "references.yml")


def source_date_epoch() -> str | None:
    """The last commit's time: the date a rebuild of the same commit should carry."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO_ROOT,
                                capture_output=True, text=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def edition() -> dict:
    """The book's version (pyproject.toml) and date (the commit's, so rebuilds agree)."""
    version = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()
    return {"version": version, "date": f"{day.day} {day:%B %Y}", "iso_date": day.isoformat()}


def how_to_cite(config) -> str:
    """``::: how-to-cite``: the citation of this edition of the book."""
    book = config.extra["book"]
    return (f"!!! quote \"How to cite this book\"\n\n    {config['site_author']}. *{config['site_name']}*. "
            f"Version {book['version']}, {book['date']}. <{config['site_url']}>. Text licensed under "
            "CC BY 4.0; code under the MIT licence; data under the licences recorded for each dataset.")


def notebook_paths() -> list[Path]:
    """The notebooks the site publishes (used by the tests too)."""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def on_startup(command, dirty):
    serving.dev_server.start(dirty)


def on_config(config):
    global build
    build = _Build()
    # Byte-identical rebuilds: mkdocs dates the sitemap with the build date unless
    # SOURCE_DATE_EPOCH is set, so pin it to the commit being built.
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := source_date_epoch()):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    config.extra["book"] = edition()
    glossary_file, _ = _paths(config)
    build.terms = glossary.load(glossary_file)
    # Material's native tooltips: abbr titles, from one book-wide glossary.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(build.terms)
    return config


def _notebook_title(notebook) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "notebook"


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


@event_priority(50)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files, config):
    site_dir, use_dirs = config["site_dir"], config["use_directory_urls"]
    sources = notebook_paths()
    wheel_url = posixpath.join(config["site_url"] or "/", "downloads", wheel.wheel_name())
    executed, build.failures = execution.execute_notebooks(sources)
    for source in sources:
        notebook = executed[source.stem].notebook if source.stem in executed \
            else nbformat.read(source, as_version=4)  # failed: the build stops in on_env
        build.notebook_titles[source.stem] = _notebook_title(notebook)
        _write_if_changed(RENDER_DIR / "notebooks" / source.name,
                          wheel.point_at(nbformat.writes(notebook), wheel_url) + "\n")
        files.append(File(f"notebooks/{source.name}", str(RENDER_DIR), site_dir, use_dirs))
        # The clean source, for download, beside its page (notebooks/<stem>/<stem>.ipynb);
        # its first cell installs the book's package from this site when it is missing.
        files.append(File.generated(config, f"notebooks/{source.stem}/{source.name}",
                                    content=wheel.point_at(source.read_text(encoding="utf-8"), wheel_url)))
    build.charts = embeds.collect(executed)
    for data_file in sorted(DATA_DIR.glob("*")):
        if data_file.suffix in {".csv", ".json"}:
            files.append(File.generated(config, f"data/{data_file.name}", abs_src_path=str(data_file)))
    docs = Path(config["docs_dir"])
    markdown_pages = {f.src_uri for f in files if f.src_uri.endswith(".md")}
    glossary.check_targets(build.terms, markdown_pages, _paths(config)[0])
    for src in sorted(markdown_pages):
        build.page_titles[src] = furniture.page_title((docs / src).read_text(encoding="utf-8"), src)
        if info := furniture.chapter_info(docs, src, NOTEBOOK_DIR):
            build.chapters[src] = info
    # Country briefs (issue 19): pages written from data/ by sdbook/briefs.py, not in docs/.
    for src_uri, text in briefs.pages().items():
        files.append(File.generated(config, src_uri, content=text))
    return files


def on_pre_build(config):
    serving.dev_server.before_build(config, NOTEBOOK_DIR)


@event_priority(100)  # before print-site assembles the whole-book page
def on_post_build(config):
    serving.dev_server.before_post_build(config)


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    where = f"docs/{src}"
    first = directives.front_matter_lines(page.file.abs_src_path) + 1
    markdown = quiz.expand(markdown, where, first)
    cites = citations.PageCitations(_paths(config)[1])
    markdown = cites.replace_citations(markdown, where, first)
    handlers = {
        "chart": embeds.chart_handler(build.charts, build.notebook_titles, build.failures),
        "key-terms": glossary.key_terms_handler(build.terms, src),
        "glossary": _glossary_page(src),
        "references": cites.references_handler(),
        "reading": cites.reading_handler(),
        "bibliography": cites.bibliography_handler(),
        "chapter-times": lambda args, at: furniture.chapter_times_markdown(list(build.chapters.values()), src),
        "datasets": lambda args, at: datasets_markdown(resources()),
        "how-to-cite": lambda args, at: how_to_cite(config),
        "treaty-table": lambda args, at: briefs.chapter_treaty_table(),  # issue 19: sdbook/briefs.py
    }
    markdown = directives.expand(markdown, handlers, where, first)
    if cites.cited and not cites.placed:
        markdown += "\n\n## References\n" + cites.references_html()
    if src in build.chapters:
        root = pages.relative_root(page.file.dest_uri)
        markdown = furniture.insert_after_title(
            markdown, furniture.meta_line(build.chapters[src], build.notebook_titles, root))
    return markdown


def _glossary_page(src):
    handler = glossary.glossary_handler(build.terms, src, build.page_titles)

    def handle(args, where):
        build.glossary_pages.add(src)
        return handler(args, where)
    return handle


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        stem = Path(page.file.src_uri).stem
        html = pages.clean_notebook(html)
        html = pages.mark_notebook_terms(html, build.terms)
        html = pages.run_it_yourself(stem, config.get("repo_url")) + html
    elif page.toc and (contents := furniture.phone_contents(page.toc)):
        html = furniture.insert_contents(html, contents)
    if page.file.src_uri in build.glossary_pages:
        html = glossary.unmark(html)  # every term is defined right there
    else:
        html = glossary.focus_first_marks(glossary.unmark_headings(html))
    return pages.rewrite_root(html, pages.relative_root(page.file.dest_uri))


def on_page_context(context, page, config, nav):
    # "View source" points at the file in the repository (notebooks live outside docs/).
    if config.get("repo_url"):
        path = f"notebooks/{Path(page.file.src_uri).name}" if page.file.src_uri.endswith(".ipynb") \
            else posixpath.join(Path(config["docs_dir"]).name, page.file.src_uri)
        if page.file.src_uri.startswith(briefs.SECTION + "/"):  # issue 19: generated briefs
            path = "sdbook/briefs.py"
        page.edit_url = f"{config['repo_url'].rstrip('/')}/blob/main/{path}"
    return context


def on_env(env, config, files):
    # Every chapter has been read: a notebook failure no embed reported stops the build now.
    if build.failures:
        raise BookBuildError("\n\n".join(build.failures.values()))
    # MkDocs makes a new template environment for every build (serve too) and compiles
    # Material's templates again each time; keep the compiled bytecode between builds.
    (execution.CACHE_DIR / "jinja").mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(execution.CACHE_DIR / "jinja"))
    return env
