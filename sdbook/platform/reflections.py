"""'What do you think?' before and after each chapter, kept in the reader's browser only.

Each chapter listed in ``docs/includes/reflections.yml`` gets two boxes at build: one under
its title (before reading) and one before its references (after reading), where the
reader's first answer is shown beside the second. The boxes are plain HTML forms, hidden
until the progress page feature (``docs/assets/javascripts/src/features/progress.js``) enables them, because without it they could
keep nothing; that script stores the answers in ``localStorage`` and sends nothing.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml

from sdbook.data import REPO_ROOT

STATEMENTS = REPO_ROOT / "docs" / "includes" / "reflections.yml"
SCALE = ("Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree")
_REFERENCES = re.compile(r"^## References\b.*$", re.M)


def statements(path: Path = STATEMENTS) -> dict[str, str]:
    return {str(k): " ".join(str(v).split()) for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items()}


def chapter_key(src: str) -> str:
    """The key progress.js files a chapter under: its folder ('naval-race')."""
    parts = Path(src).parts
    return parts[-2] if parts[-1] == "index.md" and len(parts) > 1 else Path(src).stem


def _form(stage: str, key: str, statement: str, progress_href: str) -> str:
    prefix = f"sd-reflect-{stage}"
    heading = {"before": "What do you think? Before you read",
               "after": "What do you think now? After reading"}[stage]
    options = "".join(
        f'<li><input type="radio" name="{prefix}" id="{prefix}-{n}" value="{n}">'
        f'<label for="{prefix}-{n}">{label}</label></li>'
        for n, label in enumerate(SCALE, start=1))
    then = ('<p class="sd-reflect__then">Before you read, you answered: '
            '<strong data-sd-reflect-then>nothing yet</strong>'
            '<span data-sd-reflect-then-note></span></p>') if stage == "after" else ""
    return (f'<form class="sd-reflect" data-sd-reflect="{stage}" data-chapter="{key}" hidden>'
            f'<fieldset><legend><strong>{heading}.</strong> Do you agree? '
            f'<q>{html.escape(statement)}</q></legend>'
            f'<div class="sd-reflect__compare">{then}<div class="sd-reflect__now">'
            f'<ul class="sd-reflect__scale">{options}</ul>'
            f'<label for="{prefix}-note">Why? (optional)</label>'
            f'<textarea id="{prefix}-note" rows="2"></textarea></div></div></fieldset>'
            f'<p class="sd-reflect__status"><span role="status" aria-live="polite"></span> '
            f'Your answer stays in this browser; nothing is sent anywhere. '
            f'<a href="{progress_href}">Your progress</a></p></form>')


def insert(markdown: str, src: str, root: str, path: Path = STATEMENTS) -> str:
    """The chapter with its two boxes: after the title block, and before its references."""
    statement = statements(path).get(src)
    if statement is None:
        return markdown
    key, href = chapter_key(src), f"{root}progress/"
    before, after = (_form(stage, key, statement, href) for stage in ("before", "after"))
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    # The reading-time line and the notebook links the platform puts under the title stay with it.
    end = next((i for i in range(title + 1, len(lines)) if lines[i].strip()
                and not lines[i].lstrip().startswith(("<p class=\"sd-meta", "<p class=\"sd-launch"))), title + 1)
    lines[end:end] = ["", before, ""]
    text = "\n".join(lines)
    match = _REFERENCES.search(text)
    cut = match.start() if match else len(text)
    return f"{text[:cut]}\n\n{after}\n\n{text[cut:]}"


def progress_table(chapters: list[tuple[str, str, int]], root: str) -> str:
    """The progress page's table: one row per chapter (src, title, quiz questions).

    Empty cells until progress.js fills them from this browser's storage; nothing about
    the reader is in the page the server sends.
    """
    rows = []
    for src, title, total in chapters:
        key = chapter_key(src)
        href = f"{root}{key}/"
        rows.append(f'<tr data-chapter="{key}" data-total="{total}"><th scope="row">'
                    f'<a href="{href}">{html.escape(title)}</a></th>'
                    + "".join(f'<td data-sd-cell="{cell}" data-label="{label}">{text}</td>'
                              for cell, label, text in (
                                  ("answered", "Quiz questions answered", f"0 of {total}"),
                                  ("right", "Right", "—"), ("first", "Right first time", "—"),
                                  ("thought", "What you thought: before → after", "—")))
                    + "</tr>")
    scale = html.escape(json.dumps(list(SCALE)))
    return (f'<table class="sd-progress" data-sd-progress data-scale="{scale}"><caption>Your answers in this browser, '
            'chapter by chapter</caption><thead><tr><th scope="col">Chapter</th>'
            '<th scope="col">Quiz questions answered</th><th scope="col">Right</th>'
            '<th scope="col">Right first time</th><th scope="col">What you thought: before → after</th>'
            '</tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
