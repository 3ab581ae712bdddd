"""The Model UN delegate kit: a position-paper template and a phrase bank of clauses.

Chapter: the security dilemma in Model UN (docs/model-un/); page: docs/classroom/delegate-kit.md.
Every clause of the phrase bank (``docs/includes/delegate_phrases.yml``) is tied to a real
agreement in ``data/spiral_breaking_agreements.csv``; its name and date are filled in from
that row, never typed. The kit is one list of blocks rendered three ways: Markdown (the
page and a download), plain text, and an editable Word document (python-docx), all
byte-identical for the same sources and build date.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from sdbook.data import REPO_ROOT, load

PHRASES = REPO_ROOT / "docs" / "includes" / "delegate_phrases.yml"
DOWNLOAD_STEM = "downloads/delegate-kit"
_FIELDS = re.compile(r"\{(\w+)\}")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Clause:
    kind: str          # "preambular" or "operative"
    opening: str       # the italic verb or participle
    text: str          # the rest, names and dates filled in
    precedent: str     # agreement_id
    precedent_label: str
    why: str


def long_date(iso: str) -> str:
    day = datetime.strptime(iso, "%Y-%m-%d")
    return f"{day.day} {day:%B %Y}"


def _agreements() -> dict[str, dict]:
    frame = load("spiral_breaking_agreements")
    return {row["agreement_id"]: row for row in frame.to_dict("records")}


def clauses(path: Path = PHRASES) -> list[Clause]:
    """The phrase bank, checked: known precedents, no typed digits, UN punctuation."""
    source = yaml.safe_load(path.read_text(encoding="utf-8"))
    agreements = _agreements()
    result = []
    for kind, ending in (("preambular", ","), ("operative", ";")):
        for number, entry in enumerate(source.get(kind, []), start=1):
            where = f"{path.name}, {kind} clause {number} ({entry.get('opening')!r})"
            row = agreements.get(entry.get("precedent"))
            if row is None:
                raise ValueError(f"{where}: precedent {entry.get('precedent')!r} is not an "
                                 "agreement_id in data/spiral_breaking_agreements.csv")
            if re.search(r"\d", entry["text"]):
                raise ValueError(f"{where}: type no digits; use {{name}}, {{short_name}}, {{date}}")
            if not entry["text"].endswith(ending):
                raise ValueError(f"{where}: a {kind} clause ends with {ending!r}")
            signed = long_date(str(row["signed"])[:10])
            values = {"name": row["name"], "short_name": row["short_name"], "date": signed}
            unknown = set(_FIELDS.findall(entry["text"])) - set(values)
            if unknown:
                raise ValueError(f"{where}: unknown placeholder(s) {sorted(unknown)}")
            result.append(Clause(kind, entry["opening"], entry["text"].format(**values),
                                 entry["precedent"], f"{row['name']}, {signed}",
                                 entry["why"].strip()))
    return result


# --- the kit as blocks: ("h1"|"h2"|"h3"|"p"|"item"|"clause", text[, clause]) ---------------

TEMPLATE = [
    ("h2", "Position paper template"),
    ("p", "One page, about 400 words. Replace everything in square brackets; keep the headings "
          "if your conference allows them."),
    ("p", "**Delegation:** [country] · **Committee:** [committee] · **Topic:** [topic]"),
    ("h3", "1. The problem, read twice"),
    ("p", "[Name the risk without naming a villain. For each main move in the topic, say how it "
          "looks to the state that makes it, how it can look to its neighbours, and what would "
          "make it checkable.]"),
    ("h3", "2. Your country's record"),
    ("p", "[Give your country's relevant moves in order, with dates, and what each one "
          "answered, only where the record shows it was an answer. Name your sources: a "
          "government statement, a treaty text, a figure from SIPRI or the UN.]"),
    ("h3", "3. What your country offers"),
    ("p", "[Two or three steps that another delegation could check: numbers, ranges, "
          "locations, timetables, reports to the United Nations Report on Military "
          "Expenditures or the Register of Conventional Arms, observers at an exercise.]"),
    ("h3", "4. What your country proposes"),
    ("p", "[Three or four measures for the resolution, each tied to an agreement that has "
          "worked. Choose and adapt clauses from the phrase bank below; keep questions of "
          "sovereignty out of the operative part.]"),
    ("h3", "Sources"),
    ("p", "[Every date and number above, with its source.]"),
    ("h3", "Before you submit"),
    ("item", "Every date and figure has a source you have read yourself."),
    ("item", "Nothing is called \"purely defensive\"; intentions are stated in terms others can check."),
    ("item", "Your country's build-up is called a response only where the sequence of dates shows it."),
    ("item", "Each measure you propose names the agreement it builds on, and whether that agreement lasted."),
]

FORMAT_NOTES = [
    ("h2", "Clause format"),
    ("p", "Preambular clauses set out the background: each begins with a participle or "
          "adjective in italics and ends with a comma. Operative clauses say what the body "
          "does: they are numbered, begin with a present-tense verb in italics and end with a "
          "semicolon, the last with a full stop. A General Assembly committee can only "
          "recommend: leave \"demands\" and \"decides to remain seized\" to the Security Council."),
]


def blocks(edition: str = "") -> list[tuple]:
    """The whole kit, in order, as renderer-neutral blocks."""
    bank = clauses()
    out = [("h1", "Delegate kit: position paper and phrase bank"),
           ("p", "From *The Security Dilemma*, an open textbook" + (f", {edition}" if edition else "")
            + ". Text licensed CC BY 4.0: copy, adapt and share it with attribution. Each "
              "clause names the real agreement it draws on; check that agreement's current "
              "status before you rely on it.")]
    out += TEMPLATE
    out += [("h2", "Phrase bank")]
    for kind, title in (("preambular", "Preambular clauses"), ("operative", "Operative clauses")):
        out.append(("h3", title))
        out += [("clause", "", c) for c in bank if c.kind == kind]
    return out + FORMAT_NOTES


def _plain(text: str) -> str:
    return text.replace("**", "").replace("*", "")


def to_markdown(kit: list[tuple]) -> str:
    lines = []
    for index, (kind, text, *rest) in enumerate(kit):
        if kind in {"h1", "h2", "h3"}:
            lines += ["#" * int(kind[1]) + " " + text, ""]
        elif kind == "p":
            lines += [text, ""]
        elif kind == "item":
            lines.append(f"- {text}")
            if index + 1 == len(kit) or kit[index + 1][0] != "item":
                lines.append("")
        elif kind == "clause":
            clause = rest[0]
            lines += [f"*{clause.opening}* {clause.text}", "",
                      f"**Precedent:** {clause.precedent_label}. {clause.why}", ""]
    return "\n".join(lines).strip() + "\n"


def to_text(kit: list[tuple]) -> str:
    lines = []
    for kind, text, *rest in kit:
        if kind in {"h1", "h2", "h3"}:
            title = _plain(text)
            underline = {"h1": "=", "h2": "-", "h3": ""}[kind]
            lines += ["", title] + ([underline * len(title)] if underline else []) + [""]
        elif kind == "p":
            lines += [_plain(text), ""]
        elif kind == "item":
            lines.append(f"  - {_plain(text)}")
        elif kind == "clause":
            clause = rest[0]
            lines += [f"{clause.opening} {clause.text}",
                      f"    Precedent: {clause.precedent_label}. {clause.why}", ""]
    return "\n".join(lines).strip() + "\n"


def _runs(paragraph, text: str) -> None:
    """Markdown **bold** and *italic* as Word runs."""
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if part.startswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            paragraph.add_run(part[1:-1]).italic = True
        elif part:
            paragraph.add_run(part)


def to_docx(kit: list[tuple], when: datetime | None = None) -> bytes:
    """An editable Word document, with the build's date in place of the clock's."""
    import docx

    stamp = _ZIP_EPOCH if when is None else max(_ZIP_EPOCH, when.timetuple()[:6])
    document = docx.Document()
    props = document.core_properties
    props.title, props.author = "Delegate kit: position paper and phrase bank", "The Security Dilemma"
    props.created = props.modified = datetime(*stamp)
    props.last_modified_by, props.revision = "The Security Dilemma", 1
    for kind, text, *rest in kit:
        if kind in {"h1", "h2", "h3"}:
            document.add_heading(_plain(text), level=int(kind[1]) - 1 or 0)
        elif kind == "p":
            _runs(document.add_paragraph(), text)
        elif kind == "item":
            _runs(document.add_paragraph(style="List Bullet"), text)
        elif kind == "clause":
            clause = rest[0]
            paragraph = document.add_paragraph()
            paragraph.add_run(clause.opening).italic = True
            paragraph.add_run(" " + clause.text)
            note = document.add_paragraph(f"Precedent: {clause.precedent_label}. {clause.why}")
            note.paragraph_format.left_indent = docx.shared.Cm(1)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: tuple) -> bytes:
    """The same archive with every member dated ``stamp`` (python-docx uses the clock)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, source.read(member))
    return buffer.getvalue()


def downloads(edition: str = "", when: datetime | None = None) -> dict[str, bytes]:
    """The kit's downloads: path under the site → bytes."""
    kit = blocks(edition)
    return {f"{DOWNLOAD_STEM}.md": to_markdown(kit).encode("utf-8"),
            f"{DOWNLOAD_STEM}.txt": to_text(kit).encode("utf-8"),
            f"{DOWNLOAD_STEM}.docx": to_docx(kit, when)}


def page_markdown() -> str:
    """The kit as it appears on its page (headings one level down, under the page title)."""
    return to_markdown(blocks()[2:])
