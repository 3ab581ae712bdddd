"""The notebooks the book publishes, and what the site calls each of them."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat

from ..data import REPO_ROOT

# Notebooks live outside docs/ (the build executes them and hands mkdocs-jupyter the
# executed copies); the tests point this at a scratch folder.
NOTEBOOK_DIR = Path(os.environ.get("SDBOOK_NOTEBOOK_DIR", REPO_ROOT / "notebooks")).resolve()


def notebook_paths(notebook_dir: Path = NOTEBOOK_DIR) -> list[Path]:
    """The notebooks the site publishes, in name order (used by the tests too)."""
    return sorted(Path(notebook_dir).glob("*.ipynb"))


def notebook_title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """A notebook's first level-one Markdown heading, else ``fallback`` (its file stem)."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback
