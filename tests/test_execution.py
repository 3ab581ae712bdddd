"""Each notebook executes once per build, and not at all when nothing it depends on changed.

Two small notebooks load different datasets from a copy of data/; executions are counted
from what execute_notebooks reports (a notebook run now has a duration, a cached one not).
"""

from __future__ import annotations

import shutil

import nbformat
import pytest

from sdbook import data
from sdbook.platform import execution


def _notebook(path, dataset):
    nbformat.write(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(f"from sdbook import load\nframe = load({dataset!r})\nlen(frame)")],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}}),
        path)
    return path


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of data/, a fresh cache, and two notebooks loading one dataset each."""
    data_copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, data_copy)
    monkeypatch.setenv("SDBOOK_DATA_DIR", str(data_copy))       # read by the kernels
    monkeypatch.setattr(data, "DATA_DIR", data_copy)            # read by the fingerprints
    monkeypatch.setattr(execution, "CACHE_DIR", tmp_path / "cache")
    notebooks = [_notebook(tmp_path / "ships.ipynb", "dreadnoughts"),
                 _notebook(tmp_path / "events.ipynb", "naval_race_events")]
    return data_copy, notebooks


def _executed(notebooks):
    results, failures = execution.execute_notebooks(notebooks)
    assert not failures, failures
    return sorted(stem for stem, result in results.items() if result.seconds is not None), results


def test_nothing_changed_nothing_runs_and_an_edited_csv_reruns_only_its_readers(sandbox):
    data_copy, notebooks = sandbox
    assert _executed(notebooks)[0] == ["events", "ships"]
    ran, results = _executed(notebooks)
    assert ran == []                                              # a second build: no execution
    assert results["ships"].notebook.cells[0].outputs            # outputs came from the cache
    csv = data_copy / "dreadnoughts.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + csv.read_text(encoding="utf-8").splitlines()[1]
                   .replace("HMS Dreadnought", "HMS Testing") + "\n", encoding="utf-8")
    ran, results = _executed(notebooks)
    assert ran == ["ships"]                                       # only the notebook that loads it
    count = results["ships"].notebook.cells[0].outputs[0]["data"]["text/plain"]
    assert count == str(len(data.load("dreadnoughts", data_copy)))  # and it saw the new row


def test_a_change_to_the_package_reruns_every_notebook(sandbox, monkeypatch):
    _, notebooks = sandbox
    _executed(notebooks)
    monkeypatch.setattr(execution, "package_fingerprint", lambda: "a changed chart function")
    assert _executed(notebooks)[0] == ["events", "ships"]


def test_editing_a_notebook_reruns_it(sandbox):
    _, notebooks = sandbox
    _executed(notebooks)
    notebook = nbformat.read(notebooks[1], as_version=4)
    notebook.cells[0].source += "\nprint('edited')"
    nbformat.write(notebook, notebooks[1])
    assert _executed(notebooks)[0] == ["events"]


def test_a_notebook_that_raises_is_reported_with_its_cell(sandbox, tmp_path):
    _, notebooks = sandbox
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise RuntimeError('on purpose')")],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}}),
        broken)
    results, failures = execution.execute_notebooks([broken])
    assert "broken" not in results
    assert "notebooks/broken.ipynb, cell 2 raised" in failures["broken"]
    assert "on purpose" in failures["broken"]


def test_an_edited_bibliography_entry_changes_the_package_fingerprint(tmp_path, monkeypatch):
    """Event tables name their sources from docs/references.yml: editing it must rerun them."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "requirements.txt").write_bytes((data.REPO_ROOT / "requirements.txt").read_bytes())
    references = tmp_path / "docs" / "references.yml"
    references.write_text("- {id: kennedy1980, author: Kennedy, year: 1980}\n", encoding="utf-8")
    monkeypatch.setattr(data, "REPO_ROOT", tmp_path)
    before = execution.package_fingerprint()
    references.write_text("- {id: kennedy1980, author: Kennedy, year: 1981}\n", encoding="utf-8")
    assert execution.package_fingerprint() != before
