"""'What do you think?' before and after each chapter (sdbook/platform/reflections.py)."""

from __future__ import annotations

from conftest import ROOT
from sdbook.platform import reflections

DOCS = ROOT / "docs"
PAGE = "# Title\n\n<p class=\"sd-meta\">Chapter 4</p>\n\nFirst paragraph.\n\n## Quiz\n\nq\n\n## References\n\n::: references\n"


def test_every_statement_belongs_to_a_chapter_page():
    for src, statement in reflections.statements().items():
        assert (DOCS / src).is_file(), f"reflections.yml: {src} is not a page under docs/"
        assert statement.endswith("."), f"reflections.yml, {src}: a statement is a full sentence"


def test_before_goes_under_the_title_and_after_before_the_references():
    out = reflections.insert(PAGE, "naval-race/index.md", "../")
    before, after = out.index('data-sd-reflect="before"'), out.index('data-sd-reflect="after"')
    assert out.index("sd-meta") < before < out.index("First paragraph.")
    assert out.index("## Quiz") < after < out.index("## References")
    assert 'href="../progress/"' in out and out.count("<form") == 2
    assert 'data-chapter="naval-race"' in out


def test_pages_without_a_statement_are_left_alone():
    assert reflections.insert(PAGE, "glossary.md", "../") == PAGE


def test_progress_table_has_a_row_per_chapter_and_no_reader_data():
    table = reflections.progress_table([("naval-race/index.md", "The naval race", 5)], "../")
    assert 'data-chapter="naval-race" data-total="5"' in table and 'href="../naval-race/"' in table
    assert "0 of 5" in table
