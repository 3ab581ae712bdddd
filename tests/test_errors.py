"""A failed build says what caused it first: the data package, file, row and column, or the
chapter and line; no coloured traceback or library type in front of it (issue 20, item 6).
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest
import yaml
from mkdocs.utils import yaml_load

from conftest import ROOT, build_site
from sdbook import data
from sdbook.data import DataValidationError
from sdbook.platform import BookBuildError, links

ANSI = "\x1b["


def _errors(stderr: str) -> list[str]:
    """The build's ERROR lines, in order, without the level prefix."""
    return [line.split("-", 1)[1].strip() for line in stderr.splitlines() if line.startswith("ERROR")]


@pytest.fixture
def data_copy(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def _build_with_data(tmp_path, data_dir):
    return build_site(tmp_path / "site", env={"SDBOOK_DATA_DIR": str(data_dir),
                                              "SDBOOK_CACHE_DIR": str(tmp_path / "cache")})


def test_a_resource_naming_a_missing_csv_names_the_data_package_and_the_resource(data_copy, tmp_path):
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    resource = package["resources"][2]
    (data_copy / resource["path"]).unlink()
    with pytest.raises(DataValidationError, match=rf"datapackage\.json: resource #3 \({resource['name']}\) "
                                                  rf"names .*{re.escape(resource['path'])}: data file is missing"):
        data.resources(data_copy)
    result = _build_with_data(tmp_path, data_copy)
    assert result.returncode != 0
    first = _errors(result.stderr)[0]
    assert "datapackage.json: resource #3" in first and resource["name"] in first, result.stderr[-3000:]
    assert "data-library" not in first and ANSI not in result.stderr.split("ERROR", 1)[1]


def test_a_bad_csv_cell_is_the_first_error_named_by_file_row_and_column(data_copy, tmp_path):
    csv = data_copy / "dreadnoughts.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = next(i for i, name in enumerate(header) if name.startswith("laid_down"))
    cells = lines[3].split(",")
    cells[column] = "1906-13-45"
    lines[3] = ",".join(cells)
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _build_with_data(tmp_path, data_copy)
    assert result.returncode != 0
    errors = _errors(result.stderr)
    assert errors, result.stderr[-3000:]
    assert re.match(rf".*dreadnoughts\.csv, row 4, column '{header[column]}': '1906-13-45'", errors[0]), errors
    assert not any("no chart named" in error for error in errors)
    after = result.stderr.split("ERROR", 1)[1]
    assert ANSI not in after and "Traceback" not in after


def test_a_duplicate_key_names_its_values_without_library_types(data_copy):
    csv = data_copy / "naval_expenditure.csv"                    # key: country, year (integer)
    lines = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    country, year = lines[1].split(",")[:2]
    with pytest.raises(DataValidationError, match=rf"row {len(lines) + 1}: duplicate primary key") as caught:
        data.load("naval_expenditure", data_copy)
    assert f"(country={country!r}, year={year})" in str(caught.value), str(caught.value)
    assert "np." not in str(caught.value) and "int64" not in str(caught.value)


def test_a_broken_link_to_a_page_names_the_chapter_line_and_target():
    page = "# T\n\nSee [the race](../naval-race/index.md).\n\n```\n[not a link](x.md)\n```\nAnd [`y`](gone.md#a)."
    known = {"naval-race/index.md", "today/index.md"}
    assert links.broken_page_links(page, "today/index.md", known) == [(7, "gone.md#a")]
    with pytest.raises(BookBuildError, match=r"docs/today/index\.md, line 12: the link to 'gone\.md#a'"):
        links.check(page, "today/index.md", known, "docs/today/index.md", 5)


KERNEL = {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}}


def test_a_build_with_a_broken_chapter_link_fails_on_its_line_and_the_kernel_does_not_warn(tmp_path):
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs, notebooks = tmp_path / "docs", tmp_path / "notebooks"
    (docs / "includes").mkdir(parents=True)
    notebooks.mkdir()
    (docs / "index.md").write_text("# Test\n\nA test term.\n", encoding="utf-8")
    (docs / "chapter.md").write_text("---\nchapter: 1\n---\n# Chapter\n\nText.\n\nSee [this](nowhere.md).\n",
                                     encoding="utf-8")
    (docs / "includes" / "glossary.yml").write_text(
        "- {id: test-term, term: test term, definition: A term for tests., explained_in: index.md}\n",
        encoding="utf-8")
    shutil.copy(ROOT / "docs" / "references.yml", docs / "references.yml")
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")], metadata=KERNEL),
                   notebooks / "probe.ipynb")
    config.update(docs_dir=str(docs), nav=["index.md", "chapter.md", "notebooks/probe.ipynb"],
                  extra_css=[], extra_javascript=[], watch=[])
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = build_site(tmp_path / "site", config=path,
                        env={"SDBOOK_NOTEBOOK_DIR": str(notebooks), "SDBOOK_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode != 0
    assert "sdbook: executed probe.ipynb" in result.stderr                 # a kernel did run
    assert "without encryption" not in result.stderr
    assert "docs/chapter.md, line 8: the link to 'nowhere.md' points at no page" in result.stderr
