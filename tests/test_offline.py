"""The book from a folder: the offline zip, unzipped and opened from disk (file://) in Chromium.

A teacher copies the folder to a classroom without internet; a student opens index.html.
Navigation must reach pages (not directory listings), every chart of the Cold War chapter
must draw, an explorable must respond, a quiz must answer, a glossary mark must show its
definition and search must find a page (sdbook/platform/offline.py). The link rewriting and
the zip are also checked on small folders made here, with no build.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from browsing import PageWatch, _assert_charts_drawn, _wait_for_charts
from sdbook.platform import offline

# --- no build: the link rewriting and the zip -----------------------------------------


def _tiny_site(root: Path) -> Path:
    (root / "cold-war").mkdir(parents=True)
    (root / "search").mkdir()
    (root / "index.html").write_text(
        '<a href="cold-war/">a</a><a href="cold-war/#spiral">b</a><a href="./">c</a>'
        '<a href="https://example.org/x/">d</a><a href="#top">e</a><img src="cold-war/pic.png">'
        '<a href="cold-war">f</a><a href="cold-war/?h=mad">g</a>', encoding="utf-8")
    (root / "cold-war" / "index.html").write_text('<a href="../">home</a><a href="..">up</a>', encoding="utf-8")
    (root / "cold-war" / "pic.png").write_bytes(b"png")
    (root / "search" / "search_index.json").write_text(
        '{"docs":[{"location":"","title":"Start"},{"location":"cold-war/#spiral","title":"S"}]}',
        encoding="utf-8")
    return root


def test_links_to_folders_point_at_their_index_files(tmp_path):
    site = _tiny_site(tmp_path / "site")
    offline.link_index_files(site)
    assert (site / "index.html").read_text(encoding="utf-8") == (
        '<a href="cold-war/index.html">a</a><a href="cold-war/index.html#spiral">b</a>'
        '<a href="./index.html">c</a><a href="https://example.org/x/">d</a><a href="#top">e</a>'
        '<img src="cold-war/pic.png"><a href="cold-war/index.html">f</a>'
        '<a href="cold-war/index.html?h=mad">g</a>')
    assert (site / "cold-war" / "index.html").read_text(encoding="utf-8") == \
        '<a href="../index.html">home</a><a href="../index.html">up</a>'
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"index.html"' in index and '"location":"cold-war/index.html#spiral"' in index
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8") == f"var __index = {index}"


def test_a_copy_without_search_index_fails_naming_it(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(Exception, match="search_index.json"):
        offline.link_index_files(tmp_path)


def test_the_zip_is_one_folder_in_name_order_with_one_date_and_the_same_bytes_twice(tmp_path):
    site = _tiny_site(tmp_path / "site")
    (site / "sitemap.xml.gz").write_bytes(b"gz")
    first, second = offline.zip_bytes(site, "1700000000"), offline.zip_bytes(site, "1700000000")
    assert first == second
    archive = zipfile.ZipFile(__import__("io").BytesIO(first))
    names = archive.namelist()
    assert names == sorted(names) and all(n.startswith(offline.FOLDER + "/") for n in names)
    assert f"{offline.FOLDER}/index.html" in names and not any(n.endswith(".gz") for n in names)
    assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert offline.zip_bytes(site, "1800000000") != first  # the date is the commit's


# --- the built zip, opened from disk ----------------------------------------------------

_LINK = re.compile(r'\s(?:href|src)="([^"#?]*)[^"]*"')


@pytest.fixture(scope="module")
def copy(site, tmp_path_factory) -> Path:
    archive = site / "downloads" / offline.ZIP_NAME
    assert archive.is_file(), f"the build wrote no {archive}"
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(out)
    return out / offline.FOLDER


def test_the_downloads_page_links_the_zip(site):
    page = (site / "classroom" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../downloads/{offline.ZIP_NAME}"' in page


def test_every_relative_link_in_the_copy_reaches_a_file(copy):
    pages = sorted(copy.rglob("*.html"))
    assert len(pages) > 40
    broken = []
    for page in pages:
        for target in _LINK.findall(page.read_text(encoding="utf-8")):
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("/"):
                continue
            if not (page.parent / unquote(target)).is_file():
                broken.append(f"{page.relative_to(copy)} -> {target}")
    assert not broken, f"{len(broken)} links reach no file from disk, e.g. {broken[:10]}"
    assert (copy / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")


@pytest.fixture(scope="module")
def disk(browser, copy):
    watch = PageWatch(browser, copy.as_uri(), viewport={"width": 1280, "height": 900})
    yield watch
    assert not watch.foreign, f"the offline copy requested other hosts: {watch.foreign}"
    watch.close()


def test_navigation_from_disk_reaches_pages(disk, copy):
    page = disk.page
    page.goto((copy / "index.html").as_uri(), wait_until="load")
    link = page.locator('.md-nav--primary a.md-nav__link[href*="naval-race"]').first
    link.evaluate("a => a.scrollIntoView()")
    link.click(force=True)  # a nav link, as a reader at a desk clicks it
    page.wait_for_url(re.compile(r"naval-race/index\.html$"))
    assert "Anglo-German naval race" in page.locator("article h1").inner_text()
    assert page.locator(".sd-chart__plot").count() > 0
    assert not disk.errors, disk.errors


def test_cold_war_chapter_from_disk(disk, copy):
    page = disk.page
    page.goto((copy / "cold-war" / "index.html").as_uri(), wait_until="load")
    count = _wait_for_charts(page)
    assert count >= 6, f"the Cold War chapter has {count} charts"
    _assert_charts_drawn(page, "cold-war from disk")
    # a quiz answers: the right choice of the first choice question is marked right
    form = page.locator('.sd-quiz__question:not([data-kind="numeric"])').first
    form.scroll_into_view_if_needed()
    items = form.locator("li")
    for index in range(items.count()):
        if items.nth(index).locator("input").get_attribute("data-correct") == "true":
            items.nth(index).locator("label").click()
    form.locator("button.sd-quiz__check").click()
    assert "is-right" in form.locator(".sd-quiz__feedback").get_attribute("class")
    # a glossary mark shows its definition
    term = page.locator("abbr.sd-term[tabindex='0']").first
    definition = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.focus()
    tip = page.locator("#sd-tip[role=tooltip]")
    tip.wait_for(state="visible", timeout=15_000)
    assert definition and definition in tip.text_content()
    assert not disk.errors, disk.errors


def test_an_explorable_responds_from_disk(disk, copy):
    page = disk.page
    page.goto((copy / "modelling" / "index.html").as_uri(), wait_until="load")
    root = page.locator('[data-sd-explorable="richardson"]')
    root.scroll_into_view_if_needed()
    page.wait_for_function("""() => { const plots = document.querySelectorAll(
        '[data-sd-explorable="richardson"] .sd-explorable__plot');
        return plots.length > 0 && [...plots].every(e => e.dataset.sdState === 'drawn'); }""", timeout=30_000)
    drawn = """() => JSON.stringify([...document.querySelectorAll('[data-sd-explorable="richardson"] .sd-explorable__plot')]
                 .map(el => el.data.map(t => [t.x, t.y])))"""
    before = page.evaluate(drawn)
    root.locator('input[type="range"]').first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(before) => ({drawn})() !== before", arg=before, timeout=10_000)
    assert not disk.errors, disk.errors


def test_search_finds_a_page_from_disk(disk, copy):
    page = disk.page
    page.goto((copy / "about" / "index.html").as_uri(), wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Dreadnought", delay=20)
    first = page.locator(".md-search-result__item > .md-search-result__link").first
    first.wait_for(timeout=30_000)
    assert "naval-race/index.html" in first.get_attribute("href")
    first.click()
    page.wait_for_url(re.compile(r"naval-race/index\.html"))
    assert "Anglo-German naval race" in page.locator("article h1").inner_text()
    assert not disk.errors, disk.errors
