"""The built site: strict, offline, linked, light; and its build fails when a notebook fails."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml
from mkdocs.utils import yaml_load

from conftest import BUILD_ENV, ROOT, build_site, site_pages

PLOTLY_BUNDLE = "assets/vendor/plotly-basic-4.1.1.min.js"


class _Refs(HTMLParser):
    """Collects every URL a page references, and whether it is loaded or merely linked."""

    def __init__(self):
        super().__init__()
        self.loaded, self.linked, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in {"script", "img", "iframe", "audio", "video", "source"} and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("href") and set(attrs.get("rel", "").split()) & {
                "stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}:
            self.loaded.append(attrs["href"])  # not rel=canonical: a name, never fetched
        if tag == "a" and attrs.get("href"):
            self.linked.append(attrs["href"])


def _refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (page.parent / unquote(parts.path)).resolve()
    return target / "index.html" if target.is_dir() else target


def test_every_page_loads_only_local_resources(site):
    for page in site_pages(site):
        for url in _refs(page).loaded:
            assert not urlsplit(url).netloc, f"{page.relative_to(site)} loads {url} from another host"


def test_no_page_mentions_a_cdn_or_font_service(site):
    pattern = re.compile(r"cdn\.|cdnjs|jsdelivr|unpkg|fonts\.googleapis|fonts\.gstatic|mathjax",
                         re.I)
    for page in site_pages(site):
        match = pattern.search(page.read_text(encoding="utf-8"))
        assert not match, f"{page.relative_to(site)} mentions {match.group(0)!r}"


def test_every_internal_link_and_anchor_resolves(site):
    for page in site_pages(site):
        refs = _refs(page)
        for url in refs.loaded + refs.linked:
            target = _target(site, page, url)
            if target is None:
                continue
            assert target.exists(), f"{page.relative_to(site)}: broken link {url}"
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html":
                assert fragment in _refs(target).ids, \
                    f"{page.relative_to(site)}: {url} points at a missing anchor"


def test_plotly_is_shipped_once_and_never_inlined(site):
    assert (site / PLOTLY_BUNDLE).stat().st_size > 1_000_000
    for page in site_pages(site):
        text = page.read_text(encoding="utf-8")
        assert "Copyright 2012-2026, Plotly" not in text, f"{page.relative_to(site)} inlines plotly.js"
        if page.parent.name == "print_page":
            continue  # the whole book on one page, for printing: large by design
        assert len(text.encode()) < 400_000, f"{page.relative_to(site)} is {len(text)} bytes"


def test_notebook_pages_have_charts_and_no_per_page_stylesheet(site):
    notebook_pages = [p for p in site_pages(site) if "jupyter-wrapper" in p.read_text("utf-8")]
    assert notebook_pages
    for page in notebook_pages:
        text = page.read_text(encoding="utf-8")
        assert "sd-chart__plot" in text
        assert "<style" not in text, f"{page.relative_to(site)} still carries inline CSS"
        content = text[text.index('<div class="jupyter-wrapper">'):]
        assert "<script" not in content.split("</article>")[0], \
            f"{page.relative_to(site)}: notebook content still carries a <script>"
        assert "Traceback" not in text and "jp-OutputArea-error" not in text


def test_each_notebook_is_offered_for_download_without_outputs(site):
    for source in sorted((ROOT / "notebooks").glob("*.ipynb")):
        page = site / "notebooks" / source.stem / "index.html"
        assert f'href="{source.name}" download' in page.read_text(encoding="utf-8")
        # the very file the notebook tests execute from a foreign directory
        assert (page.parent / source.name).read_bytes() == source.read_bytes()


def test_data_files_are_published(site):
    for csv in (ROOT / "data").glob("*.csv"):
        assert (site / "data" / csv.name).read_bytes() == csv.read_bytes()


def test_a_rebuild_is_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    result = build_site(again, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr[-4000:]
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = sorted(str(name) for name in first if first[name] != second[name])
    assert not differing, f"files differ between two builds: {differing[:10]}"


def test_sitemap_is_dated_by_the_commit_not_the_clock(site):
    from datetime import datetime, timezone

    from sdbook.mkdocs_hooks import source_date_epoch

    epoch = source_date_epoch()
    if epoch is None:
        pytest.skip("not a git checkout")
    day = datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%d")
    assert f"<lastmod>{day}</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


# --- the build itself must fail loudly, and must not serve stale charts ---

def _minimal_project(tmp_path: Path, notebook_source: str) -> Path:
    """A one-notebook copy of the book's configuration, to build quickly in isolation."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Test\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(notebook_source)],
                                        metadata={"kernelspec": {"name": "python3",
                                                                 "language": "python",
                                                                 "display_name": "Python 3"}})
    nbformat.write(notebook, docs / "broken.ipynb")
    config.update(docs_dir=str(docs), nav=["index.md", "broken.ipynb"], hooks=[],
                  extra_css=[], extra_javascript=[], watch=[])
    config["theme"].pop("custom_dir", None)
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def test_a_notebook_that_raises_fails_the_build(tmp_path):
    config = _minimal_project(tmp_path, "raise RuntimeError('deliberate failure in a test')")
    result = build_site(tmp_path / "site", config=config)
    assert result.returncode != 0, "a raising notebook was published"
    assert "deliberate failure in a test" in result.stderr
    assert "broken.ipynb" in result.stderr


@pytest.mark.parametrize("sentinel", [987.6])
def test_editing_a_csv_changes_the_chart_on_the_next_build(tmp_path, sentinel):
    data_copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_copy)
    csv = data_copy / "naval_expenditure.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("expenditure_million_gbp")
    row = next(i for i, line in enumerate(lines[1:], start=1)
               if line.startswith("United Kingdom") and line.split(",")[column])
    cells = lines[row].split(",")
    cells[column] = str(sentinel)
    lines[row] = ",".join(cells)
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(2):  # the second build is where a stale cache would show
        result = build_site(tmp_path / "site", env={"SDBOOK_DATA_DIR": str(data_copy)})
        assert result.returncode == 0, result.stderr[-4000:]
    page = (tmp_path / "site" / "notebooks" / "naval_race" / "index.html").read_text("utf-8")
    assert f"{sentinel}" in page
