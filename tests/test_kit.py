"""The classroom kit's build pieces: the data zip, notebook launch links,
and the pages that use them (classroom/downloads.md, bibliography.md)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
from mkdocs.utils import yaml_load

from conftest import ROOT
from sdbook.platform import kit
from sdbook.data import DATA_DIR
from sdbook.platform.notebooks import notebook_paths, notebook_title

CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_data_zip_holds_every_dataset_with_its_metadata():
    archive = zipfile.ZipFile(io.BytesIO(kit.data_zip_bytes(DATA_DIR)))
    names = archive.namelist()
    expected = ["datapackage.json", *sorted(p.name for p in DATA_DIR.glob("*.csv"))]
    assert names == [f"security-dilemma-data/{name}" for name in expected]
    for name in expected:
        assert archive.read(f"security-dilemma-data/{name}") == (DATA_DIR / name).read_bytes()


def test_data_zip_is_byte_identical_for_the_same_data_and_commit():
    when = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
    assert kit.data_zip_bytes(DATA_DIR, when) == kit.data_zip_bytes(DATA_DIR, when)
    assert kit.data_zip_bytes(DATA_DIR) == kit.data_zip_bytes(DATA_DIR)


def test_data_zip_refuses_data_without_metadata(tmp_path):
    (tmp_path / "x.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="datapackage.json"):
        kit.data_zip_bytes(tmp_path)


def test_launch_links_are_built_from_the_repository_address():
    links = kit.launch_links("https://github.com/someone/the-book", "notebooks/agreements.ipynb", "main")
    assert links["colab"] == ("https://colab.research.google.com/github/someone/the-book/blob/main/"
                              "notebooks/agreements.ipynb")
    binder = urlsplit(links["binder"])
    assert binder.netloc == "mybinder.org" and binder.path == "/v2/gh/someone/the-book/main"
    assert parse_qs(binder.query)["labpath"] == ["notebooks/agreements.ipynb"]
    assert kit.github_repository("https://github.com/someone/the-book.git/") == ("someone", "the-book")


@pytest.mark.parametrize("url", ["", "https://gitlab.com/a/b", "github.com/a/b", "https://github.com/a"])
def test_a_non_github_address_fails_with_its_value(url):
    with pytest.raises(ValueError, match="not a GitHub repository address"):
        kit.github_repository(url)


def test_launcher_table_lists_every_notebook():
    notebooks = notebook_paths()
    titles = {n.stem: notebook_title(nbformat.read(n, as_version=4), n.stem) for n in notebooks}
    with_repo = kit.launchers_markdown(notebooks, titles, "https://github.com/someone/the-book", "main")
    without = kit.launchers_markdown(notebooks, titles, None, "main")
    for notebook in notebooks:
        assert f"../notebooks/{notebook.name})" in with_repo
        assert f'href="../../notebooks/{notebook.stem}/{notebook.name}" download' in with_repo
        assert f"blob/main/notebooks/{notebook.name}" in with_repo
    assert "colab.research.google.com" not in without and "repo_url" in without
    # each notebook's first cell installs the book's package (test_takeaway.py): no clone
    assert "git clone" not in with_repo


def test_downloads_page_offers_the_zip_and_every_notebook(site):
    page = (site / "classroom" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../downloads/security-dilemma-data.zip"' in page
    assert (site / "downloads" / "security-dilemma-data.zip").read_bytes()[:2] == b"PK"
    for notebook in notebook_paths():
        assert f'href="../../notebooks/{notebook.stem}/{notebook.name}" download' in page
    repo_url = CONFIG.get("repo_url")
    if repo_url:
        owner, name = kit.github_repository(repo_url)
        branch = next(p["sdbook"] for p in CONFIG["plugins"] if isinstance(p, dict) and "sdbook" in p)["notebooks_branch"]
        assert f"colab.research.google.com/github/{owner}/{name}/blob/{branch}/notebooks/" in page
        assert f"mybinder.org/v2/gh/{owner}/{name}/{branch}?labpath=notebooks" in page
    else:
        assert "colab.research.google.com" not in page


def test_bibliography_page_lists_entries_and_how_to_cite(site):
    page = (site / "bibliography" / "index.html").read_text(encoding="utf-8")
    assert "::: " not in page and "How to cite this book" in page
    assert "The Cybersecurity Dilemma" in page and "Anarchy Is What States Make of It" in page


def test_binder_installs_the_pinned_requirements_and_the_package():
    assert (ROOT / "binder" / "requirements.txt").read_text().split() == ["-r", "../requirements.txt"]
    assert "pip install --no-deps -e ." in (ROOT / "binder" / "postBuild").read_text()
