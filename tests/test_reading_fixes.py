"""Small reading fixes (issue 18): a quiz says "Select all that apply" once; a quoted title
that opens with a quotation nests its quotes as print does."""

from __future__ import annotations

from sdbook.platform import citations, quiz

MULTIPLE = "```quiz\n? Which are true? {hint}\n- [x] A\n  > a\n- [x] B\n  > b\n- [ ] C\n  > c\n```\n"


def test_a_multiple_answer_question_says_select_all_once():
    added = quiz.expand(MULTIPLE.format(hint=""), "x.md", 1)
    assert added.count("Select all that apply.") == 1, "the quiz no longer adds the hint"
    written = quiz.expand(MULTIPLE.format(hint="Select all that apply."), "x.md", 1)
    assert written.count("Select all that apply.") == 1, written


def test_a_quoted_title_opening_with_a_quotation_nests_its_quotes():
    rendered = "Preble. 2003. ““Who Ever Believed in the ‘Missile Gap’?”: John F. Kennedy.” <i>PSQ</i>"
    assert citations._nest_quotes(rendered) == \
        "Preble. 2003. “‘Who Ever Believed in the “Missile Gap”?’: John F. Kennedy.” <i>PSQ</i>"
    assert citations._nest_quotes("“A plain title.” x") == "“A plain title.” x"


def test_the_books_bibliography_has_no_doubled_opening_quotes():
    from pathlib import Path
    book = citations.book_bibliography(Path(__file__).resolve().parent.parent / "docs" / "references.yml")
    doubled = [key for key, entry in book.formatted.items() if "““" in entry or "””" in entry]
    assert not doubled, f"docs/references.yml: entries rendered with doubled quotation marks: {doubled}"
