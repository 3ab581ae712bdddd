"""Notebooks are committed clean, and each one runs top to bottom from any directory.

They run through nbconvert's ExecutePreprocessor (nbclient underneath), as the design card
asks: the same executor `jupyter nbconvert --execute` uses.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

from sdbook.platform.notebooks import notebook_paths

NOTEBOOKS = notebook_paths()


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    dirty = [i for i, cell in enumerate(notebook.cells, start=1) if cell.cell_type == "code"
             and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; strip them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_from_a_foreign_directory(path, tmp_path):
    """Like a reader who downloads the notebook: run it outside the repository."""
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    notebook = nbformat.read(copy, as_version=4)
    executor = ExecutePreprocessor(timeout=300, kernel_name="python3")
    try:
        executor.preprocess(notebook, {"metadata": {"path": str(tmp_path)}})
    except CellExecutionError as err:
        failing = next((i for i, c in enumerate(notebook.cells, start=1) if c.cell_type == "code"
                        and any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                       "?")
        pytest.fail(f"{path.name}, cell {failing} raised:\n{err}")
    charts = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if "sd-chart__plot" in o.get("data", {}).get("text/html", "")]
    assert charts, f"{path.name}: produced no chart"
