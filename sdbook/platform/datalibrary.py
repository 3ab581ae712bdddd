"""Markdown for the "Data library" page, written from data/datapackage.json."""

from __future__ import annotations

from ..data import Resource


def _escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def dataset_markdown(resource: Resource) -> str:
    meta = resource.meta
    lines = [f"## {meta['title']} {{ #{resource.name} }}", "", meta["description"], "",
             f"**File:** [{resource.path.name}](data/{resource.path.name}) · "
             f"**Retrieved:** {meta['retrieved']} · "
             f"**Licence:** " + "; ".join(
                 f"[{_escape(lic.get('title', lic['name']))}]({lic['path']})" if lic.get("path")
                 else _escape(lic.get("title", lic["name"])) for lic in meta["licenses"]), "",
             "| Column | Type | Unit | Meaning |", "|---|---|---|---|"]
    for field in resource.fields:
        lines.append(f"| `{field['name']}` | {field['type']} | {_escape(field['unit'])} | "
                     f"{_escape(field['description'])} |")
    lines += ["", "**Sources**", ""]
    for source in meta["sources"]:
        # The link is the producer's page, a catalogue record or the copy we read: "link"
        # claims no more than that; the citation says what the work is.
        lines.append(f"- `{source['key']}` — {_escape(source['citation'])} "
                     f"([link]({source['path']}))")
    lines += ["", "**Notes on units, uncertainty and disagreements**", ""]
    for topic, note in meta["notes"].items():
        lines.append(f"- *{_escape(topic).capitalize()}:* {_escape(note)}")
    return "\n".join(lines) + "\n"


def datasets_markdown(resources: dict[str, Resource]) -> str:
    return "\n".join(dataset_markdown(r) for r in resources.values())
