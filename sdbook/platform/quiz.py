"""Self-check quizzes written in chapter Markdown as ```` ```quiz ```` blocks.

Syntax (one block may hold several questions; each ``?`` line starts one)::

    ? Question text (Markdown), which may run on over several lines
    - [x] a right option            (several [x]: "select all that apply")
      > why it is right
    - [ ] a wrong option
      > why it is wrong
    ? A numeric question
    = 1.61 ± 0.01                   (the answer; "+-" works too; tolerance optional)
      > why it is right
    ~ 1.43                          (a known wrong answer, matched with the same tolerance)
      > what that answer got wrong
    ~ *                             (any other answer)
      > how to get there

Every option needs its explanation. The block becomes plain, accessible HTML (native
radio buttons, check boxes and text fields in fieldsets, a live region for feedback)
that ``docs/assets/javascripts/src/features/quiz.js`` checks in the page; nothing is sent
anywhere. An answer key in a closed ``<details>`` serves print and script-less readers.

Evaluated and not adopted: mkdocs-quiz 1.7.1 (no numeric tolerance, feedback not
announced to screen readers, ~60 KB of CSS and JS inlined into every page as
``<script>`` that instant navigation re-runs) and mkdocs-mcq 0.2.0 (no numeric
questions, no ARIA at all).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import markdown

from . import BookBuildError

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<marks>`{3,}|~{3,})[ \t]*quiz[ \t]*$")
_CHOICE = re.compile(r"^- \[(?P<mark>[ xX])\] (?P<text>.+)$")
_ANSWER = re.compile(r"^= (?P<value>\S+)(?:\s*(?:±|\+-)\s*(?P<tolerance>\S+))?\s*$")
_WRONG = re.compile(r"^~ (?P<value>\S+)\s*$")
_ANY_FENCE = re.compile(r"^[ \t]*(?P<marks>`{3,}|~{3,})")
_WHY = re.compile(r"^[ \t]+> ?(?P<text>.*)$")

_inline = markdown.Markdown(extensions=["attr_list"])


def inline_html(text: str) -> str:
    """Markdown for one line of quiz text, without the wrapping paragraph."""
    _inline.reset()
    rendered = _inline.convert(text.strip())
    return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.S)


@dataclass
class Option:
    text: str            # Markdown; for numeric options the value or "*"
    correct: bool
    line: int
    why: list[str] = field(default_factory=list)


@dataclass
class Question:
    text: list[str]
    line: int
    options: list[Option] = field(default_factory=list)
    numeric: bool = False
    tolerance: float = 0.0


def _number(text: str, where: str) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise BookBuildError(f"{where}: {text!r} is not a number") from None


def parse(lines: list[str], first_line: int, src: str) -> list[Question]:
    """Questions of one quiz block; ``first_line`` is the file line of ``lines[0]``."""
    questions: list[Question] = []
    for offset, raw in enumerate(lines):
        where = f"{src}, line {first_line + offset}"
        line = raw.rstrip()
        if not line.strip():
            continue
        current = questions[-1] if questions else None
        if line.startswith("? "):
            questions.append(Question([line[2:]], first_line + offset))
        elif current is None:
            raise BookBuildError(f"{where}: a quiz must start with a '? ' question line")
        elif match := _WHY.match(line):
            if not current.options:
                raise BookBuildError(f"{where}: an explanation ('>') must follow an option")
            current.options[-1].why.append(match.group("text"))
        elif match := _CHOICE.match(line):
            if current.numeric:
                raise BookBuildError(f"{where}: a question is either multiple choice or numeric")
            current.options.append(Option(match.group("text"), match.group("mark") != " ",
                                          first_line + offset))
        elif match := _ANSWER.match(line):
            if current.options and not current.numeric:
                raise BookBuildError(f"{where}: a question is either multiple choice or numeric")
            if any(o.correct for o in current.options):
                raise BookBuildError(f"{where}: a numeric question has one '=' answer")
            current.numeric = True
            _number(match.group("value"), where)
            current.tolerance = _number(match.group("tolerance") or "0", where)
            if current.tolerance < 0:
                raise BookBuildError(f"{where}: the tolerance must not be negative")
            current.options.append(Option(match.group("value"), True, first_line + offset))
        elif match := _WRONG.match(line):
            if current.options and not current.numeric:
                raise BookBuildError(f"{where}: '~' answers belong to numeric questions")
            current.numeric = True
            if match.group("value") != "*":
                _number(match.group("value"), where)
            current.options.append(Option(match.group("value"), False, first_line + offset))
        elif not current.options:
            current.text.append(line.strip())  # the question runs on
        else:
            raise BookBuildError(f"{where}: cannot read this quiz line: {line.strip()!r}")
    _check(questions, src, first_line)
    return questions


def _check(questions: list[Question], src: str, first_line: int) -> None:
    if not questions:
        raise BookBuildError(f"{src}, line {first_line - 1}: the quiz block is empty")
    for question in questions:
        where = f"{src}, line {question.line}"
        if len(question.options) < 2:
            raise BookBuildError(f"{where}: a question needs at least two options")
        for option in question.options:
            if not " ".join(option.why).strip():
                raise BookBuildError(f"{src}, line {option.line}: every option needs an "
                                     "explanation on an indented '>' line, wrong ones included")
        if not any(o.correct for o in question.options):
            raise BookBuildError(f"{where}: no option is marked right")
        if question.numeric and not any(o.text == "*" for o in question.options):
            raise BookBuildError(f"{where}: a numeric question needs '~ *' for any other answer")


def render(questions: list[Question], quiz_id: str) -> str:
    """The quiz as one raw HTML block (a single line, so Markdown passes it through)."""
    total = len(questions)
    parts = [f'<div class="sd-quiz" id="{quiz_id}" data-sd-quiz>']
    key = []
    for number, question in enumerate(questions, start=1):
        qid = f"{quiz_id}-q{number}"
        kind = "numeric" if question.numeric else (
            "multiple" if sum(o.correct for o in question.options) > 1 else "single")
        hint = {"multiple": " <em>Select all that apply.</em>",
                "numeric": " <em>Type a number.</em>", "single": ""}[kind]
        # A question that already says it (an author's "Select all that apply.") is not told twice.
        if re.sub(r"<[^>]+>", "", hint).strip().lower() in " ".join(question.text).lower():
            hint = ""
        parts.append(f'<form class="sd-quiz__question" data-kind="{kind}" novalidate>'
                     f'<fieldset><legend><span class="sd-quiz__number">Question {number} of '
                     f'{total}.</span> {inline_html(" ".join(question.text))}{hint}</legend>')
        parts.append(_numeric(question, qid) if question.numeric else _choices(question, qid, kind))
        parts.append('</fieldset><div class="sd-quiz__actions"><button type="submit" '
                     'class="md-button sd-quiz__check">Check answer</button></div>'
                     '<div class="sd-quiz__feedback" role="status" aria-live="polite"></div></form>')
        right = [o for o in question.options if o.correct]
        key.append("<li>" + "; ".join(f"<strong>{inline_html(o.text)}</strong>: "
                                      f"{inline_html(' '.join(o.why))}" for o in right) + "</li>")
    parts.append(f'<p class="sd-quiz__score" aria-live="polite" data-total="{total}">'
                 f'Answered correctly: 0 of {total}.</p>')
    parts.append('<details class="sd-quiz__key"><summary>Answer key</summary><ol>'
                 + "".join(key) + "</ol></details></div>")
    return "".join(parts)


def _choices(question: Question, qid: str, kind: str) -> str:
    control = "radio" if kind == "single" else "checkbox"
    items = []
    for index, option in enumerate(question.options, start=1):
        oid = f"{qid}-o{index}"
        items.append(f'<li><input type="{control}" name="{qid}" id="{oid}" '
                     f'data-correct="{str(option.correct).lower()}">'
                     f'<label for="{oid}">{inline_html(option.text)}</label>'
                     f'<p class="sd-quiz__why" hidden>{inline_html(" ".join(option.why))}</p></li>')
    return f'<ul class="sd-quiz__options">{"".join(items)}</ul>'


def _numeric(question: Question, qid: str) -> str:
    whys = []
    for option in question.options:
        role = "right" if option.correct else ("other" if option.text == "*" else "wrong")
        whys.append(f'<p class="sd-quiz__why" data-role="{role}" data-value="{html.escape(option.text)}" '
                    f'hidden>{inline_html(" ".join(option.why))}</p>')
    return (f'<p class="sd-quiz__answer"><label for="{qid}-answer">Your answer</label> '
            f'<input type="text" inputmode="decimal" autocomplete="off" id="{qid}-answer" '
            f'data-tolerance="{question.tolerance:g}"></p>{"".join(whys)}')


def expand(markdown_text: str, src: str, first_line: int = 1) -> str:
    """Replace every quiz block of a page by its HTML; errors name the file and line.

    Code blocks of other languages are left alone, so a page can show quiz syntax.
    """
    lines = markdown_text.split("\n")
    out, index, count, fence = [], 0, 0, None
    while index < len(lines):
        line = lines[index]
        if fence is not None:  # inside another language's code block
            if line.strip() == fence:
                fence = None
            out.append(line)
            index += 1
            continue
        match = _FENCE_OPEN.match(line)
        if not match:
            other = _ANY_FENCE.match(line)
            fence = other.group("marks") if other else None
            out.append(line)
            index += 1
            continue
        if match.group("indent"):
            raise BookBuildError(f"{src}, line {first_line + index}: a quiz block must start at the "
                                 "left margin (raw HTML cannot sit inside an indented block)")
        marks = match.group("marks")
        end = index + 1
        while end < len(lines) and lines[end].strip() != marks:
            end += 1
        if end == len(lines):
            raise BookBuildError(f"{src}, line {first_line + index}: quiz block is never closed")
        count += 1
        questions = parse(lines[index + 1:end], first_line + index + 1, src)
        out += ["", render(questions, f"quiz-{count}"), ""]
        index = end + 1
    return "\n".join(out)
