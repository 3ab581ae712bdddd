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

from conftest import ROOT, build_site, copy_of_the_cache, once_per_run

EDIT = "A sentence added while the server runs."
# Edits that name no glossary term (a term inside a definition is marked, splitting its text).
DEFINITION_EDIT = "An edited definition, added while the server runs."
RARE_TERM_EDIT = "A second edited definition, added while the server runs."
TITLE_EDIT = "(edited while the server runs)"
# A value no earlier run has cached, so the shared notebook cache cannot answer for the edit.
SENTINEL = f"987.{time.time_ns() % 10**9:09d}3"

SERVE_SEQUENCE = """
import html, json, sys
from pathlib import Path
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, site, chapter, glossary, edit, definition, csv, sentinel, rare_edit, title_edit = sys.argv[1:11]
site = Path(site)

def rebuild(first=None):
    config = first or load_config(config_file, site_dir=str(site), strict=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)

def html_times():
    # 404.html is a theme template: MkDocs writes it at every build, dirty or not.
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html") if p.name != "404.html"}

def stale(old, new):
    # Built pages showing the old text where the new one belongs (the new text holds the old),
    # and those showing the new; the print page is refreshed by full builds only.
    pages = {p: html.unescape((site / p).read_text(encoding="utf-8")).lower() for p in html_times()
             if p != "print_page/index.html"}
    return (sorted(p for p, text in pages.items() if text.count(old.lower()) > text.count(new.lower())),
            sorted(p for p, text in pages.items() if new.lower() in text))

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
old = " ".join(next(e for e in yaml.safe_load(text) if e["id"] == "security-dilemma")["definition"].split())
assert old.startswith("The predicament in which"), "the security dilemma's definition changed its first words"
Path(glossary).write_text(text.replace("The predicament in which", definition + " The predicament in which", 1),
                          encoding="utf-8")
rebuild()
final = html_times()
report["rebuilt_after_glossary_edit"] = sorted(p for p in final if final[p] != after.get(p))
report["definition_on_core_logic"] = definition in (site / "core-logic" / "index.html").read_text(encoding="utf-8")
report["glossary_stale"], report["glossary_definition_on"] = stale(old, definition + " " + old)
report["print_page_kept_after_glossary_edit"] = (site / "print_page" / "index.html").read_text(encoding="utf-8") == print_page
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

# A glossary entry few pages use: only the pages that show it, and the glossary, are rebuilt.
entries = yaml.safe_load(Path(glossary).read_text(encoding="utf-8"))
old = " ".join(next(e for e in entries if e["id"] == "nullcline")["definition"].split())
first_words = " ".join(old.split()[:4])
text = Path(glossary).read_text(encoding="utf-8")
assert text.count(first_words) == 1, "the nullcline definition's first words are not on one line"
Path(glossary).write_text(text.replace(first_words, rare_edit + " " + first_words), encoding="utf-8")
before = html_times()
rebuild()
after = html_times()
report["rebuilt_after_rare_term_edit"] = sorted(p for p in after if after[p] != before.get(p))
report["rare_term_stale"], report["rare_term_on"] = stale(old, rare_edit + " " + old)
report["rare_term_locations"] = search_locations()

# A bibliography entry cited on one chapter: that chapter, the pages listing it and the bibliography.
from sdbook.platform.citations import book_bibliography
references = Path(glossary).parent.parent / "references.yml"
old_entry = book_bibliography(references).formatted["aca2020"]
text = references.read_text(encoding="utf-8")
old_title = "The Nuclear Testing Tally"
assert text.count("title: " + old_title + "\\n") == 1, "the aca2020 entry's title changed; pick another"
references.write_text(text.replace("title: " + old_title + "\\n", "title: " + old_title + " " + title_edit + "\\n"),
                      encoding="utf-8")
before = html_times()
rebuild()
after = html_times()
report["rebuilt_after_reference_edit"] = sorted(p for p in after if after[p] != before.get(p))
new_entry = book_bibliography(references).formatted["aca2020"]
assert title_edit.lower() in new_entry.lower() and new_entry != old_entry
# The entry as the reference lists show it (the data library names the same work in its own words).
report["reference_stale"] = sorted(p for p in after if p != "print_page/index.html" and old_entry in (site / p).read_text(encoding="utf-8"))
report["reference_on"] = sorted(p for p in after if new_entry in (site / p).read_text(encoding="utf-8"))
report["print_page_kept_after_reference_edit"] = (site / "print_page" / "index.html").read_text(encoding="utf-8") == print_page
report["reference_locations"] = search_locations()
print(json.dumps(report))
"""


def _serve_sequence(project: Path) -> dict:
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "data", project / "data")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(project / "docs"), watch=[])
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config_file = project / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    chapter = project / "docs" / "naval-race" / "index.md"
    glossary = project / "docs" / "includes" / "glossary.yml"
    result = subprocess.run(
        [sys.executable, "-c", SERVE_SEQUENCE, str(config_file), str(project / "served"), str(chapter),
         str(glossary), EDIT, DEFINITION_EDIT, str(project / "data" / "naval_expenditure.csv"), SENTINEL,
         RARE_TERM_EDIT, TITLE_EDIT],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "SDBOOK_NOTEBOOK_DIR": str(ROOT / "notebooks"), "SDBOOK_DATA_DIR": str(project / "data"),
             **copy_of_the_cache(project / "cache")})
    assert result.returncode == 0, f"serve sequence failed:\n{result.stderr[-6000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def served_dirty(site):
    """Run the serve sequence on a copy of docs/; returns its report, the project and its
    configuration. After the session's build (``site``), whose notebook outputs it then
    finds in the cache; once per run, whichever worker gets to it (conftest.once_per_run)."""
    project, report = once_per_run("serve", _serve_sequence)
    return report, project, project / "mkdocs.yml"


def test_a_page_edit_rebuilds_that_page_only_and_keeps_the_search_index_whole(served_dirty):
    report, _, _ = served_dirty
    assert report["rebuilt_after_page_edit"] == ["naval-race/index.html"]
    assert report["edit_in_search"]
    assert sorted(set(report["edit_locations"])) == sorted(set(report["first_locations"]))
    assert len(report["edit_locations"]) == len(set(report["edit_locations"]))  # no page indexed twice
    assert report["print_page_kept"]  # the whole-book page is left as the last full build wrote it


def test_a_glossary_edit_rebuilds_the_pages_that_show_the_term(served_dirty):
    """Editing the most used term's definition: every page that shows it gets the new one,
    none keeps the old; the print page waits for a full build, as for any dirty rebuild."""
    report, _, _ = served_dirty
    assert "core-logic/index.html" in report["rebuilt_after_glossary_edit"]
    assert "glossary/index.html" in report["rebuilt_after_glossary_edit"]
    assert report["definition_on_core_logic"]
    assert report["glossary_stale"] == []
    assert set(report["glossary_definition_on"]) <= set(report["rebuilt_after_glossary_edit"])
    assert "print_page/index.html" not in report["rebuilt_after_glossary_edit"]
    assert report["print_page_kept_after_glossary_edit"]
    assert len(report["glossary_locations"]) == len(set(report["glossary_locations"]))
    assert sorted(set(report["glossary_locations"])) == sorted(set(report["first_locations"]))


def test_a_rarely_used_term_edit_rebuilds_a_few_pages(served_dirty):
    report, _, _ = served_dirty
    rebuilt = report["rebuilt_after_rare_term_edit"]
    assert {"glossary/index.html", "modelling/index.html"} <= set(rebuilt), rebuilt
    assert report["rare_term_stale"] == []
    assert "modelling/index.html" in report["rare_term_on"]
    assert set(report["rare_term_on"]) <= set(rebuilt)
    for untouched in ("naval-race/index.html", "cold-war/index.html", "index.html"):
        assert untouched not in rebuilt, rebuilt
    assert len(rebuilt) < len(report["all_pages"]) / 4, rebuilt
    assert sorted(set(report["rare_term_locations"])) == sorted(set(report["first_locations"]))
    assert len(report["rare_term_locations"]) == len(set(report["rare_term_locations"]))


def test_a_bibliography_edit_rebuilds_the_pages_that_cite_or_list_the_entry(served_dirty):
    report, _, _ = served_dirty
    rebuilt = report["rebuilt_after_reference_edit"]
    assert {"cold-war/index.html", "bibliography/index.html"} <= set(rebuilt), rebuilt
    assert report["reference_stale"] == []
    assert {"cold-war/index.html", "bibliography/index.html"} <= set(report["reference_on"])
    assert set(report["reference_on"]) <= set(rebuilt)
    for untouched in ("naval-race/index.html", "modelling/index.html", "glossary/index.html"):
        assert untouched not in rebuilt, rebuilt
    assert len(rebuilt) < len(report["all_pages"]) / 2, rebuilt
    assert report["print_page_kept_after_reference_edit"]
    assert sorted(set(report["reference_locations"])) == sorted(set(report["first_locations"]))
    assert len(report["reference_locations"]) == len(set(report["reference_locations"]))


def test_the_dirty_page_is_the_page_a_full_build_makes(served_dirty, tmp_path):
    """The edited chapter, rebuilt alone, equals the same chapter from a clean strict build."""
    _, project, config_file = served_dirty
    shutil.copy(ROOT / "docs" / "includes" / "glossary.yml", project / "docs" / "includes" / "glossary.yml")
    shutil.copy(ROOT / "docs" / "references.yml", project / "docs" / "references.yml")
    full = tmp_path / "full"
    result = build_site(full, config=config_file, env={**copy_of_the_cache(tmp_path / "cache"),
                                                        "SDBOOK_NOTEBOOK_DIR": str(ROOT / "notebooks"),
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
