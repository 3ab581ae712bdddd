"""What a reader carries away: the book's package as a wheel, and notebooks that install it.

A downloaded notebook must run top to bottom in a fresh Python environment with no copy of
the repository, after its own first cell has installed the package (with its data) from
the book's site: exactly what a student does with the Download link, or in Colab.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib
import urllib.request
import venv
import zipfile

import nbformat
import pytest

from conftest import ROOT
from sdbook.platform.notebooks import notebook_paths

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
WHEEL = f"sdbook-{VERSION}-py3-none-any.whl"


def test_the_wheel_holds_the_package_and_every_dataset(site):
    with zipfile.ZipFile(site / "downloads" / WHEEL) as wheel:
        names = set(wheel.namelist())
        package = json.loads(wheel.read("sdbook/bookdata/datapackage.json"))
        metadata = wheel.read(f"sdbook-{VERSION}.dist-info/METADATA").decode()
    missing = [r["path"] for r in package["resources"] if f"sdbook/bookdata/{r['path']}" not in names]
    assert "sdbook/bookdata/references.yml" in names, f"{WHEEL} lacks the bibliography the event links cite"
    assert not missing, f"{WHEEL} lacks these datasets: {missing}"
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "sdbook").rglob("*.py")}
    assert on_disk <= names, f"{WHEEL} lacks modules: {sorted(on_disk - names)}"
    assert f"Version: {VERSION}" in metadata
    for needed in ("pandas", "plotly", "numpy", "pyyaml"):
        assert f"Requires-Dist: {needed}" in metadata, f"{WHEEL} does not require {needed}"


def test_every_notebook_page_links_its_download_and_names_the_wheel(site):
    for path in notebook_paths():
        copy = site / "notebooks" / path.stem / path.name
        first = next(c for c in nbformat.read(copy, as_version=4).cells if c.cell_type == "code")
        assert f'/downloads/{WHEEL}"' in first.source, f"{copy}: first cell does not name {WHEEL}"


def _fresh_environment(where) -> dict:
    """A new venv with Jupyter's runner and the scientific stack a reader has, no sdbook."""
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    python = where / "bin" / "python"
    # The versions the book pins (pip's cache has them); the notebook adds only sdbook.
    # --no-compile: a reader's first import compiles what it uses; byte-compiling all of
    # pandas and plotly here would only add time.
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile",
                    "-c", ROOT / "requirements.txt", "nbconvert", "ipykernel", "pandas", "plotly", "pyyaml",
                    "numpy"], check=True, timeout=900)
    # A reader's Python writes bytecode on first import; without it (PYTHONDONTWRITEBYTECODE,
    # set on some CI machines) every notebook's kernel would compile pandas and plotly afresh.
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE"}}
    env["PATH"] = f"{where / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.pop("SDBOOK_DATA_DIR", None)
    return env


def test_downloaded_notebooks_run_in_a_fresh_environment(served_site, tmp_path):
    environment = tmp_path / "reader-venv"
    env = _fresh_environment(environment)
    python = environment / "bin" / "python"
    has_sdbook = [python, "-c", "import sdbook; print(sdbook.__file__)"]
    assert subprocess.run(has_sdbook, cwd=tmp_path, env=env, capture_output=True).returncode != 0, \
        "the fresh environment already has sdbook: the test would prove nothing"
    work = tmp_path / "downloads"
    work.mkdir()
    names = [path.name for path in notebook_paths()]
    for path in notebook_paths():
        url = f"{served_site}/notebooks/{path.stem}/{path.name}"
        (work / path.name).write_bytes(urllib.request.urlopen(url, timeout=30).read())
    # One nbconvert for all of them (each still runs in a kernel of its own, in order: the
    # first one's own first cell installs the wheel, the others find it installed).
    result = subprocess.run(
        [environment / "bin" / "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=300", "--output-dir", "ran", *names],
        cwd=work, env=env, capture_output=True, text=True, timeout=1800)
    converting = re.findall(r"Converting notebook (\S+)", result.stderr)
    assert result.returncode == 0, \
        f"{converting[-1] if converting else names[0]} (downloaded) failed:\n{result.stderr[-3000:]}"
    for name in names:
        ran = nbformat.read(work / "ran" / name, as_version=4)
        charts = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs
                  if "sd-chart__plot" in o.get("data", {}).get("text/html", "")]
        assert charts, f"{name} (downloaded) drew no chart"
    where = subprocess.run(has_sdbook, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert where.returncode == 0 and str(environment) in where.stdout, \
        f"the notebooks ran, but not with the wheel installed in the fresh environment: {where}"


def test_pyproject_lists_every_package_of_the_book():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {p.parent.relative_to(ROOT).as_posix().replace("/", ".")
             for p in (ROOT / "sdbook").rglob("__init__.py")}
    assert found <= listed, f"pyproject.toml [tool.setuptools] packages lacks {sorted(found - listed)}"
