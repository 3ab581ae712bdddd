"""Notebooks are committed clean, and each one runs top to bottom from any directory.

They run through nbconvert's ExecutePreprocessor (nbclient underneath), as the design card
asks: the same executor `jupyter nbconvert --execute` uses.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat
import pytest
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

from sdbook.mkdocs_hooks import notebook_paths

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


_BLOCK_SDBOOK = """import sys
class _NoBookPackage:  # as on a machine where only the downloaded .ipynb exists
    def find_spec(self, name, path=None, target=None):
        if name == "sdbook" or name.startswith("sdbook."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, _NoBookPackage())
"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_downloaded_notebook_says_how_to_run_it_instead_of_a_traceback(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    first = next(cell for cell in notebook.cells if cell.cell_type == "code")
    result = subprocess.run([sys.executable, "-c", _BLOCK_SDBOOK + first.source], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0, f"{path.name}: the first code cell ran without the book's package"
    assert "Traceback" not in result.stderr, f"{path.name}: a traceback instead of an instruction"
    assert "clone the book's repository" in result.stderr and path.name in result.stderr, result.stderr
