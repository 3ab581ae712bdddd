"""Chapter furniture computed at build: reading and notebook times, a phone contents list.

Times are estimates from the text itself, never typed by hand:

- reading time: the words a reader sees (code blocks excepted; quiz text counted) at
  200 words a minute, a pace for dense textbook prose;
- notebook time: the notebook's Markdown at the same pace, plus 2 minutes to explore
  each chart and 1 minute for every other code cell.

Both are rounded up to 5 minutes, since more precision would be false.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from mkdocs.utils.meta import get_data

from .tree import parse as tree_parse

WORDS_PER_MINUTE = 200
MINUTES_PER_CHART = 2
MINUTES_PER_CODE_CELL = 1
_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")


def _round_up(minutes: float) -> int:
    return max(5, 5 * math.ceil(minutes / 5))


def visible_words(markdown: str) -> int:
    """Words a reader reads: no code blocks (but quiz blocks), no URLs, tags or syntax."""
    kept, fence = [], None
    for line in markdown.splitlines():
        stripped = line.strip()
        match = _FENCE.match(stripped)
        if fence is None and match:
            fence = match.group(1) if match.group(2).strip() != "quiz" else "quiz:" + match.group(1)
            continue
        if fence is not None:
            if stripped == fence.removeprefix("quiz:"):
                fence = None
            elif fence.startswith("quiz:"):
                kept.append(stripped.lstrip("?-=~>[] xX"))
            continue
        if stripped.startswith(":::") or re.match(r"^\*\[[^\]]+\]:", stripped):
            continue
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"\]\([^)]*\)", "]", text)         # link targets
    text = re.sub(r"<[^>]+>", " ", text)              # HTML tags
    text = re.sub(r"\[\^?[-@\w:. ;,]+\]", " ", text)  # footnote and citation markers
    return len(_WORD.findall(text))


def reading_minutes(markdown: str) -> int:
    return _round_up(visible_words(markdown) / WORDS_PER_MINUTE)


def notebook_minutes(path: Path) -> int:
    notebook = nbformat.read(path, as_version=4)
    words = sum(visible_words(c.source) for c in notebook.cells if c.cell_type == "markdown")
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    charts = sum("Chart(" in source for source in code)
    return _round_up(words / WORDS_PER_MINUTE + MINUTES_PER_CHART * charts
                     + MINUTES_PER_CODE_CELL * (len(code) - charts))


@dataclass(frozen=True)
class ChapterInfo:
    number: int
    title: str
    src: str               # path under docs/
    reading: int
    notebooks: tuple[str, ...]
    notebook: int          # minutes, all its notebooks together (0 if none)


def front_matter(source: str) -> tuple[dict, str]:
    """A Markdown file's front matter and body, parsed as MkDocs parses it for ``page.meta``."""
    body, meta = get_data(source)
    return meta, body


def front_matter_lines(source: str) -> int:
    """Lines of front matter that MkDocs strips before plugins see the Markdown."""
    return source.count("\n") - front_matter(source)[1].count("\n")


def page_title(body: str, fallback: str) -> str:
    """A Markdown page's title: its first level-one heading."""
    return next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), fallback)


def chapter_info(src: str, meta: dict, body: str, notebook_dir: Path) -> ChapterInfo | None:
    """Times for a page whose front matter gives a chapter number, else None."""
    if "chapter" not in meta:
        return None
    notebooks = tuple(meta.get("notebooks") or ())
    minutes = sum(notebook_minutes(notebook_dir / f"{stem}.ipynb") for stem in notebooks)
    return ChapterInfo(int(meta["chapter"]), page_title(body, src), src, reading_minutes(body), notebooks, minutes)


def meta_line(info: ChapterInfo, notebook_titles: dict[str, str], root: str) -> str:
    """The line under a chapter's title (raw HTML)."""
    parts = [f"Chapter {info.number}", f"about {info.reading} minutes to read"]
    if info.notebooks:
        links = " and ".join(f'<a href="{root}notebooks/{stem}/">{html.escape(notebook_titles.get(stem, stem))}</a>'
                             for stem in info.notebooks)
        parts.append(f"about {info.notebook} minutes with the notebook{'s' if len(info.notebooks) > 1 else ''} {links}")
    return f'<p class="sd-meta">{" · ".join(parts)}</p>'


def insert_after_title(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[:index + 1] + ["", block, ""] + lines[index + 1:])
    return block + "\n\n" + markdown


def chapter_times_markdown(chapters: list[ChapterInfo], from_page: str) -> str:
    """``::: chapter-times``: every chapter with its stable URL and times."""
    import posixpath
    rows = ["| Chapter | Stable address | Reading | Notebook |", "| --- | --- | ---: | ---: |"]
    for info in sorted(chapters, key=lambda c: c.number):
        link = posixpath.relpath(info.src, posixpath.dirname(from_page) or ".")
        address = "/" + info.src.removesuffix("index.md").removesuffix(".md") + ("/" if not info.src.endswith("index.md") else "")
        rows.append(f"| {info.number}. [{info.title}]({link}) | `{address}` | {info.reading} min | "
                    f"{str(info.notebook) + ' min' if info.notebooks else '—'} |")
    # The class lets a phone drop the address column (book.css), where it squeezed the titles.
    return '<div class="sd-chapter-times" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"


def insert_contents(tree, contents: str) -> None:
    """Put the phone contents list after the title and its times line."""
    anchor = tree.find("p", class_="sd-meta") or tree.find("h1")
    # after the chapter's notebook links too (kit.launch_line), which follow its times line
    while anchor is not None and (after := anchor.find_next_sibling()) is not None \
            and after.name == "p" and "sd-launch" in (after.get("class") or []):
        anchor = after
    block = tree_parse(contents)
    if anchor is None:
        tree.insert(0, block)
    else:
        anchor.insert_after(block)


def phone_contents(toc) -> str:
    """An 'On this page' list shown on narrow screens, where Material's contents sidebar
    is hidden (and, for a section's index page, missing from the navigation drawer)."""
    entries = [item for top in toc for item in (top.children or [])] if len(toc) == 1 else list(toc)
    if len(entries) < 3:
        return ""
    items = []
    for entry in entries:
        sub = "".join(f'<li><a href="{child.url}">{child.title}</a></li>' for child in entry.children)
        items.append(f'<li><a href="{entry.url}">{entry.title}</a>'
                     + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
    return ('<nav class="sd-page-toc" aria-label="On this page"><details><summary>'
            f'On this page: {len(entries)} sections</summary><ul>{"".join(items)}</ul></details></nav>')
