"""Every notebook page and every chapter with a notebook offers it three ways: download the
.ipynb (a file of the built site), open it in Colab, open it in Binder. The addresses come
from the one repository setting (repo_url, BOOK_REPOSITORY_URL) and the one branch setting
(the sdbook plugin's notebooks_branch) through one function (sdbook/platform/kit.py)."""

from __future__ import annotations

import posixpath
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils import yaml_load

from conftest import ROOT
from sdbook.platform import kit
from sdbook.platform.furniture import front_matter
from sdbook.platform.notebooks import notebook_paths

CONFIG = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
REPO_URL = CONFIG.get("repo_url")
BRANCH = next(p["sdbook"] for p in CONFIG["plugins"] if isinstance(p, dict) and "sdbook" in p)["notebooks_branch"]
STEMS = [path.stem for path in notebook_paths()]


def _chapters_with_notebooks() -> dict[str, list[str]]:
    """docs/<chapter>/index.md -> the notebooks its front matter names."""
    found = {}
    for source in sorted((ROOT / "docs").rglob("*.md")):
        meta, _ = front_matter(source.read_text(encoding="utf-8"))
        if "chapter" in meta and meta.get("notebooks"):
            found[source.relative_to(ROOT / "docs").as_posix()] = list(meta["notebooks"])
    return found


CHAPTERS = _chapters_with_notebooks()


def test_the_links_are_built_from_the_repository_and_branch_settings():
    links = kit.notebook_links("cold_war", "../", "https://github.com/someone/the-book", "edition-2")
    assert links == {
        "download": "../notebooks/cold_war/cold_war.ipynb",
        "colab": "https://colab.research.google.com/github/someone/the-book/blob/edition-2/notebooks/cold_war.ipynb",
        "binder": "https://mybinder.org/v2/gh/someone/the-book/edition-2?labpath=notebooks%2Fcold_war.ipynb"}
    assert kit.notebook_links("cold_war", "../", None, "main") == {"download": "../notebooks/cold_war/cold_war.ipynb"}
    line = kit.launch_line("cold_war", "./", "https://github.com/someone/the-book", "main", "Notebook")
    assert line.startswith('<p class="sd-launch" data-search-exclude>Notebook: ') and line.count("<a ") == 3


def test_every_chapter_with_a_notebook_is_found():
    assert len(CHAPTERS) >= 6 and {stem for stems in CHAPTERS.values() for stem in stems} <= set(STEMS)


def _launch_links(page_file, stem):
    """The (download, colab, binder) hrefs of ``stem`` in the page's launch lines."""
    soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    for line in soup.select("article p.sd-launch"):
        hrefs = [a["href"] for a in line.find_all("a")]
        if hrefs and hrefs[0].endswith(f"/{stem}/{stem}.ipynb"):
            return line, hrefs
    raise AssertionError(f"{page_file}: no download/Colab/Binder line for the notebook {stem}")


def _check(site, page_file, stem):
    line, hrefs = _launch_links(page_file, stem)
    assert len(hrefs) == 3, f"{page_file}: {hrefs}"
    download, colab, binder = hrefs
    assert line.find("a")["download"] is not None
    target = site / posixpath.normpath(posixpath.join(page_file.parent.relative_to(site).as_posix(), download))
    assert target.is_file(), f"{page_file}: the download link {download} resolves to nothing ({target})"
    assert target.read_text(encoding="utf-8").lstrip().startswith("{"), f"{target} is not a notebook"
    expected = kit.launch_links(REPO_URL, f"notebooks/{stem}.ipynb", BRANCH)
    assert colab == expected["colab"] and binder == expected["binder"], (page_file, hrefs)
    owner, name = kit.github_repository(REPO_URL)
    assert urlsplit(colab).path == f"/github/{owner}/{name}/blob/{BRANCH}/notebooks/{stem}.ipynb"
    assert parse_qs(urlsplit(binder).query)["labpath"] == [f"notebooks/{stem}.ipynb"]


@pytest.mark.parametrize("stem", STEMS)
def test_every_notebook_page_offers_download_colab_and_binder(site, stem):
    _check(site, site / "notebooks" / stem / "index.html", stem)


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_every_chapter_header_offers_its_notebooks(site, chapter):
    page = site / chapter.removesuffix("index.md") / "index.html"
    for stem in CHAPTERS[chapter]:
        _check(site, page, stem)
    # in the header: right after the chapter's times line, before the first section
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    after_title = soup.select_one("article h1").find_next_siblings(limit=1 + len(CHAPTERS[chapter]))
    assert "sd-meta" in after_title[0]["class"], chapter
    assert all("sd-launch" in p["class"] for p in after_title[1:]), chapter
