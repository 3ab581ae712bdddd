"""Each chapter's quiz as files a course platform imports (the instructor guide links them).

The questions come from the chapters' ```` ```quiz ```` blocks, read by the same parser that
puts them on the page (:mod:`sdbook.platform.quiz`), so the exports cannot drift from the book.

- **Canvas (QTI 1.2 zip)**, made with text2qti (Geoffrey Poore, BSD-3-Clause), which writes
  the zip Canvas's "QTI .zip file" import expects. The book's quiz text is handed to it in
  its own plain-text syntax. What QTI/Canvas cannot hold: a numerical item grades a range
  and gives one "correct" and one "incorrect" comment, so the explanations of the known
  wrong values (``~ 1.43``) go into the incorrect comment, each under its value; and
  text2qti refuses an exact answer of 0, which is written as the range ±0.0001.
- **Moodle XML**, written with the standard library: the format is small and documented,
  and it keeps everything, known wrong numerical answers included, each with its feedback.

Both are byte-identical for the same text and build date (text2qti stamps today's date
and the clock time; those are replaced by the build's). Pure functions; the build writes
the results under ``downloads/quizzes/`` (:func:`downloads`).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from . import furniture, quiz

EXPORT_DIR = "downloads/quizzes"
BOOK = "The Security Dilemma"
LICENCE = "Text CC BY 4.0 (The Security Dilemma textbook authors)"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass
class ChapterQuiz:
    slug: str                 # the chapter's folder under docs/, e.g. "naval-race"
    title: str
    chapter: int | None       # the chapter number from the front matter, if any
    src: str                  # path under docs/
    questions: list[quiz.Question]

    @property
    def qti_name(self) -> str:
        return f"{EXPORT_DIR}/{self.slug}-canvas-qti.zip"

    @property
    def moodle_name(self) -> str:
        return f"{EXPORT_DIR}/{self.slug}-moodle.xml"


def quiz_blocks(markdown_text: str, src: str) -> list[list[quiz.Question]]:
    """The questions of every quiz block of a page, block by block (other fences skipped).

    Finds blocks with the page parser's own patterns and reads them with its ``parse``.
    """
    lines, blocks, index, fence = markdown_text.split("\n"), [], 0, None
    while index < len(lines):
        line = lines[index]
        if fence is not None:
            fence = None if line.strip() == fence else fence
        elif match := quiz._FENCE_OPEN.match(line):
            end = next((i for i in range(index + 1, len(lines))
                        if lines[i].strip() == match.group("marks")), None)
            if end is None:
                raise quiz.BookBuildError(f"{src}, line {index + 1}: quiz block is never closed")
            blocks.append(quiz.parse(lines[index + 1:end], index + 2, src))
            index = end
        elif other := quiz._ANY_FENCE.match(line):
            fence = other.group("marks")
        index += 1
    return blocks


def chapter_quizzes(docs_dir: Path) -> list[ChapterQuiz]:
    """Every page with a quiz, in chapter order (pages without a number last, by path)."""
    found = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "quiz" not in text:
            continue
        src = path.relative_to(docs_dir).as_posix()
        questions = [q for block in quiz_blocks(text, f"docs/{src}") for q in block]
        if not questions:
            continue
        meta = furniture.front_matter(text)[0]
        slug = path.parent.name if path.name == "index.md" else path.stem
        found.append(ChapterQuiz(slug, furniture.page_title(text, slug), meta.get("chapter"),
                                 src, questions))
    return sorted(found, key=lambda c: (c.chapter is None, c.chapter or 0, c.src))


def plain(markdown_text: str) -> str:
    """One line of quiz Markdown as plain text (for titles and comparisons)."""
    text = re.sub(r"<[^>]+>", "", quiz.inline_html(markdown_text))
    return " ".join(_unescape(text).split())


def _unescape(text: str) -> str:
    return html.unescape(text)


def why(option: quiz.Option) -> str:
    return " ".join(option.why).strip()


def number(text: str) -> float:
    return float(text.replace(",", ""))


def known_wrong_feedback(question: quiz.Question) -> str:
    """The explanations of a numerical question's wrong answers, as one comment (for QTI)."""
    parts = []
    for option in question.options:
        if option.correct:
            continue
        lead = "Any other answer:" if option.text == "*" else f"If you answered {option.text}:"
        parts.append(f"**{lead}** {why(option)}")
    return " ".join(parts)


# --- Canvas: QTI 1.2 through text2qti -------------------------------------------------------

def _t2q(text: str) -> str:
    """Book Markdown made safe for text2qti's: '$' would start LaTeX maths there."""
    return " ".join(text.split()).replace("$", r"\$")


def _numerical_answer(question: quiz.Question) -> str:
    right = next(o for o in question.options if o.correct)
    value, tolerance = number(right.text), question.tolerance
    if value == 0 and tolerance < 1e-4:
        return "[-0.0001, 0.0001]"  # text2qti refuses acceptable values smaller than 1e-4
    if tolerance == 0 and value.is_integer():
        return str(int(value))
    return f"{right.text.replace(',', '')} +- {tolerance:g}"


def text2qti_source(chapter: ChapterQuiz) -> str:
    """The chapter's quiz in text2qti's plain-text syntax."""
    where = f"chapter {chapter.chapter}: " if chapter.chapter else ""
    lines = [f"Quiz title: {BOOK}, {where}{plain(chapter.title)}",
             f"Quiz description: The self-check quiz of the chapter \"{plain(chapter.title)}\" "
             f"in the open textbook {BOOK}, with the book's feedback on every answer. {LICENCE}.",
             "Shuffle answers: false", "Show correct answers: true", ""]
    for number_, question in enumerate(chapter.questions, start=1):
        lines += [f"Title: Question {number_}", "Points: 1",
                  f"{number_}.  {_t2q(' '.join(question.text))}"]
        if question.numeric:
            right = next(o for o in question.options if o.correct)
            lines += [f"+   {_t2q(why(right))}", f"-   {_t2q(known_wrong_feedback(question))}",
                      f"=   {_numerical_answer(question)}"]
        else:
            several = sum(o.correct for o in question.options) > 1
            for index, option in enumerate(question.options):
                if several:
                    mark = "[*]" if option.correct else "[ ]"
                else:
                    mark = ("*" if option.correct else "") + f"{chr(ord('a') + index)})"
                lines += [f"{mark} {_t2q(option.text)}", f"... {_t2q(why(option))}"]
        lines.append("")
    return "\n".join(lines)


def _stamp(when: datetime | None) -> tuple[int, ...]:
    return _ZIP_EPOCH if when is None else max(_ZIP_EPOCH, when.timetuple()[:6])


def qti_zip_bytes(chapter: ChapterQuiz, when: datetime | None = None) -> bytes:
    """The Canvas import zip, with the build's date in place of text2qti's clock."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    made = QTI(Quiz(text2qti_source(chapter), config=Config(), source_name=chapter.src))
    day = datetime(*_stamp(when), tzinfo=timezone.utc).date().isoformat()
    source = zipfile.ZipFile(io.BytesIO(made.zip_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "imsmanifest.xml":
                text = content.decode("utf-8")
                text = re.sub(r"<imsmd:dateTime>[^<]*</imsmd:dateTime>",
                              f"<imsmd:dateTime>{day}</imsmd:dateTime>", text)
                # text2qti labels every export "Private (Copyrighted)"; the book is CC BY.
                text = text.replace("Private (Copyrighted) - http://en.wikipedia.org/wiki/Copyright",
                                    LICENCE)
                content = text.encode("utf-8")
            info = zipfile.ZipInfo(member.filename, date_time=_stamp(when))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 << 16 | 0x10) if member.is_dir() else 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


# --- Moodle XML -----------------------------------------------------------------------------

_MOODLE_FRACTIONS = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667",
                     7: "14.28571", 8: "12.5", 9: "11.11111", 10: "10"}


def _text(parent: ET.Element, tag: str, html: str, **attrs) -> ET.Element:
    # Names and categories are plain text in Moodle's format; the rest carries HTML.
    plain_tags = {"name", "category"}
    element = ET.SubElement(parent, tag, attrs if tag in plain_tags else {"format": "html", **attrs})
    ET.SubElement(element, "text").text = html
    return element


def _simple(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _answer(parent, fraction: str, text: str, feedback: str, fmt: str = "html", tolerance=None):
    answer = ET.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(answer, "text").text = text
    if tolerance is not None:
        _simple(answer, "tolerance", tolerance)
    _text(answer, "feedback", quiz.inline_html(feedback))


def _moodle_question(question: quiz.Question, name: str) -> ET.Element:
    kind = "numerical" if question.numeric else "multichoice"
    element = ET.Element("question", {"type": kind})
    _text(element, "name", name)
    _text(element, "questiontext", quiz.inline_html(" ".join(question.text)))
    _text(element, "generalfeedback", "")
    for tag, value in (("defaultgrade", "1"), ("penalty", "0.3333333"), ("hidden", "0")):
        _simple(element, tag, value)
    if question.numeric:
        tolerance = f"{question.tolerance:g}"
        for option in question.options:
            if option.text == "*":
                _answer(element, "0", "*", why(option), "moodle_auto_format")
            else:
                _answer(element, "100" if option.correct else "0", option.text.replace(",", ""),
                        why(option), "moodle_auto_format", tolerance)
        for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0"), ("showunits", "3"),
                           ("unitsleft", "0")):
            _simple(element, tag, value)
        return element
    rights = sum(o.correct for o in question.options)
    if rights > len(_MOODLE_FRACTIONS):
        raise ValueError(f"{name}: Moodle's grades allow at most 10 right options, not {rights}")
    share = _MOODLE_FRACTIONS[rights]
    for tag, value in (("single", "true" if rights == 1 else "false"), ("shuffleanswers", "true"),
                       ("answernumbering", "abc")):
        _simple(element, tag, value)
    _text(element, "correctfeedback", "Right.")
    _text(element, "partiallycorrectfeedback", "Partly right: see the comment on each choice.")
    _text(element, "incorrectfeedback", "Not quite: see the comment on your choice.")
    for option in question.options:
        # Select-all: each right choice earns its share; each wrong one takes as much away.
        fraction = share if option.correct else ("0" if rights == 1 else f"-{share}")
        _answer(element, fraction, quiz.inline_html(option.text), why(option))
    return element


def _short(text: str, limit: int = 60) -> str:
    """A question's opening words for its name in Moodle's question bank."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def moodle_xml_bytes(chapter: ChapterQuiz) -> bytes:
    """The chapter's quiz as a Moodle XML question file, in a category named after it."""
    root = ET.Element("quiz")
    category = ET.SubElement(root, "question", {"type": "category"})
    _text(category, "category", f"$course$/top/{BOOK}/{plain(chapter.title)}")
    _text(category, "info", f"The self-check quiz of \"{plain(chapter.title)}\". {LICENCE}.")
    for index, question in enumerate(chapter.questions, start=1):
        name = f"{chapter.slug} Q{index}: {_short(plain(' '.join(question.text)))}"
        root.append(_moodle_question(question, name))
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def downloads(docs_dir: Path, when: datetime | None = None) -> dict[str, bytes]:
    """Every export the site publishes: path under the site → bytes."""
    files = {}
    for chapter in chapter_quizzes(docs_dir):
        files[chapter.qti_name] = qti_zip_bytes(chapter, when)
        files[chapter.moodle_name] = moodle_xml_bytes(chapter)
    return files


def links_markdown(docs_dir: Path, from_page: str = "classroom/index.md") -> str:
    """The instructor guide's table: one row per chapter quiz, both exports linked."""
    up = "../" * from_page.count("/")
    rows = ["| Chapter | Questions | Canvas (QTI) | Moodle XML |", "| --- | --- | --- | --- |"]
    for chapter in chapter_quizzes(docs_dir):
        rows.append(f"| [{plain(chapter.title)}]({up}{chapter.src}) | {len(chapter.questions)} | "
                    f"[{Path(chapter.qti_name).name}]({up}{chapter.qti_name}) | "
                    f"[{Path(chapter.moodle_name).name}]({up}{chapter.moodle_name}) |")
    return "\n".join(rows) + "\n"
