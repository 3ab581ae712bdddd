"""A chapter printed as a handout: the answers gathered at its end (issue 16, item 3).

On screen a chapter's exercises keep their model answers folded under each question, and
its quiz its answer key. On paper a teacher photocopies the questions for the class and
keeps the answers: printed open under the questions, they gave the answers away. So the
build copies every model answer and the quiz key into one "Answers" section at the end of
the chapter. The section is hidden on screen (the ``hidden`` attribute, and out of the
search index); the handout's print stylesheet (assets/stylesheets/handout.css) shows it
and leaves the originals out (``sd-print-omit``).

The copies lose their ids (an id is unique on a page); their text is the source's, so an
answer edited in the chapter changes in the handout too.
"""

from __future__ import annotations

import copy

from .tree import has_class

PRINT_OMIT = "sd-print-omit"  # left out of print by handout.css
# A timeline's markers carry numbers that only its table explains (the move, its date, its
# source), and the chapters' exercises send readers to that table: on paper it stays. Every
# other chart's data table is left out of print (its caption names the data and where it is).
TABLE_PRINTS = "sd-chart--table-prints"
TIMELINE_SUFFIX = "-timeline"
MODEL_ANSWER = "model answer"


def _summary_text(details) -> str:
    summary = details.find("summary", recursive=False)
    return summary.get_text(" ", strip=True) if summary else ""


def _body_copy(details, tree):
    """The details' content without its summary, as a new <div> without ids."""
    body = tree.new_tag("div", attrs={"class": "sd-answers__body"})
    for child in list(details.children):
        if getattr(child, "name", None) == "summary":
            continue
        body.append(copy.copy(child))
    for tagged in body.find_all(id=True):
        del tagged["id"]
    for tagged in body.find_all(attrs={"for": True}):
        del tagged["for"]
    return body


def _mark_omitted(tag) -> None:
    classes = tag.get("class") or []
    if PRINT_OMIT not in classes:
        tag["class"] = [*classes, PRINT_OMIT]


def model_answers(tree) -> list[tuple[str, object]]:
    """(exercise title, model-answer <details>) for each exercise with a model answer."""
    found = []
    for details in tree.find_all("details"):
        if not _summary_text(details).lower().startswith(MODEL_ANSWER):
            continue
        exercise = details.find_parent("details")
        title = _summary_text(exercise) if exercise else ""
        found.append((title or f"Exercise {len(found) + 1}", details))
    return found


def keep_timeline_tables(tree) -> int:
    """Mark each timeline chart so its table prints; returns how many."""
    count = 0
    for figure in tree.find_all("figure", class_="sd-chart"):
        if figure.get("data-sd-name", "").endswith(TIMELINE_SUFFIX) and not has_class(figure, TABLE_PRINTS):
            figure["class"] = [*figure.get("class", []), TABLE_PRINTS]
            count += 1
    return count


def gather_answers(tree, chapter: int) -> int:
    """Add the chapter's Answers section at its end; returns the number of answers in it.

    Does nothing on a page with no model answer and no quiz key.
    """
    answers = model_answers(tree)
    keys = [d for d in tree.find_all("details") if has_class(d, "sd-quiz__key")]
    if not answers and not keys:
        return 0
    section = tree.new_tag("section", attrs={
        "class": "sd-answers", "hidden": "", "data-search-exclude": "true",
        "aria-label": f"Answers to chapter {chapter}", "data-sd-chapter": str(chapter)})
    heading = tree.new_tag("h2", attrs={"class": "sd-answers__heading"})
    heading.string = "Answers"
    section.append(heading)
    if answers:
        sub = tree.new_tag("h3")
        sub.string = "Exercises"
        section.append(sub)
    for title, details in answers:
        item = tree.new_tag("div", attrs={"class": "sd-answers__item"})
        label = tree.new_tag("p", attrs={"class": "sd-answers__title"})
        strong = tree.new_tag("strong")
        strong.string = title
        label.append(strong)
        item.append(label)
        item.append(_body_copy(details, tree))
        section.append(item)
        _mark_omitted(details)
    for number, key in enumerate(keys, start=1):
        sub = tree.new_tag("h3")
        sub.string = "Quiz" if len(keys) == 1 else f"Quiz {number}"
        section.append(sub)
        section.append(_body_copy(key, tree))
        _mark_omitted(key)
    tree.append(section)
    return len(answers) + len(keys)
