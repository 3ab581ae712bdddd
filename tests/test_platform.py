"""The lesson platform's parts (sdbook/platform/), on small inputs whose answers are known."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from sdbook.platform import (BookBuildError, citations, directives, embeds, furniture, glossary, pages,
                             printcopy, quiz, tree)
from sdbook.platform.execution import ExecutedNotebook

GLOSSARY = ROOT / "docs" / "includes" / "glossary.yml"
BIBLIOGRAPHY = ROOT / "docs" / "references.yml"


# --- directives ---

def test_directives_are_expanded_outside_code_blocks_only():
    text = "a\n::: echo one\n```\n::: echo two\n```\n    ::: echo three"
    out = directives.expand(text, {"echo": lambda args, where: f"[{args} at {where}]"}, "x.md", 10)
    assert "[one at x.md, line 11]" in out
    assert "::: echo two" in out                                  # inside a fence: untouched
    assert "    [three at x.md, line 15]" in out                   # indentation kept


def test_an_unknown_directive_names_file_and_line():
    with pytest.raises(BookBuildError, match=r"x\.md, line 3: unknown directive '::: chrat'"):
        directives.expand("a\nb\n::: chrat naval-fleet", {"chart": lambda a, w: ""}, "x.md", 1)


def test_front_matter_lines_are_counted():
    page = "---\nchapter: 1\nnotebooks: [a]\n---\n# Title\n"
    assert furniture.front_matter_lines(page) == 4
    assert furniture.front_matter(page) == ({"chapter": 1, "notebooks": ["a"]}, "# Title\n")  # as page.meta
    page = "# Title\n"
    assert furniture.front_matter_lines(page) == 0


# --- quizzes ---

QUIZ = textwrap.dedent("""\
    ```quiz
    ? Which came first?
    - [x] A
      > Right, A.
    - [ ] B
      > No, B came later.
    ? A ratio?
    = 1.61 ± 0.01
      > Right.
    ~ 1.43
      > Battleships only.
    ~ *
      > Count both.
    ```
    """)


def test_a_quiz_block_becomes_accessible_html():
    html = quiz.expand(QUIZ, "x.md", 1)
    assert "```" not in html
    assert html.count("<fieldset>") == 2 and html.count("<legend>") == 2
    assert 'type="radio"' in html and 'data-correct="true"' in html
    assert 'role="status" aria-live="polite"' in html
    assert 'inputmode="decimal"' in html and 'data-tolerance="0.01"' in html
    assert html.count('class="sd-quiz__why"') == 5                   # every option explained
    assert "Answer key" in html


@pytest.mark.parametrize("body, message", [
    ("? Q\n- [x] A\n- [ ] B\n  > why B", r"line 3: every option needs an explanation"),
    ("? Q\n- [ ] A\n  > a\n- [ ] B\n  > b", r"line 2: no option is marked right"),
    ("? Q\n= 3\n  > r\n~ 2\n  > w", r"line 2: a numeric question needs '~ \*'"),
    ("- [x] A\n  > a", r"line 2: a quiz must start with a '\? ' question line"),
    ("? Q\n- [x] A\n  > a\n= 3\n  > r", r"line 5: a question is either multiple choice or numeric"),
    ("? Q\n= three\n  > r\n~ *\n  > w", r"line 3: 'three' is not a number"),
    ("? Q\n- [x] A\n  > a", r"line 2: a question needs at least two options"),
])
def test_bad_quizzes_fail_with_file_and_line(body, message):
    with pytest.raises(BookBuildError, match=r"x\.md, " + message):
        quiz.expand(f"```quiz\n{body}\n```\n", "x.md", 1)


def test_a_quiz_inside_another_code_block_is_left_alone():
    text = "````markdown\n" + QUIZ + "````\n"
    assert quiz.expand(text, "x.md", 1) == text


# --- glossary ---

def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_books_glossary_loads_and_every_spelling_is_unique():
    terms = glossary.load(GLOSSARY)
    assert terms and len({t.id for t in terms}) == len(terms)
    forms = [form for t in terms for form in t.forms]
    assert len(forms) == len(set(forms))


@pytest.mark.parametrize("yaml_text, message", [
    ("- {id: a, term: x, definition: d, explained_in: p.md}\n- {id: a, term: y, definition: d, explained_in: p.md}",
     "defined twice"),
    ("- {id: a, term: x, definition: d}", "lacks explained_in"),
    ("- {id: a, term: x, definition: d, explained_in: p.md}\n- {id: b, term: X, definition: d, explained_in: p.md}",
     "already a spelling"),
    ("- {id: a, term: x, definition: 'see [here](p.md)', explained_in: p.md}", "plain text"),
    ("- {id: A B, term: x, definition: d, explained_in: p.md}", "lowercase slug"),
])
def test_a_bad_glossary_fails_naming_the_file(tmp_path, yaml_text, message):
    path = _write(tmp_path / "glossary.yml", yaml_text)
    with pytest.raises(BookBuildError, match=message):
        glossary.load(path)


def test_key_terms_come_from_the_glossary_and_unknown_ids_fail():
    terms = glossary.load(GLOSSARY)
    handle = glossary.key_terms_handler(terms, "cold-war/index.md")
    box = handle("security-dilemma spiral-model", "x.md, line 3")
    assert box.startswith('!!! abstract "Key terms"')
    assert terms[0].definition in box
    with pytest.raises(BookBuildError, match="x.md, line 3: not in the glossary: no-such-term"):
        handle("security-dilemma no-such-term", "x.md, line 3")


def test_only_the_first_mark_of_a_term_takes_focus_and_never_inside_a_link():
    html = ('<p><a href="#x">the <abbr title="D">term</abbr></a> and <abbr title="D">term</abbr> '
            'and <abbr title="D">term</abbr> and <abbr title="E">other</abbr></p>')
    out = tree.edit(html, glossary.focus_first_marks)
    assert out.count('tabindex="0"') == 2                    # first free "term", and "other"
    assert '<a href="#x">the <abbr class="sd-term" title="D">' in out


def test_terms_are_marked_in_notebook_text_but_not_in_code_or_links():
    terms = [glossary.Term("sd", "security dilemma", "Def.", "p.md")]
    out = tree.edit('<p>A security dilemma, <code>security dilemma</code>, '
                    '<a href="#">security dilemma</a>.</p>', lambda page: glossary.mark_terms(page, terms))
    assert out.count("<abbr") == 1


# --- citations ---

def test_citations_render_author_date_and_link_to_the_reference_list():
    page = citations.PageCitations(BIBLIOGRAPHY)
    out = page.replace_citations("As Herz argued [@herz1950, p. 157]; see also [@jervis1978; @glaser1997].\n"
                                 "Herz [-@herz1950] again. `[@notakey]` in code.", "x.md", 1)
    assert '<a class="sd-cite" href="#ref-herz1950">Herz 1950, 157</a>' in out
    assert 'href="#ref-jervis1978">Jervis 1978</a>; <a class="sd-cite" href="#ref-glaser1997">' in out
    assert 'Herz (<a class="sd-cite" href="#ref-herz1950">1950</a>)' in out
    assert "`[@notakey]`" in out
    listing = page.references_html()
    assert listing.count("<li") == 3 and 'id="ref-herz1950"' in listing
    assert "Idealist Internationalism and the Security Dilemma" in listing


def test_an_unknown_reference_fails_with_file_and_line():
    page = citations.PageCitations(BIBLIOGRAPHY)
    with pytest.raises(BookBuildError, match=r"x\.md, line 12: unknown reference 'nobody2099'"):
        page.replace_citations("One.\nTwo [@herz1950; @nobody2099].", "x.md", 11)


def test_a_bibliography_entry_needs_id_title_and_date(tmp_path):
    path = _write(tmp_path / "refs.yml", "references:\n- {id: a, type: book, title: T}\n")
    with pytest.raises(BookBuildError, match="needs a title and 'issued'"):
        citations.PageCitations(path)


def test_a_bibliography_key_given_twice_fails_with_file_and_line(tmp_path):
    # PyYAML alone keeps the second title and says nothing.
    path = _write(tmp_path / "refs.yml", "references:\n- id: a\n  type: book\n  title: One\n"
                                         "  title: Two\n  issued: {date-parts: [[2000]]}\n")
    with pytest.raises(BookBuildError, match=r"refs\.yml, line 5: key 'title' appears twice .*line 4"):
        citations.PageCitations(path)


# --- embeds ---

def _executed(stem: str, names: list[str]) -> ExecutedNotebook:
    cells = [nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": f'<figure class="sd-chart" id="chart-{n}" data-sd-name="{n}">'
                                            f'<figcaption>c</figcaption></figure>'})]) for n in names]
    return ExecutedNotebook(Path(f"{stem}.ipynb"), nbformat.v4.new_notebook(cells=cells), None)


def test_chart_names_are_collected_and_a_duplicate_name_fails():
    charts = embeds.collect({"a": _executed("a", ["one", "two"]), "b": _executed("b", ["three"])})
    assert sorted(charts) == ["one", "three", "two"] and charts["two"].cell == 2
    with pytest.raises(BookBuildError, match="'one' is defined twice: notebooks/a.ipynb cell 1 "
                                             "and notebooks/b.ipynb cell 1"):
        embeds.collect({"a": _executed("a", ["one"]), "b": _executed("b", ["one"])})


def test_an_embed_names_file_line_and_chart_and_says_which_notebook_failed():
    charts = embeds.collect({"a": _executed("a", ["one"])})
    handle = embeds.chart_handler(charts, {"a": "Notebook A"}, {"b": "cell 3 raised: boom"})
    assert "Drawn by cell 1 of the notebook" in handle("one", "x.md, line 4")
    # The cause (the notebook that raised) first, then the embed it left without a chart.
    with pytest.raises(BookBuildError, match=r"(?s)^notebooks/b\.ipynb failed.*boom.*x\.md, line 5: no chart named 'two'"):
        handle("two", "x.md, line 5")
    with pytest.raises(BookBuildError, match="embedded twice"):
        handle("one", "x.md, line 6")


# --- furniture ---

def test_reading_time_counts_prose_not_code():
    prose = " ".join(["word"] * 1000)
    code = "```python\n" + " ".join(["code"] * 5000) + "\n```\n"
    assert furniture.visible_words(prose + "\n" + code) == 1000
    assert furniture.reading_minutes(prose) == 5                     # 1000 / 200
    assert furniture.reading_minutes(" ".join(["word"] * 2100)) == 15  # 10.5 min, rounded up to 5s


def test_notebook_time_counts_text_charts_and_cells(tmp_path):
    path = tmp_path / "n.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(" ".join(["word"] * 400)),     # 2 min
        nbformat.v4.new_code_cell("Chart(fig)"),                     # 2 min
        nbformat.v4.new_code_cell("x = 1")]), path)                  # 1 min
    assert furniture.notebook_minutes(path) == 5


def test_headings_carry_no_glossary_marks():
    html = '<h1 id="t">The <abbr title="D">security dilemma</abbr> today</h1><p><abbr title="D">security dilemma</abbr></p>'
    out = tree.edit(html, glossary.unmark_headings, glossary.focus_first_marks)
    assert '<h1 id="t">The security dilemma today</h1>' in out and out.count("<abbr") == 1


# --- generated HTML, handled as a tree (the markup nbconvert and print-site really write) ---

def _nbconvert_page(tmp_path, markdown: str) -> str:
    """A notebook page as mkdocs-jupyter's nbconvert template writes it (no execution)."""
    from mkdocs_jupyter.nbconvert2 import nb2html
    path = tmp_path / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(markdown), nbformat.v4.new_code_cell("x = 'security dilemma'")],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}}), path)
    return nb2html(str(path), execute=False, no_prompt=True, include_requirejs=False, kernel_name="python3")


def _finished_notebook(page_html: str) -> str:
    terms = [glossary.Term("sd", "security dilemma", "Def.", "p.md")]
    return tree.edit(page_html, pages.clean_notebook, lambda t: pages.mark_notebook_terms(t, terms),
                     glossary.unmark_headings, glossary.focus_first_marks)


def test_a_notebook_page_from_nbconvert_loses_css_and_scripts_and_marks_only_markdown_text(tmp_path):
    raw = _nbconvert_page(tmp_path, "# The security dilemma\n\nThe security dilemma, `security dilemma`, "
                                    "[security dilemma](#x).\n\n- in a list: security dilemma")
    assert "<style" in raw and "<script" in raw and "jp-RenderedMarkdown" in raw   # what nbconvert writes
    out = _finished_notebook(raw)
    assert "<style" not in out and "<script" not in out and "zeroclipboard" not in out
    assert "clipboard-copy" not in out and "mathjax" not in out.lower()
    assert out.count("<abbr") == 2                        # the sentence and the list item
    assert out.count('<abbr class="sd-term" tabindex="0"') == 1  # the first mark takes focus
    code = out[out.index("jp-CodeCell"):]
    assert "<abbr" not in code                           # never in the code cell's source
    assert out.count('class="jp-Cell ') == tree.edit(raw).count('class="jp-Cell ')  # cells kept


def test_notebook_terms_are_marked_however_deeply_nbconvert_nests_the_markdown_cell():
    """The regex this replaced needed each Markdown cell closed by exactly four </div>s."""
    terms = [glossary.Term("sd", "security dilemma", "Def.", "p.md")]
    for wrappers in (0, 1, 3):
        cell = ('<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" '
                'data-mime-type="text/markdown"><p>A security dilemma.</p></div>')
        page = "<div>" * wrappers + cell + "</div>" * wrappers + "<p>security dilemma outside</p>"
        out = tree.edit(page, lambda t: pages.mark_notebook_terms(t, terms))
        assert out.count("<abbr") == 1, (wrappers, out)
        assert out.endswith("<p>security dilemma outside</p>")


def test_writing_the_tree_back_keeps_the_markup_as_it_was():
    html = ('<p class="a b" id="x">One &amp; two &lt;three&gt; “four”</p><br>'
            '<a href="x.ipynb" download class="c">d</a><img alt="" src="i.png">'
            '<div data-sd-figure="{&quot;a&quot;: 1}"></div>')
    out = tree.edit(html)
    assert out == tree.edit(out)                          # stable: rebuilds give the same bytes
    assert '<a href="x.ipynb" download class="c">' in out and "<br>" in out
    assert '<p class="a b" id="x">One &amp; two &lt;three&gt; “four”</p>' in out
    assert 'data-sd-figure="{&quot;a&quot;: 1}"' in out


class _Page:
    html = "print-site's copy"


class _PrintSite:
    def __init__(self):
        self.config = {"enabled": True, "print_page_basename": "print_page", "enumerate_headings": False}


def test_the_print_copy_takes_the_figures_out_and_puts_them_back_in_print_sites_page(tmp_path):
    figure = '{"data": [{"x": [1906, 1914], "name": "HMS \\"D\\" & co <x>"}]}'
    page_html = ('<h1>T</h1><figure class="sd-chart" id="chart-a" data-sd-name="a"><figcaption>'
                 '<p>Takeaway.</p></figcaption><div class="sd-chart__plot" data-sd-figure="'
                 + __import__("html").escape(figure) + '"></div><table><tr><td>1</td></tr></table></figure>')
    copy, page = printcopy.PrintCopy(), _Page()
    copy.prepare(page, tree.parse(page_html), lambda text: text.replace("T", "T!", 1))
    assert "sdbook-print-figure-0" in page.html and "1906" not in page.html
    assert "<h1>T!</h1>" in page.html                     # the caller's last touches applied
    assert "\n<table>" in page.html and "\n<td>" in page.html  # short lines for print-site's regexes
    # print-site's page: its own wrapper, its heading-number CSS, our copy inside.
    written = tmp_path / "site" / "print_page" / "index.html"
    written.parent.mkdir(parents=True)
    written.write_text('<html><head><style>\n.print-site-enumerate-headings h1 { x: y }\n</style></head>'
                       f'<body><section class="print-page" id="chapter-a">{page.html}</section></body></html>',
                       encoding="utf-8")
    copy.finish({"plugins": {"print-site": _PrintSite()}, "site_dir": str(tmp_path / "site")})
    result = tree.parse(written.read_text(encoding="utf-8"))
    assert result.find("style") is None                  # the unused numbering CSS is gone
    plot = result.find("div", class_="sd-chart__plot")
    assert plot["data-sd-figure"] == figure               # the very JSON, decoded as a browser would
    assert result.find("section", class_="print-page").find("figure")["data-sd-name"] == "a"


# --- what serve's partial rebuilds read (serving.py) ---

def test_a_glossary_diff_gives_both_versions_of_an_edited_term_and_added_and_removed_ones():
    a = glossary.Term("a", "alpha", "First.", "p.md")
    b = glossary.Term("b", "beta", "Second.", "p.md")
    b_edited = glossary.Term("b", "beta", "Second, edited.", "p.md", ("betas",))
    c = glossary.Term("c", "gamma", "Third.", "q.md")
    changed = glossary.changed_terms([a, b], [a, b_edited, c])
    assert set(changed) == {b, b_edited, c}
    assert glossary.changed_terms([a, b], [b, a]) == []       # order alone is no change


def test_a_page_records_the_terms_it_marks_by_their_definitions():
    terms = [glossary.Term("sd", "security dilemma", "Def one.", "p.md"),
             glossary.Term("ar", "arms race", "Def two.", "p.md"),
             glossary.Term("mad", "MAD", "Def three.", "p.md")]
    page = tree.parse('<p><abbr title="Def one.">security dilemma</abbr> and <abbr title="Def two.">arms race'
                      '</abbr>, <abbr title="Not ours.">x</abbr></p>')
    assert glossary.term_ids_marked(page, terms) == {"sd", "ar"}


def test_a_bibliography_diff_names_added_removed_and_reformatted_keys():
    assert citations.changed_keys({"a": "A.", "b": "B.", "c": "C."}, {"a": "A.", "b": "B, edited.", "d": "D."}) \
        == {"b", "c", "d"}
    assert citations.changed_keys({"a": "A."}, {"a": "A."}) == set()


def test_a_page_knows_the_entries_it_shows():
    page = citations.PageCitations(BIBLIOGRAPHY)
    page.replace_citations("As Herz argued [@herz1950, p. 157].", "x.md", 1)
    page.reading_handler()("jervis1978 glaser1997", "x.md, line 2")
    assert page.used == {"herz1950", "jervis1978", "glaser1997"} and not page.lists_every_entry
    page.bibliography_handler()("", "x.md, line 3")
    assert page.lists_every_entry


def test_no_module_imports_a_hook_file_and_the_import_graph_reads_relative_imports():
    import importlib.util
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "tools" / "import_graph.py")
    import_graph = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(import_graph)
    lines, edges = import_graph.graph(ROOT, "sdbook")
    assert "sdbook.platform.serving" in edges["sdbook.platform.plugin"]    # from . import …, serving
    assert "sdbook.data" in edges["sdbook.platform.plugin"]                # from ..data import …
    assert not [name for name in lines if "hooks" in name], "a hook file is back in the package"
    assert "Imports of a hook file: none." in import_graph.report(ROOT, "sdbook", 300)
