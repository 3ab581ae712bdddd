"""The chapters' quizzes exported for course platforms, read back as a platform would.

Each chapter's Canvas package is opened with zipfile and lxml (imsmanifest.xml → the QTI
assessment it names) and each Moodle XML file with lxml; the question count, the right
answers and the feedback on every option must match the quiz in the chapter's Markdown.
"""

from __future__ import annotations

import copy
import html
import io
import re
import zipfile
from datetime import datetime, timezone

import pytest
from lxml import etree

from conftest import ROOT
from sdbook.platform import quiz_export

DOCS = ROOT / "docs"
CHAPTERS = quiz_export.chapter_quizzes(DOCS)
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MANIFEST = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def norm(markup: str) -> str:
    """Text as a reader sees it: tags gone, entities decoded, quotes straight, spaces single."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup or "")).translate(_TYPOGRAPHY)
    return " ".join(text.split()).replace(" :", ":").replace(" .", ".").replace(" ,", ",")


def source_why(option) -> str:
    return norm(quiz_export.quiz.inline_html(quiz_export.why(option)))


def source_text(text: str) -> str:
    return norm(quiz_export.quiz.inline_html(text))


def qti_items(package: bytes) -> list:
    archive = zipfile.ZipFile(io.BytesIO(package))
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    hrefs = [r.find(f"{MANIFEST}file").get("href") for r in manifest.iter(f"{MANIFEST}resource")
             if r.get("type") == "imsqti_xmlv1p2"]
    assert len(hrefs) == 1, f"the manifest names {len(hrefs)} QTI assessments"
    assessment = etree.fromstring(archive.read(hrefs[0]))
    return list(assessment.iter(f"{QTI}item"))


def _meta(item, label: str) -> str:
    for field in item.iter(f"{QTI}qtimetadatafield"):
        if field.findtext(f"{QTI}fieldlabel") == label:
            return field.findtext(f"{QTI}fieldentry")
    raise AssertionError(f"item {item.get('title')}: no {label}")


def _feedback(item) -> dict[str, str]:
    return {fb.get("ident"): norm(fb.findtext(f".//{QTI}mattext")) for fb in item.iter(f"{QTI}itemfeedback")}


def check_qti(chapter: quiz_export.ChapterQuiz, package: bytes) -> None:
    items = qti_items(package)
    assert len(items) == len(chapter.questions), f"{chapter.qti_name}: question count"
    for number, (item, question) in enumerate(zip(items, chapter.questions), start=1):
        where = f"{chapter.qti_name}, question {number} ({chapter.src}, line {question.line})"
        feedback = _feedback(item)
        assert norm(item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext")) == \
            source_text(" ".join(question.text)), where
        if question.numeric:
            assert _meta(item, "question_type") == "numerical_question", where
            right = next(o for o in question.options if o.correct)
            value, tolerance = quiz_export.number(right.text), question.tolerance
            scored = next(c for c in item.iter(f"{QTI}respcondition")
                          if c.findtext(f"{QTI}setvar") == "100")
            low, high = scored.findtext(f".//{QTI}vargte"), scored.findtext(f".//{QTI}varlte")
            if low is None:  # an exact integer answer
                assert float(scored.findtext(f".//{QTI}varequal")) == value and tolerance == 0, where
            else:
                assert float(low) == pytest.approx(value - max(tolerance, 1e-4 if value == 0 else 0)), where
                assert float(high) == pytest.approx(value + max(tolerance, 1e-4 if value == 0 else 0)), where
            assert feedback["correct_fb"] == source_why(right), where
            for option in (o for o in question.options if not o.correct):
                assert source_why(option) in feedback["general_incorrect_fb"], f"{where}: {option.text}"
            continue
        several = sum(o.correct for o in question.options) > 1
        assert _meta(item, "question_type") == ("multiple_answers_question" if several
                                                else "multiple_choice_question"), where
        labels = {label.get("ident"): norm(label.findtext(f".//{QTI}mattext"))
                  for label in item.iter(f"{QTI}response_label")}
        assert list(labels.values()) == [source_text(o.text) for o in question.options], where
        scored = next(c for c in item.iter(f"{QTI}respcondition") if c.findtext(f"{QTI}setvar") == "100")
        chosen = {v.text for v in scored.iter(f"{QTI}varequal") if v.getparent().tag != f"{QTI}not"}
        assert sorted(labels[i] for i in chosen) == sorted(source_text(o.text) for o in question.options
                                                          if o.correct), f"{where}: right answers"
        for ident, option in zip(labels, question.options):
            assert feedback[f"{ident}_fb"] == source_why(option), f"{where}: feedback on {option.text!r}"


def check_moodle(chapter: quiz_export.ChapterQuiz, document: bytes) -> None:
    root = etree.fromstring(document)
    category, *questions = root.findall("question")
    assert category.get("type") == "category" and "The Security Dilemma" in category.findtext("category/text")
    assert len(questions) == len(chapter.questions), f"{chapter.moodle_name}: question count"
    for number, (element, question) in enumerate(zip(questions, chapter.questions), start=1):
        where = f"{chapter.moodle_name}, question {number} ({chapter.src}, line {question.line})"
        assert norm(element.findtext("questiontext/text")) == source_text(" ".join(question.text)), where
        answers = element.findall("answer")
        assert len(answers) == len(question.options), where
        for answer, option in zip(answers, question.options):
            assert norm(answer.findtext("feedback/text")) == source_why(option), f"{where}: {option.text!r}"
            fraction = float(answer.get("fraction"))
            assert (fraction > 0) == option.correct, f"{where}: mark of {option.text!r}"
        if question.numeric:
            assert element.get("type") == "numerical", where
            for answer, option in zip(answers, question.options):
                assert answer.findtext("text") == option.text.replace(",", ""), where
                if option.text != "*":
                    assert float(answer.findtext("tolerance")) == question.tolerance, where
        else:
            rights = sum(o.correct for o in question.options)
            assert element.get("type") == "multichoice", where
            assert element.findtext("single") == ("true" if rights == 1 else "false"), where
            assert [norm(a.findtext("text")) for a in answers] == [source_text(o.text) for o in question.options]
            total = sum(float(a.get("fraction")) for a in answers if float(a.get("fraction")) > 0)
            assert total == pytest.approx(100, abs=0.01), f"{where}: right options add up to {total}"


def test_every_chapter_with_a_quiz_is_exported():
    slugs = [c.slug for c in CHAPTERS]
    assert {"core-logic", "origins", "modelling", "naval-race", "cold-war", "today", "model-un",
            "questions"} <= set(slugs), slugs
    assert all(c.questions for c in CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.slug for c in CHAPTERS])
def test_canvas_package_reads_back_as_the_chapter_quiz(chapter):
    check_qti(chapter, quiz_export.qti_zip_bytes(chapter))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.slug for c in CHAPTERS])
def test_moodle_xml_reads_back_as_the_chapter_quiz(chapter):
    check_moodle(chapter, quiz_export.moodle_xml_bytes(chapter))


def _with_wrong_key(chapter):
    """The chapter with its first multiple-choice question's right answer moved."""
    changed = copy.deepcopy(chapter)
    question = next(q for q in changed.questions if not q.numeric)
    for option in question.options:
        option.correct = not option.correct
    return changed


def test_the_checks_catch_an_export_whose_answer_key_differs():
    chapter = next(c for c in CHAPTERS if c.slug == "naval-race")
    wrong = _with_wrong_key(chapter)
    with pytest.raises(AssertionError):
        check_qti(chapter, quiz_export.qti_zip_bytes(wrong))
    with pytest.raises(AssertionError):
        check_moodle(chapter, quiz_export.moodle_xml_bytes(wrong))


def test_numerical_zero_answer_becomes_a_tiny_range_for_canvas():
    chapter = next(c for c in CHAPTERS if any(q.numeric and q.options[0].text == "0" for q in c.questions))
    question = next(q for q in chapter.questions if q.numeric and q.options[0].text == "0")
    assert quiz_export._numerical_answer(question) == "[-0.0001, 0.0001]"


def test_exports_are_byte_identical_for_the_same_text_and_date():
    when = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
    first, second = quiz_export.downloads(DOCS, when), quiz_export.downloads(DOCS, when)
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first[CHAPTERS[0].qti_name]))
    assert b"<imsmd:dateTime>2026-11-28</imsmd:dateTime>" in archive.read("imsmanifest.xml")
    assert {info.date_time for info in archive.infolist()} == {(2026, 11, 28, 9, 0, 0)}


def test_instructor_guide_links_every_export():
    table = quiz_export.links_markdown(DOCS)
    for chapter in CHAPTERS:
        assert f"(../{chapter.qti_name})" in table and f"(../{chapter.moodle_name})" in table
    assert "<!-- quiz-exports -->" in (DOCS / "classroom" / "index.md").read_text(encoding="utf-8")


def test_the_built_site_publishes_every_export_and_links_it(site):
    guide = (site / "classroom" / "index.html").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        assert (site / chapter.qti_name).read_bytes()[:2] == b"PK", chapter.qti_name
        check_moodle(chapter, (site / chapter.moodle_name).read_bytes())
        assert f'href="../{chapter.qti_name}"' in guide and f'href="../{chapter.moodle_name}"' in guide
