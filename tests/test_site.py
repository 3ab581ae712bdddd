"""The built site: strict, offline, linked, light; and its build fails when a notebook fails."""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml
from mkdocs.utils import yaml_load

from conftest import BUILD_ENV, ROOT, build_site, copy_of_the_cache, site_pages
from sdbook.platform import wheel

PLOTLY_BUNDLE = "assets/vendor/plotly-book-4.1.1.min.js"


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


# What docs/assets/vendor/plotly-book-*.min.js holds (its recipe: plotly-recipe/entry.js).
# A figure asking for anything else would be drawn without it, silently.
BUNDLED_TRACES = {"scatter", "bar"}
UNBUNDLED_LAYOUT = {"sliders", "images", "grid", "selections", "newselection", "coloraxis",
                    "scene", "geo", "polar", "ternary", "map", "mapbox", "smith"}
# layout.updatemenus is left out of the bundle too, but charts.js draws it as HTML buttons.
UNBUNDLED_TRACE = {"error_x", "error_y", "colorbar"}
UNBUNDLED_AXIS = {"rangeslider", "rangeselector"}
_FIGURE = re.compile(r'data-sd-figure(?:-phone)?="([^"]*)"')


def _keys_anywhere(node) -> set:
    if isinstance(node, dict):
        return set(node) | set().union(*(_keys_anywhere(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(set(), *(_keys_anywhere(v) for v in node))
    return set()


def _bundle_misses(figure: dict) -> list[str]:
    layout = figure.get("layout", {})
    layout = {k: v for k, v in layout.items() if k != "template"}  # defaults for every type
    misses = [f"trace type {t.get('type', 'scatter')}" for t in figure.get("data", [])
              if t.get("type", "scatter") not in BUNDLED_TRACES]
    misses += [f"trace {k}" for t in figure.get("data", []) for k in _keys_anywhere(t) & UNBUNDLED_TRACE]
    misses += ["marker.showscale" for t in figure.get("data", [])
               if (t.get("marker") or {}).get("showscale")]
    misses += [f"layout.{k}" for k in set(layout) & UNBUNDLED_LAYOUT]
    misses += [f"layout.{axis}.{k}" for axis, spec in layout.items()
               if re.fullmatch(r"[xy]axis\d*", axis) and isinstance(spec, dict)
               for k in set(spec) & UNBUNDLED_AXIS]
    if layout.get("dragmode") in {"select", "lasso"}:
        misses.append("layout.dragmode " + layout["dragmode"])
    return misses


def test_every_figure_needs_only_what_the_plotly_bundle_holds(site):
    figures = 0
    for page in site_pages(site):
        for payload in _FIGURE.findall(page.read_text(encoding="utf-8")):
            figure = json.loads(html.unescape(payload))
            figures += 1
            misses = _bundle_misses(figure)
            title = (figure.get("layout", {}).get("title") or {}).get("text", "untitled")
            assert not misses, f"{page.relative_to(site)}, chart {title!r} needs {misses}, " \
                               "which docs/assets/vendor/plotly-book-*.min.js leaves out"
    assert figures > 20


def test_the_bundle_check_catches_what_the_bundle_leaves_out():
    assert not _bundle_misses({"data": [{"type": "bar"}, {"x": [1]}], "layout": {"xaxis": {}}})
    assert _bundle_misses({"data": [{"type": "pie"}], "layout": {}}) == ["trace type pie"]
    assert _bundle_misses({"data": [{"error_y": {"array": [1]}}], "layout": {}}) == ["trace error_y"]
    assert _bundle_misses({"data": [], "layout": {"xaxis2": {"rangeslider": {}}}}) == \
        ["layout.xaxis2.rangeslider"]


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
        # the very file the notebook tests execute from a foreign directory, its first cell
        # naming the wheel on this site (sdbook/platform/wheel.py), nothing else changed
        wheel_url = f"{BUILD_ENV['SITE_URL']}downloads/{wheel.wheel_name()}"
        published = (page.parent / source.name).read_text(encoding="utf-8")
        assert published == wheel.point_at(source.read_text(encoding="utf-8"), wheel_url)
        assert f'BOOK_WHEEL = \\"{wheel_url}\\"' in published


def test_data_files_are_published(site):
    for csv in (ROOT / "data").glob("*.csv"):
        assert (site / "data" / csv.name).read_bytes() == csv.read_bytes()


def test_a_rebuild_is_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    result = build_site(again, env={**BUILD_ENV, **copy_of_the_cache(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr[-4000:]
    assert "sdbook: executed" not in result.stderr, "an unchanged notebook was executed again"
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = sorted(str(name) for name in first if first[name] != second[name])
    assert not differing, f"files differ between two builds: {differing[:10]}"


def test_sitemap_is_dated_by_the_commit_not_the_clock(site):
    from datetime import datetime, timezone

    from sdbook.platform.edition import source_date_epoch

    epoch = source_date_epoch()
    if epoch is None:
        pytest.skip("not a git checkout")
    day = datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%d")
    assert f"<lastmod>{day}</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


class _Figures(HTMLParser):
    """Named charts on a page and their figures, decoded (nbconvert reorders and re-escapes
    attributes, so the JSON is compared as data, not as text)."""

    def __init__(self):
        super().__init__()
        self.figures, self._name = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "data-sd-name" in attrs:
            self._name = attrs["data-sd-name"]
        elif tag == "div" and "data-sd-figure" in attrs and self._name:
            self.figures[self._name] = json.loads(attrs["data-sd-figure"])
            self._name = None


def _figures(page: Path) -> dict:
    parser = _Figures()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.figures


def _chapter_pages(site):
    return [p for p in site_pages(site) if "jupyter-wrapper" not in p.read_text("utf-8")]


def test_every_chart_in_a_chapter_is_its_notebooks_own_output(site):
    in_notebooks = {name: figure for page in site_pages(site) if "jupyter-wrapper" in page.read_text("utf-8")
                    for name, figure in _figures(page).items()}
    embedded = [(page, name, figure) for page in _chapter_pages(site) for name, figure in _figures(page).items()]
    assert embedded, "no chapter shows a chart"
    for page, name, figure in embedded:
        assert figure == in_notebooks.get(name), f"{page.relative_to(site)}: chart {name} differs"


def _chapter_sources():
    from sdbook.platform.furniture import front_matter
    return {src: front_matter(src.read_text(encoding="utf-8"))
            for src in sorted((ROOT / "docs").rglob("*.md"))
            if "chapter" in front_matter(src.read_text(encoding="utf-8"))[0]}


def _check_complete_lesson(where, meta: dict, body: str, html: str) -> None:
    from sdbook.platform.furniture import reading_minutes
    assert f"about {reading_minutes(body)} minutes to read" in html, f"{where}: reading time"
    for notebook in meta.get("notebooks", []):
        assert f'notebooks/{notebook}/"' in html, f"{where}: no link to its notebook {notebook}"
    summary = re.search(r'!!! summary "In short"\n\n((?:    .*\n?)+)', body)
    assert summary, f"{where}: no 'In short' box"
    sentences = re.findall(r"[.!?](?:\s|$)", summary.group(1).strip())
    assert 3 <= len(sentences) <= 5, f"{where}: 'In short' has {len(sentences)} sentences, not 3-5"
    assert html.count('class="sd-quiz__question"') >= 5, f"{where}: fewer than 5 quiz questions"
    assert 'data-kind="numeric"' in html and 'data-kind="single"' in html, f"{where}: quiz kinds"
    assert "Key terms" in html and "Learning objectives" in html, f"{where}: furniture missing"
    assert 'class="sd-page-toc"' in html, f"{where}: no contents list for phones"


def test_every_chapter_is_a_complete_lesson(site):
    chapters = _chapter_sources()
    assert chapters, "no page declares a chapter number"
    for src, (meta, body) in chapters.items():
        page = site / src.relative_to(ROOT / "docs").parent / "index.html"
        _check_complete_lesson(src.relative_to(ROOT), meta, body, page.read_text(encoding="utf-8"))


def test_the_readmes_example_chapter_builds_into_a_complete_lesson(site, tmp_path):
    """The chapter the README offers as an example, written into a copy of the book (after
    the session's build: the book's notebooks come from a copy of its cache)."""
    from sdbook.platform.furniture import front_matter
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"<!-- example-chapter -->\n(`{3,})markdown\n(.*?)\n\1\n", readme, re.S)
    assert example, "README.md: no example chapter after <!-- example-chapter -->"
    chapter = example.group(2)
    meta, body = front_matter(chapter)
    assert "chapter" in meta, "README.md: the example chapter has no chapter: number"
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "docs" / "example").mkdir()
    (tmp_path / "docs" / "example" / "index.md").write_text(chapter, encoding="utf-8")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(tmp_path / "docs"), nav=config["nav"] + [{"Example": "example/index.md"}],
                  watch=[])
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    # the offline zip is not what this test is about (test_offline.py checks it)
    result = build_site(tmp_path / "site", config=config_file,
                        env={**BUILD_ENV, "SDBOOK_OFFLINE_COPY": "0", **copy_of_the_cache(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr[-4000:]
    html = (tmp_path / "site" / "example" / "index.html").read_text(encoding="utf-8")
    _check_complete_lesson("README.md's example chapter", meta, body, html)
    start = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    title = next(line[2:] for line in body.splitlines() if line.startswith("# "))
    assert f">{title}</a>" in start, "the start page's chapter list lacks the example chapter"


def test_every_glossary_term_is_used_somewhere(site):
    from sdbook.platform.glossary import load
    import html as html_lib
    pages = [p.read_text("utf-8") for p in site_pages(site) if p.parent.name != "glossary"]
    used = {html_lib.unescape(title) for text in pages for title in re.findall(r'<abbr[^>]* title="([^"]*)"', text)}
    unused = [t.id for t in load(ROOT / "docs" / "includes" / "glossary.yml") if t.definition not in used]
    assert not unused, f"glossary terms no page uses: {unused}"


# --- the build itself must fail loudly, and must not serve stale charts ---

KERNEL = {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}}


def _minimal_project(tmp_path: Path, cells: list[str], chapter: str) -> tuple[Path, dict]:
    """A one-notebook, one-chapter copy of the book's configuration and plugins."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs, notebooks = tmp_path / "docs", tmp_path / "notebooks"
    (docs / "includes").mkdir(parents=True)
    notebooks.mkdir()
    (docs / "index.md").write_text("# Test\n\nA test term.\n", encoding="utf-8")
    (docs / "chapter.md").write_text(chapter, encoding="utf-8")
    (docs / "includes" / "glossary.yml").write_text(
        "- {id: test-term, term: test term, definition: A term for tests., explained_in: index.md}\n",
        encoding="utf-8")
    shutil.copy(ROOT / "docs" / "references.yml", docs / "references.yml")
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells],
                                            metadata=KERNEL), notebooks / "probe.ipynb")
    config.update(docs_dir=str(docs), nav=["index.md", "chapter.md", "notebooks/probe.ipynb"],
                  extra_css=[], extra_javascript=[], watch=[])
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {"SDBOOK_NOTEBOOK_DIR": str(notebooks), "SDBOOK_CACHE_DIR": str(tmp_path / "cache")}
    return path, env


_CHART_CELL = ("from sdbook import Chart, charts, load, naval_race\n"
               "events = load('naval_race_events')\n"
               "Chart(charts.fig_naval_timeline(events), name='probe-timeline', takeaway='T.',\n"
               "      table=naval_race.timeline_table(events), datasets=['naval_race_events'])")


def test_a_notebook_that_raises_fails_the_build_naming_notebook_and_cell(tmp_path):
    config, env = _minimal_project(tmp_path, ["x = 1", "raise RuntimeError('deliberate failure')"],
                                   "# Chapter\n\nNo embeds here.\n")
    result = build_site(tmp_path / "site", config=config, env=env)
    assert result.returncode != 0, "a raising notebook was published"
    assert "deliberate failure" in result.stderr
    assert "notebooks/probe.ipynb, cell 2 raised" in result.stderr


def test_an_embed_of_a_failed_notebook_names_the_chapter_line_and_chart(tmp_path):
    config, env = _minimal_project(tmp_path, [_CHART_CELL + "\nraise RuntimeError('after the chart')"],
                                   "# Chapter\n\nText.\n\n::: chart probe-timeline\n")
    result = build_site(tmp_path / "site", config=config, env=env)
    assert result.returncode != 0
    assert "docs/chapter.md, line 5: no chart named 'probe-timeline'" in result.stderr
    assert "after the chart" in result.stderr


def test_an_unknown_chart_name_fails_the_build_with_file_line_and_name(tmp_path):
    config, env = _minimal_project(tmp_path, [_CHART_CELL],
                                   "---\nchapter: 1\n---\n# Chapter\n\n::: chart probe-timelin\n")
    result = build_site(tmp_path / "site", config=config, env=env)
    assert result.returncode != 0
    assert "docs/chapter.md, line 6: no chart named 'probe-timelin' (known: probe-timeline)" in result.stderr


def test_a_chart_embedded_in_a_chapter_is_the_notebooks_own_output(tmp_path):
    config, env = _minimal_project(tmp_path, [_CHART_CELL],
                                   "# Chapter\n\nText.\n\n::: chart probe-timeline\n\nMore text.\n")
    result = build_site(tmp_path / "site", config=config, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    chapter_page = tmp_path / "site" / "chapter" / "index.html"
    notebook_page = tmp_path / "site" / "notebooks" / "probe" / "index.html"
    assert _figures(chapter_page) == _figures(notebook_page) != {}
    assert list(_figures(chapter_page)) == ["probe-timeline"]
    chapter, notebook = chapter_page.read_text("utf-8"), notebook_page.read_text("utf-8")
    assert 'href="../data/naval_race_events.csv"' in chapter            # links rebased per page
    assert 'href="../../data/naval_race_events.csv"' in notebook
    assert "sdbook:root/" not in chapter + notebook


def test_editing_a_csv_changes_the_chart_on_the_next_build(site, tmp_path):
    """(The site fixture has filled the cache with every notebook, as a reader's first build does.)"""
    # A value no earlier run has cached: the shared cache must not answer for this edit.
    sentinel = f"987.{time.time_ns() % 10**9:09d}1"
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
    # the book's cache as the session's build left it, as a reader's rebuild finds it
    env = {"SDBOOK_DATA_DIR": str(data_copy), **copy_of_the_cache(tmp_path / "cache")}
    logs = []
    for _ in range(2):  # the second build is where a stale cache would show
        result = build_site(tmp_path / "site", env=env)
        assert result.returncode == 0, result.stderr[-4000:]
        logs.append(re.findall(r"sdbook: executed (\S+)", result.stderr))
        page = (tmp_path / "site" / "notebooks" / "naval_race" / "index.html").read_text("utf-8")
        assert f"{sentinel}" in page
    readers = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")
                     if any("naval_expenditure" in cell.source
                            for cell in nbformat.read(p, as_version=4).cells if cell.cell_type == "code"))
    # The first build ran exactly the notebooks that read the edited file (others came
    # from the cache the site fixture filled); the second ran none.
    assert logs == [readers, []], logs
