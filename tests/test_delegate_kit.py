"""The delegate kit: every clause tied to a real agreement, in every download form."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import docx
import pytest
import yaml

from conftest import ROOT
from sdbook.platform import delegate_kit

AGREEMENTS = ROOT / "data" / "spiral_breaking_agreements.csv"
WHEN = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)


def agreement_rows() -> dict[str, dict]:
    with AGREEMENTS.open(encoding="utf-8", newline="") as handle:
        return {row["agreement_id"]: row for row in csv.DictReader(handle)}


def test_every_clause_names_an_agreement_in_the_dataset():
    source = yaml.safe_load(delegate_kit.PHRASES.read_text(encoding="utf-8"))
    rows = agreement_rows()
    for kind in ("preambular", "operative"):
        assert len(source[kind]) >= 8, f"{delegate_kit.PHRASES.name}: too few {kind} clauses"
        for number, entry in enumerate(source[kind], start=1):
            assert entry["precedent"] in rows, (
                f"{delegate_kit.PHRASES.name}, {kind} clause {number}: {entry['precedent']!r} "
                f"is not an agreement_id in {AGREEMENTS.name}")
            assert entry["why"].strip(), f"{kind} clause {number} says nothing about its precedent"


def test_names_and_dates_come_from_the_dataset():
    rows = agreement_rows()
    for clause in delegate_kit.clauses():
        row = rows[clause.precedent]
        assert clause.precedent_label == f"{row['name']}, {delegate_kit.long_date(row['signed'])}"
        # The only figures in a clause are its agreement's name and date, as the dataset gives them.
        rest = clause.text
        for value in (row["name"], row["short_name"], delegate_kit.long_date(row["signed"])):
            rest = rest.replace(value, "")
        assert not any(ch.isdigit() for ch in rest), f"{clause.opening} {clause.text}: a figure not from {row['signed']}"


def test_clauses_follow_the_un_format():
    bank = delegate_kit.clauses()
    assert all(c.text.endswith(",") for c in bank if c.kind == "preambular")
    assert all(c.text.endswith(";") for c in bank if c.kind == "operative")
    assert all(c.opening[0].isupper() for c in bank)


@pytest.mark.parametrize("entry, message", [
    ({"opening": "Noting", "text": "the {name},", "precedent": "no-such-treaty", "why": "x"},
     "not an agreement_id"),
    ({"opening": "Noting", "text": "the {name} of 1963,", "precedent": "hotline-1963", "why": "x"},
     "type no digits"),
    ({"opening": "Noting", "text": "the {name};", "precedent": "hotline-1963", "why": "x"}, "ends with ','"),
    ({"opening": "Noting", "text": "the {title},", "precedent": "hotline-1963", "why": "x"},
     "unknown placeholder"),
])
def test_a_bad_clause_fails_naming_file_and_clause(tmp_path, entry, message):
    bank = tmp_path / "phrases.yml"
    bank.write_text(yaml.safe_dump({"preambular": [entry]}), encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        delegate_kit.clauses(bank)
    assert "phrases.yml, preambular clause 1" in str(error.value)


def test_every_download_holds_the_template_and_every_clause():
    files = delegate_kit.downloads("version 1.0, 28 November 2026", WHEN)
    markdown = files["downloads/delegate-kit.md"].decode("utf-8")
    text = files["downloads/delegate-kit.txt"].decode("utf-8")
    document = docx.Document(io.BytesIO(files["downloads/delegate-kit.docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    for heading in ("Position paper template", "Phrase bank", "Preambular clauses", "Operative clauses"):
        assert heading in markdown and heading in text and heading in paragraphs, heading
    for clause in delegate_kit.clauses():
        assert f"*{clause.opening}* {clause.text}" in markdown
        assert f"{clause.opening} {clause.text}" in text
        assert f"{clause.opening} {clause.text}" in paragraphs, clause.opening
        assert any(clause.precedent_label in p for p in paragraphs)
    assert "*" not in text, "the plain-text kit carries Markdown marks"
    assert document.core_properties.created == WHEN


def test_downloads_are_byte_identical_for_the_same_sources_and_date():
    assert delegate_kit.downloads("v", WHEN) == delegate_kit.downloads("v", WHEN)


def test_the_page_carries_the_kit_and_links_every_download():
    page = (ROOT / "docs" / "classroom" / "delegate-kit.md").read_text(encoding="utf-8")
    assert "<!-- delegate-kit -->" in page
    for suffix in ("docx", "md", "txt"):
        assert f"(../downloads/delegate-kit.{suffix})" in page


def test_the_built_site_serves_the_kit_files_as_they_are(site):
    markdown = (site / "downloads" / "delegate-kit.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Delegate kit"), "the .md download was rendered as a page"
    assert (site / "downloads" / "delegate-kit.docx").read_bytes()[:2] == b"PK"
    page = (site / "classroom" / "delegate-kit" / "index.html").read_text(encoding="utf-8")
    first = delegate_kit.clauses()[0]
    assert first.text.split(" of ")[0][:40] in page
