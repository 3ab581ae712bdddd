"""Execute each notebook once per build, and not at all when nothing it depends on changed.

Outputs are stored with jupyter-cache (the cache Jupyter Book uses). Its own key is the
notebook's code cells and kernel; we add, as notebook metadata that enters the key, a
fingerprint of everything else an output depends on:

- the package source that notebooks import (``sdbook/`` minus the build-time folder
  this module sits in, :data:`BUILD_ONLY`) and the pinned requirements;
- each dataset the notebook *actually loaded* on its last run (its CSV bytes and its
  metadata), recorded by :func:`sdbook.data.load` while the kernel ran.

So an edited CSV re-executes exactly the notebooks that load it, a changed chart
function re-executes every notebook, and an unchanged book executes none. A notebook
that raises fails the build, naming the notebook and the cell.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.cache.main import JupyterCacheBase
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .. import data
from . import BookBuildError

log = logging.getLogger("mkdocs.plugins.sdbook")

PACKAGE_DIR = data.REPO_ROOT / "sdbook"
# The build-only folder (the lesson platform): whatever sits beside this module.
BUILD_ONLY = Path(__file__).resolve().parent
CACHE_DIR = Path(os.environ.get("SDBOOK_CACHE_DIR", data.REPO_ROOT / ".cache" / "sdbook")).resolve()
INPUTS_KEY = "sdbook_inputs"
CELL_TIMEOUT = 600
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class BookCache(JupyterCacheBase):
    """jupyter-cache, with our dependency fingerprint as part of every notebook's key."""

    def create_hashed_notebook(self, nb, nb_metadata=("kernelspec", INPUTS_KEY), cell_metadata=None):
        return super().create_hashed_notebook(nb, nb_metadata, cell_metadata)


@dataclass
class ExecutedNotebook:
    source: Path
    notebook: nbformat.NotebookNode
    seconds: float | None  # None: outputs came from the cache

    @property
    def stem(self) -> str:
        return self.source.stem


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def package_fingerprint() -> str:
    """Everything a notebook imports from this repository, plus the pinned environment."""
    parts = [f"python {sys.version_info[0]}.{sys.version_info[1]}".encode(),
             (data.REPO_ROOT / "requirements.txt").read_bytes()]
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if BUILD_ONLY in path.resolve().parents:
            continue
        parts += [path.relative_to(PACKAGE_DIR).as_posix().encode(), path.read_bytes()]
    # sdbook.events names each link's source from the bibliography ("Kennedy 1980"), so an
    # edited entry must run the notebooks again, as an edited module does.
    parts += [b"references.yml", (data.REPO_ROOT / "docs" / "references.yml").read_bytes()]
    return _digest(*parts)


def dataset_fingerprints(names: list[str]) -> dict[str, str]:
    """Per dataset: its CSV bytes and its metadata, as the kernel would have read them."""
    package = data.read_package(data.DATA_DIR)
    metas = {meta.get("name"): meta for meta in package.get("resources", [])}
    prints = {}
    for name in sorted(set(names)):
        meta = metas.get(name)
        csv = data.DATA_DIR / meta["path"] if meta else None
        prints[name] = _digest(json.dumps(meta, sort_keys=True).encode(),
                               csv.read_bytes() if csv and csv.is_file() else b"<missing>")
    return prints


def _with_inputs(notebook, datasets: list[str], package: str):
    keyed = nbformat.from_dict(json.loads(json.dumps(notebook)))
    keyed.metadata[INPUTS_KEY] = {"package": package, "datasets": dataset_fingerprints(datasets)}
    return keyed


def _from_cache(cache: BookCache, source: Path, notebook, package: str):
    """The cached executed notebook whose inputs all still match, or None."""
    records = sorted((r for r in cache.list_cache_records() if r.uri == str(source)),
                     key=lambda r: r.accessed, reverse=True)
    tried = set()
    for record in records:
        datasets = tuple(sorted(record.data.get("datasets", [])))
        if datasets in tried:
            continue
        tried.add(datasets)
        try:
            _, merged = cache.merge_match_into_notebook(_with_inputs(notebook, list(datasets), package))
        except KeyError:
            continue
        return merged
    return None


def _kernel(scratch: str) -> AsyncKernelManager:
    """A python3 kernel talking over local sockets in the scratch folder: no TCP port, so
    ipykernel has no reason to warn that its TCP traffic is unencrypted."""
    return AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(Path(scratch) / "kernel"))


def _plain(text: str) -> str:
    """A traceback as text: IPython colours it with terminal escape codes."""
    return _ANSI.sub("", text)


def _execute(source: Path, notebook, package: str):
    """Run the notebook from a scratch directory, as a reader who downloaded it would."""
    with tempfile.TemporaryDirectory(prefix="sdbook-run-") as scratch:
        load_log = Path(scratch) / "datasets-loaded.txt"
        client = NotebookClient(notebook, km=_kernel(scratch), timeout=CELL_TIMEOUT, kernel_name="python3",
                                allow_errors=False, record_timing=False,
                                resources={"metadata": {"path": scratch}})
        try:
            client.execute(cleanup_kc=True, env={**os.environ, data.LOAD_LOG_ENV: str(load_log)})
        except CellExecutionError as err:
            cell = next((i for i, c in enumerate(notebook.cells, start=1) if c.cell_type == "code"
                         and any(o.get("output_type") == "error" for o in c.get("outputs", []))), "?")
            # The cause on the first line; the cell and its traceback, uncoloured, after it.
            raise BookBuildError(f"notebooks/{source.name}, cell {cell} raised {err.ename}: "
                                 f"{_plain(err.evalue)}\n\n{_plain(str(err))}") from None
        except Exception as err:  # a timeout, a dead kernel: still this notebook's failure
            raise BookBuildError(f"notebooks/{source.name} could not be executed: "
                                 f"{type(err).__name__}: {err}") from None
        loaded = load_log.read_text(encoding="utf-8").split() if load_log.exists() else []
    return _with_inputs(notebook, loaded, package), sorted(set(loaded))


def execute_notebooks(sources: list[Path], workers: int = 2
                      ) -> tuple[dict[str, ExecutedNotebook], dict[str, str]]:
    """Executed copies of ``sources`` by stem (from the cache where possible, else run
    now), and the error of each notebook that raised, by stem. The caller fails the
    build on any error, after chapters have had the chance to say which embed needed it.
    """
    cache = BookCache(str(CACHE_DIR / "jupyter-cache"))
    package = package_fingerprint()
    results, failures, to_run = {}, {}, []
    for source in sources:
        notebook = nbformat.read(source, as_version=4)
        cached = _from_cache(cache, source, notebook, package)
        if cached is not None:
            log.info("sdbook: %s unchanged (notebook, the data it loads, package): outputs "
                     "reused from the cache", source.name)
            results[source.stem] = ExecutedNotebook(source, cached, None)
        else:
            to_run.append((source, notebook))

    if to_run:
        # Every dataset checked before any kernel starts: a bad cell is reported once, as
        # the cause (file, row, column), not as a traceback in each notebook that reads it.
        try:
            data.load_all(data.DATA_DIR)
        except data.DataValidationError as err:
            raise BookBuildError(str(err)) from None

    def run(item):
        source, notebook = item
        started = time.perf_counter()
        try:
            executed, loaded = _execute(source, notebook, package)
        except BookBuildError as err:
            return source, None, str(err), 0.0
        return source, executed, loaded, time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(to_run)))) as pool:
        for source, executed, loaded, seconds in pool.map(run, to_run):
            if executed is None:
                failures[source.stem] = loaded
                continue
            cache.cache_notebook_bundle(CacheBundleIn(executed, str(source), data={"datasets": loaded}),
                                        overwrite=True)
            log.info("sdbook: executed %s in %.1f s (loads %s)", source.name, seconds,
                     ", ".join(loaded) or "no dataset")
            results[source.stem] = ExecutedNotebook(source, executed, seconds)
    return results, failures
