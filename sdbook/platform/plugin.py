"""The book's MkDocs plugin: the lesson platform (this folder), wired into the build.

Registered as ``sdbook`` (``[project.entry-points."mkdocs.plugins"]`` in pyproject.toml)
and listed in mkdocs.yml under ``plugins:``, before print-site, which must stay last.

- Notebooks (``notebooks/*.ipynb``, outside ``docs/``) are executed once per build, or
  not at all when unchanged (:mod:`.execution`); mkdocs-jupyter only renders the executed
  copies. The clean source is published beside each page for download.
- Chapters embed named charts (``::: chart``), quizzes, key-terms boxes and citations;
  chapters with a ``chapter:`` number in their front matter get their reading and
  notebook times under the title.
- ``data/`` (CSVs and datapackage.json) is published under ``data/``, with a zip of it;
  the Data library page is written from the metadata, so it cannot drift from the data.
- Notebook pages lose nbconvert's per-page CSS and scripts; every page loads nothing
  from other hosts. The whole-book print page gets each page's final HTML (:mod:`.printcopy`).

MkDocs keeps one instance of this class for a whole ``mkdocs serve`` (it has
``on_startup``): what one build learns is reset in ``on_config``; what serving remembers
between builds lives in ``self.dev_server``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2
import nbformat
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File

from ..data import DATA_DIR, DataValidationError, load_all, resources
from . import (BookBuildError, briefs, citations, classroom, directives, edition, embeds, execution,
               figures, furniture, glossary, handout, kit, links, offline, pages, quiz, search_ranking,
               serving, wheel)
from .datalibrary import datasets_markdown
from .notebooks import NOTEBOOK_DIR, notebook_paths, notebook_title
from .printcopy import PrintCopy
from .tree import parse, serialize

RENDER_DIR = execution.CACHE_DIR / "pages"  # executed notebooks, as mkdocs-jupyter reads them
BRIEFS_DIR = execution.CACHE_DIR / "briefs"  # the country briefs, as MkDocs reads them
LAUNCHERS_MARKER = "<!-- notebook-launchers -->"
OFFLINE_COPY_MARKER = "<!-- offline-copy -->"


class BookConfig(base.Config):
    # The lesson platform's sources, relative to docs_dir.
    glossary = c.Type(str, default="includes/glossary.yml")
    bibliography = c.Type(str, default="references.yml")
    # The branch that "view source", the notebooks' source links and the Colab and Binder
    # links open (not edit_uri: MkDocs fills that with 'master' for any GitHub repo_url).
    notebooks_branch = c.Type(str, default="main")
    # Whether this build is printed to PDF after it (`python3 book.py pdf`): the downloads
    # page then links the PDFs, which a plain build does not have.
    pdf_downloads = c.Type(bool, default=False)


class _Build:
    """What one build learns before pages are rendered (reset at every build)."""

    def __init__(self):
        self.charts: dict[str, embeds.NamedChart] = {}
        self.failures: dict[str, str] = {}
        self.notebook_titles: dict[str, str] = {}
        self.terms: list[glossary.Term] = []
        self.chapters: dict[str, furniture.ChapterInfo] = {}
        self.figures: dict[str, figures.Figure] = {}  # chart name -> its number in its chapter
        self.page_titles: dict[str, str] = {}
        self.first_lines: dict[str, int] = {}  # file line of each page's first line after front matter
        self.glossary_pages: set[str] = set()  # pages listing the glossary: no marks there
        self.print_copy = PrintCopy()


def _nav_paths(nav) -> list[str]:
    """Every page path in a mkdocs.yml nav (nested lists of titles and paths)."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    return [p for item in (nav or []) for p in _nav_paths(item)]


def _write_if_changed(path: Path, text: str) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


class BookPlugin(BasePlugin[BookConfig]):
    """The lesson platform as one MkDocs plugin (see the module docstring)."""

    def __init__(self):
        self.build = _Build()
        self.dev_server = serving.DevServer()
        self.command = "build"

    def _docs_path(self, config, name: str) -> Path:
        return Path(config["docs_dir"]) / self.config[name]

    def on_startup(self, *, command, dirty):
        self.command = command
        self.dev_server.start(dirty)

    def on_config(self, config):
        self.build = _Build()  # mkdocs serve rebuilds with the same instance
        # mkdocs-jupyter's render cache beside the book's own (SDBOOK_CACHE_DIR), not in the
        # working directory: a build with a cache of its own then shares nothing with others.
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is not None:
            jupyter.config["cache_dir"] = str(execution.CACHE_DIR / "mkdocs-jupyter")
        edition.pin_source_date()
        config.extra["book"] = edition.edition()
        if offline.is_offline_build():  # after Material's offline plugin (listed before this one)
            offline.keep_directory_urls(config)
        self.build.terms = glossary.load(self._docs_path(config, "glossary"))
        # Material's native tooltips: abbr titles, from one book-wide glossary.
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(self.build.terms)
        return config

    @event_priority(50)  # before mkdocs-jupyter turns .ipynb files into pages
    def on_files(self, files, config):
        build, site_dir, use_dirs = self.build, config["site_dir"], config["use_directory_urls"]
        try:  # the data package first: every resource described, its file there and valid,
            load_all()  # so a bad cell stops the build before any notebook runs
        except DataValidationError as err:
            raise BookBuildError(str(err)) from None
        sources = notebook_paths()
        # Published notebooks install the book's package from this site (wheel.py).
        wheel_url = posixpath.join(config["site_url"] or "/", "downloads", wheel.wheel_name())
        executed, build.failures = execution.execute_notebooks(sources)
        changed = set()
        for source in sources:
            notebook = executed[source.stem].notebook if source.stem in executed \
                else nbformat.read(source, as_version=4)  # failed: the build stops in on_env
            build.notebook_titles[source.stem] = notebook_title(notebook, source.stem)
            if _write_if_changed(RENDER_DIR / "notebooks" / source.name,
                                 wheel.point_at(nbformat.writes(notebook), wheel_url) + "\n"):
                changed.add(source.stem)
            files.append(File(f"notebooks/{source.name}", str(RENDER_DIR), site_dir, use_dirs))
            # The clean source, for download, beside its page (notebooks/<stem>/<stem>.ipynb);
            # its first cell installs the book's package from this site when it is missing.
            files.append(File.generated(config, f"notebooks/{source.stem}/{source.name}", content=wheel.point_at(
                source.read_text(encoding="utf-8"), wheel_url)))
        build.charts = embeds.collect(executed)
        self.dev_server.notebooks_changed(config, changed)
        for data_file in sorted(DATA_DIR.glob("*")):
            if data_file.suffix in {".csv", ".json"}:
                files.append(File.generated(config, f"data/{data_file.name}", abs_src_path=str(data_file)))
        docs = Path(config["docs_dir"])
        markdown_pages = {f.src_uri for f in files if f.src_uri.endswith(".md")}
        glossary.check_targets(build.terms, markdown_pages, self._docs_path(config, "glossary"))
        # Every page's title and times, before any page is rendered (the start page lists
        # the chapters'), and every chapter's figure numbers (a page may refer to another
        # chapter's figure); in a dirty build the pages not rebuilt are never read by MkDocs.
        chapter_sources = {}
        for src in sorted(markdown_pages):
            source = (docs / src).read_text(encoding="utf-8")
            meta, body = furniture.front_matter(source)
            build.first_lines[src] = furniture.front_matter_lines(source) + 1
            build.page_titles[src] = furniture.page_title(body, src)
            if info := furniture.chapter_info(src, meta, body, NOTEBOOK_DIR):
                build.chapters[src] = info
                chapter_sources[src] = (info.number, body)
        build.figures = figures.number_figures(chapter_sources)
        # Generated files, so that links to them are checked like any page's.
        for name, content in classroom.downloads(Path(config["docs_dir"]), config.extra.get("book", {})).items():
            files.append(classroom.Download.generated(config, name, content=content))
        # Country briefs: pages written from data/ (briefs.py), where the navigation lists them.
        # Written to files (when changed) so that serve's dirty builds leave unchanged ones alone.
        if any(path.startswith(briefs.SECTION + "/") for path in _nav_paths(config["nav"])):
            for src_uri, text in briefs.pages().items():
                _write_if_changed(BRIEFS_DIR / src_uri, text)
                files.append(File(src_uri, str(BRIEFS_DIR), site_dir, use_dirs))
        return files

    def on_pre_build(self, config):
        self.dev_server.before_build(config, NOTEBOOK_DIR, self.build.terms, self._docs_path(config, "glossary"),
                                     self._docs_path(config, "bibliography"))

    def on_page_markdown(self, markdown, page, config, files):
        build, src = self.build, page.file.src_uri
        where = f"docs/{src}"
        first = build.first_lines.get(src, 1)
        links.check(markdown, src, {f.src_uri for f in files}, where, first)
        markdown = quiz.expand(markdown, where, first)
        cites = citations.PageCitations(self._docs_path(config, "bibliography"))
        markdown = cites.replace_citations(markdown, where, first)
        # The notebooks this page is built from, for serve's partial rebuilds (serving.py).
        uses = set(build.chapters[src].notebooks) if src in build.chapters else set()
        every_notebook = set(build.notebook_titles)

        def chapter_times(args, at):
            uses.update(every_notebook)
            return furniture.chapter_times_markdown(list(build.chapters.values()), src)
        handlers = {
            "chart": embeds.chart_handler(build.charts, build.notebook_titles, build.failures, uses),
            "key-terms": glossary.key_terms_handler(build.terms, src),
            "glossary": self._glossary_page(src),
            "references": cites.references_handler(),
            "reading": cites.reading_handler(),
            "bibliography": cites.bibliography_handler(),
            "chapter-times": chapter_times,
            "datasets": lambda args, at: datasets_markdown(resources()),
            "how-to-cite": lambda args, at: edition.how_to_cite(config),
            "treaty-table": lambda args, at: briefs.chapter_treaty_table(),
        }
        markdown = directives.expand(markdown, handlers, where, first)
        if cites.cited and not cites.placed:
            markdown += "\n\n## References\n" + cites.references_html()
        if "chapter" in page.meta:
            root = pages.relative_root(page.file.dest_uri)
            info = build.chapters[src]
            launchers = [kit.launch_line(stem, root, config.get("repo_url"), self.config.notebooks_branch,
                                         build.notebook_titles.get(stem, stem) if len(info.notebooks) > 1 else "Notebook")
                         for stem in info.notebooks]
            markdown = furniture.insert_after_title(
                markdown, "\n".join([furniture.meta_line(info, build.notebook_titles, root), *launchers]))
        if LAUNCHERS_MARKER in markdown:
            uses.update(every_notebook)
            markdown = markdown.replace(LAUNCHERS_MARKER, kit.launchers_markdown(
                notebook_paths(), build.notebook_titles, config.get("repo_url"), self.config.notebooks_branch))
        if classroom.PDF_MARKER in markdown:
            chapters = sorted(build.chapters.values(), key=lambda info: info.number)
            markdown = markdown.replace(classroom.PDF_MARKER, classroom.pdf_downloads_markdown(
                [(posixpath.dirname(info.src), info.title) for info in chapters], self.config.pdf_downloads,
                pages.relative_root(page.file.dest_uri)))
        if OFFLINE_COPY_MARKER in markdown:
            markdown = markdown.replace(OFFLINE_COPY_MARKER, offline.downloads_markdown(
                pages.relative_root(page.file.dest_uri)))
        markdown = classroom.expand(markdown, src, page.file.dest_uri, Path(config["docs_dir"]))
        self.dev_server.used_notebooks(page.file.dest_uri, uses)
        self.dev_server.used_references(page.file.dest_uri, cites.used, cites.lists_every_entry)
        return markdown

    def _glossary_page(self, src):
        handler = glossary.glossary_handler(self.build.terms, src, self.build.page_titles)

        def handle(args, where):
            self.build.glossary_pages.add(src)
            return handler(args, where)
        return handle

    @event_priority(-100)  # after every other plugin's, print-site's included (see printcopy)
    def on_page_content(self, html, page, config, files):
        # Search: the page's boost by its kind, code cells and tables kept out of the index.
        html = search_ranking.rank_and_exclude(html, page)
        build, tree = self.build, parse(html)
        self.dev_server.rendered.add(page.url)
        if page.file.src_uri.endswith(".ipynb"):
            pages.clean_notebook(tree)
            pages.mark_notebook_terms(tree, build.terms)
            stem = Path(page.file.src_uri).stem
            tree.insert(0, parse(pages.run_it_yourself(stem, kit.launch_line(
                stem, pages.relative_root(page.file.dest_uri), config.get("repo_url"), self.config.notebooks_branch))))
        elif page.toc and (contents := furniture.phone_contents(page.toc)):
            furniture.insert_contents(tree, contents)
        self.dev_server.used_terms(page.file.src_uri, page.file.dest_uri, glossary.term_ids_marked(tree, build.terms),
                                   whole_glossary=page.file.src_uri in build.glossary_pages)
        # Figures numbered ("Figure 5.3"), and "[](#chart-name)" references filled with the number.
        figures.label_captions(tree, build.figures)
        figures.resolve_references(tree, build.figures, page.file.src_uri, page.url)
        if page.file.src_uri in build.chapters:  # printed, its answers come at the end
            handout.gather_answers(tree, build.chapters[page.file.src_uri].number)
            handout.keep_timeline_tables(tree)
        if page.file.src_uri in build.glossary_pages:
            glossary.unmark(tree)  # every term is defined right there
        else:
            glossary.unmark_headings(tree)
            glossary.focus_first_marks(tree)
        root = pages.relative_root(page.file.dest_uri)
        html = pages.rewrite_root(serialize(tree), root)
        # Changes the tree, so after the page's own HTML is written.
        build.print_copy.prepare(page, tree, lambda text: pages.rewrite_root(text, root))
        return html

    def on_page_context(self, context, page, config, nav):
        # "View source" points at the file in the repository (notebooks live outside docs/).
        if config.get("repo_url"):
            path = f"notebooks/{Path(page.file.src_uri).name}" if page.file.src_uri.endswith(".ipynb") \
                else posixpath.join(Path(config["docs_dir"]).name, page.file.src_uri)
            if page.file.src_uri.startswith(briefs.SECTION + "/"):  # generated from data
                path = "sdbook/platform/briefs.py"
            page.edit_url = f"{config['repo_url'].rstrip('/')}/blob/{self.config.notebooks_branch}/{path}"
        return context

    def on_env(self, env, config, files):
        # Every chapter has been read: a notebook failure no embed reported stops the build now.
        if self.build.failures:
            raise BookBuildError("\n\n".join(self.build.failures.values()))
        # MkDocs makes a new template environment for every build (serve too) and compiles
        # Material's templates again each time; keep the compiled bytecode between builds.
        (execution.CACHE_DIR / "jinja").mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(execution.CACHE_DIR / "jinja"))
        return env

    @event_priority(100)  # before print-site assembles the whole-book page
    def _before_print_page(self, config):
        self.dev_server.before_post_build(config)

    @event_priority(-100)  # after print-site has written its page
    def _after_print_page(self, config):
        self.build.print_copy.finish(config)
        # After Material's search plugin has written the index.
        search_ranking.tag_abbreviations(config["site_dir"], self._docs_path(config, "glossary"))
        # The book from a folder: a second build, zipped into the downloads (not under serve).
        if self.command != "serve" and offline.wanted():
            offline.publish(config)

    on_post_build = CombinedEvent(_before_print_page, _after_print_page)
