"""The classroom kit's build steps: markers filled from data, downloads made at build.

Called by the plugin (:mod:`.plugin`): ``expand`` fills a page's kit markers (the quiz
exports table, the delegate kit, the 1983 simulation's background and injects, the progress
table) and inserts the chapter's "What do you think?" boxes; ``downloads`` returns every
generated download (the book's package as a wheel, the data zip, the quiz exports and the
delegate kit) as {site path: bytes}.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from mkdocs.structure.files import File

from ..data import DATA_DIR
from . import delegate_kit, execution, kit, quiz_export, reflections, simulation, wheel
from .pages import relative_root

QUIZ_EXPORTS_MARKER = "<!-- quiz-exports -->"
DELEGATE_KIT_MARKER = "<!-- delegate-kit -->"
PROGRESS_MARKER = "<!-- progress-chapters -->"
PDF_MARKER = "<!-- pdf-downloads -->"
BOOK_PDF = "the-security-dilemma"  # tools/book_pdf.py writes these names
NUCLEAR_MARKERS = {"<!-- nuclear-background -->": simulation.background_markdown,
                   "<!-- nuclear-injects -->": simulation.injects_markdown}


def expand(markdown: str, src_uri: str, dest_uri: str, docs_dir: Path) -> str:
    if QUIZ_EXPORTS_MARKER in markdown:
        markdown = markdown.replace(QUIZ_EXPORTS_MARKER, quiz_export.links_markdown(docs_dir, src_uri))
    if DELEGATE_KIT_MARKER in markdown:
        markdown = markdown.replace(DELEGATE_KIT_MARKER, delegate_kit.page_markdown())
    for marker, make in NUCLEAR_MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    root = relative_root(dest_uri)
    markdown = reflections.insert(markdown, src_uri, root)
    if PROGRESS_MARKER in markdown:
        chapters = [(c.src, quiz_export.plain(c.title), len(c.questions))
                    for c in quiz_export.chapter_quizzes(docs_dir)]
        markdown = markdown.replace(PROGRESS_MARKER, reflections.progress_table(chapters, root))
    return markdown


def downloads(docs_dir: Path, book: dict) -> dict[str, bytes]:
    """Every generated download; dated by the commit (SOURCE_DATE_EPOCH) so rebuilds agree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = kit.build_time(epoch)
    edition = f"version {book['version']}, {book['date']}" if book else ""
    return {f"downloads/{kit.DATA_ZIP_NAME}": kit.data_zip_bytes(DATA_DIR, when),
            f"downloads/{wheel.wheel_name()}": wheel.cached_wheel(epoch, execution.CACHE_DIR / "wheel"),
            **quiz_export.downloads(docs_dir, when), **delegate_kit.downloads(edition, when)}


def pdf_downloads_markdown(chapters: list[tuple[str, str]], printed: bool, root: str) -> str:
    """The ready-made PDFs (``python3 book.py pdf``), or how to make them when this build
    has none. ``chapters``: (chapter folder, title) in chapter order."""
    if not printed:
        return ("- **Ready-made PDFs** (the whole book for students and for instructors, and each "
                "chapter) are made by `python3 book.py pdf` in a clone of the repository (it needs "
                "Chromium; the rest of the book does not); the published book links them here.")
    where = f"{root}downloads/"

    def link(name: str, text: str) -> str:  # HTML: MkDocs would take a Markdown link for a missing page
        return f'<a href="{where}{name}">{html.escape(text)}</a>'
    lines = [f"- **{link(BOOK_PDF + '.pdf', 'The whole book, student edition (PDF)')}**: page numbers "
             "in its contents, the exercises' model answers at the back.",
             f"- **{link(BOOK_PDF + '-instructor.pdf', 'The whole book, instructor edition (PDF)')}**: "
             "the same with the quizzes' answer keys and the classroom kit (guide, crisis "
             "simulations, role cards).",
             "- **Each chapter as a PDF**, printed from its page: "
             + "; ".join(link(f"chapter-{folder}.pdf", title) for folder, title in chapters) + "."]
    return "\n".join(lines)


class Download(File):
    """A generated download copied as it is: the delegate kit's .md is not a page to render."""

    def is_documentation_page(self) -> bool:
        return False
