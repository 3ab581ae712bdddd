"""``book.py serve`` rebuilds dirty (only the edited page): it must still serve a true book.

The serve sequence (startup, full first build, configuration reloaded before each
rebuild) runs in a subprocess, as ``mkdocs serve --dirty`` runs it, on a copy of docs/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import yaml_load

from conftest import ROOT, build_lock, build_site

EDIT = "A sentence added while the server runs."
DEFINITION_EDIT = "An edited definition of the security dilemma."
# A value no earlier run has cached, so the shared notebook cache cannot answer for the edit.
SENTINEL = f"987.{time.time_ns() % 10**9:09d}3"

SERVE_SEQUENCE = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, site, chapter, glossary, edit, definition, csv, sentinel = sys.argv[1:9]
site = Path(site)

def rebuild(first=None):
    config = first or load_config(config_file, site_dir=str(site), strict=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)

def html_times():
    # 404.html is a theme template: MkDocs writes it at every build, dirty or not.
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html") if p.name != "404.html"}

def search_locations():
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [entry["location"] for entry in index["docs"]]

first = load_config(config_file, site_dir=str(site), strict=True)
first.plugins.on_startup(command="serve", dirty=True)
rebuild(first)
report = {"first_locations": search_locations()}
before = html_times()
print_page = (site / "print_page" / "index.html").read_text(encoding="utf-8")

with open(chapter, "a", encoding="utf-8") as handle:
    handle.write("\\n" + edit + "\\n")
rebuild()
after = html_times()
report["rebuilt_after_page_edit"] = sorted(p for p in after if after[p] != before.get(p))
report["edit_locations"] = search_locations()
report["edit_in_search"] = edit in (site / "search" / "search_index.json").read_text(encoding="utf-8")
report["print_page_kept"] = (site / "print_page" / "index.html").read_text(encoding="utf-8") == print_page
(site.parent / "dirty-naval.html").write_bytes((site / "naval-race" / "index.html").read_bytes())

text = Path(glossary).read_text(encoding="utf-8")
Path(glossary).write_text(text.replace("The predicament in which", definition + " The predicament in which", 1),
                          encoding="utf-8")
rebuild()
final = html_times()
report["rebuilt_after_glossary_edit"] = sorted(p for p in final if final[p] != after.get(p))
report["definition_on_core_logic"] = definition in (site / "core-logic" / "index.html").read_text(encoding="utf-8")
report["edit_in_print_page"] = edit in (site / "print_page" / "index.html").read_text(encoding="utf-8")
report["glossary_locations"] = search_locations()

# A CSV edit: the notebook that loads it runs again, and only the pages built from it follow.
print_page = (site / "print_page" / "index.html").read_text(encoding="utf-8")
lines = Path(csv).read_text(encoding="utf-8").splitlines()
column = lines[0].split(",").index("expenditure_million_gbp")
row = next(i for i, line in enumerate(lines[1:], start=1) if line.split(",")[column])
cells = lines[row].split(",")
cells[column] = sentinel
lines[row] = ",".join(cells)
Path(csv).write_text("\\n".join(lines) + "\\n", encoding="utf-8")
before = html_times()
rebuild()
after = html_times()
report["all_pages"] = sorted(after)
report["rebuilt_after_csv_edit"] = sorted(p for p in after if after[p] != before.get(p))
report["csv_edit_on"] = sorted(p for p in after if sentinel in (site / p).read_text(encoding="utf-8"))
report["print_page_kept_after_csv_edit"] = (site / "print_page" / "index.html").read_text(encoding="utf-8") == print_page
report["csv_locations"] = search_locations()
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def served_dirty(site, tmp_path_factory):
    """Run the serve sequence on a copy of docs/; returns its report and the project.

    After the session's build (``site``), whose notebook outputs it then finds in the cache."""
    project = tmp_path_factory.mktemp("serve")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "data", project / "data")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(project / "docs"), watch=[])
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config_file = project / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    chapter = project / "docs" / "naval-race" / "index.md"
    glossary = project / "docs" / "includes" / "glossary.yml"
    with build_lock():  # its builds share mkdocs-jupyter's cache (conftest.build_lock)
        result = subprocess.run(
            [sys.executable, "-c", SERVE_SEQUENCE, str(config_file), str(project / "served"), str(chapter),
             str(glossary), EDIT, DEFINITION_EDIT, str(project / "data" / "naval_expenditure.csv"), SENTINEL],
            cwd=ROOT, capture_output=True, text=True, timeout=900,
            env={**os.environ, "SDBOOK_NOTEBOOK_DIR": str(ROOT / "notebooks"), "SDBOOK_DATA_DIR": str(project / "data")})
    assert result.returncode == 0, f"serve sequence failed:\n{result.stderr[-6000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1]), project, config_file


def test_a_page_edit_rebuilds_that_page_only_and_keeps_the_search_index_whole(served_dirty):
    report, _, _ = served_dirty
    assert report["rebuilt_after_page_edit"] == ["naval-race/index.html"]
    assert report["edit_in_search"]
    assert sorted(set(report["edit_locations"])) == sorted(set(report["first_locations"]))
    assert len(report["edit_locations"]) == len(set(report["edit_locations"]))  # no page indexed twice
    assert report["print_page_kept"]  # the whole-book page is left as the last full build wrote it


def test_a_glossary_edit_rebuilds_every_page_and_the_print_page(served_dirty):
    report, _, _ = served_dirty
    assert "core-logic/index.html" in report["rebuilt_after_glossary_edit"]
    assert "print_page/index.html" in report["rebuilt_after_glossary_edit"]
    assert report["definition_on_core_logic"]
    assert report["edit_in_print_page"]
    assert len(report["glossary_locations"]) == len(set(report["glossary_locations"]))
    assert sorted(set(report["glossary_locations"])) == sorted(set(report["first_locations"]))


def test_the_dirty_page_is_the_page_a_full_build_makes(served_dirty, tmp_path):
    """The edited chapter, rebuilt alone, equals the same chapter from a clean strict build."""
    _, project, config_file = served_dirty
    shutil.copy(ROOT / "docs" / "includes" / "glossary.yml", project / "docs" / "includes" / "glossary.yml")
    full = tmp_path / "full"
    result = build_site(full, config=config_file, env={"SDBOOK_NOTEBOOK_DIR": str(ROOT / "notebooks"),
                                                        "SITE_URL": "http://127.0.0.1:8000/"})
    assert result.returncode == 0, result.stderr[-4000:]
    served = (project / "dirty-naval.html").read_text(encoding="utf-8")
    assert EDIT in served
    assert served == (full / "naval-race" / "index.html").read_text(encoding="utf-8")


def test_a_csv_edit_rebuilds_only_the_pages_built_from_the_notebook_that_loads_it(served_dirty):
    report, _, _ = served_dirty
    rebuilt = report["rebuilt_after_csv_edit"]
    assert "notebooks/naval_race/index.html" in rebuilt and "naval-race/index.html" in rebuilt
    assert report["csv_edit_on"] == ["naval-race/index.html", "notebooks/naval_race/index.html"]
    for untouched in ("cold-war/index.html", "glossary/index.html", "notebooks/cold_war/index.html"):
        assert untouched not in rebuilt, rebuilt
    assert len(rebuilt) < len(report["all_pages"]) / 2, rebuilt
    assert report["print_page_kept_after_csv_edit"]   # refreshed by full rebuilds only
    assert len(report["csv_locations"]) == len(set(report["csv_locations"]))
    assert sorted(set(report["csv_locations"])) == sorted(set(report["first_locations"]))
