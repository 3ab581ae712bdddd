"""Page numbers into a printed book's contents, and its outline, with pypdf.

Chromium prints CSS page counters in the page footer (print-site's ``@page`` margin box)
but has no ``target-counter()``, so a contents page cannot say where a chapter starts.
The PDF knows: each contents entry is a link annotation whose named destination sits on
the page the entry leads to. So after the one print, each entry's page number is written
at the right margin, on the line of its link (the print CSS keeps that space free and
draws the dotted leader up to it), and the same entries become the PDF's outline.

Chosen over printing twice (once to learn the numbers, once with them written in): the
whole book takes minutes to print on a small machine; this takes seconds, and the numbers
are read from the very file they are written into, so they cannot drift. The numbers are
in Helvetica, one of the fonts every PDF reader has, not the book's own face.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject,
                           TextStringObject)

FONT_SIZE = 10
FONT = "/SdbookNumbers"


def link_targets(page) -> list[tuple[str, list[float]]]:
    """(destination name, rectangle) of every link annotation on a page that goes to a
    named destination in the document."""
    found = []
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        if annotation.get("/Subtype") != "/Link":
            continue
        action = annotation.get("/A")
        dest = annotation.get("/Dest")
        if dest is None and action is not None and action.get("/S") == "/GoTo":
            dest = action.get("/D")
        if isinstance(dest, str):
            found.append((_name(dest), [float(v) for v in annotation["/Rect"]]))
    return found


def _name(dest: str) -> str:
    """Chromium names each destination after the element's id, as a PDF name (``/id``)."""
    return dest[1:] if dest.startswith("/") else dest


def destination_pages(reader: PdfReader) -> dict[str, int]:
    """Each named destination's page, counted from 1 as the footer counts."""
    return {_name(name): reader.get_destination_page_number(dest) + 1
            for name, dest in reader.named_destinations.items()}


def _write_numbers(writer: PdfWriter, page_index: int, numbers: list[tuple[float, float, int]],
                   right_edge: float) -> None:
    page = writer.pages[page_index]
    resources = page.setdefault(NameObject("/Resources"), DictionaryObject())
    fonts = resources.setdefault(NameObject("/Font"), DictionaryObject())
    fonts[NameObject(FONT)] = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    # Helvetica's digits are all 0.556 em wide: right-aligned without reading font metrics.
    lines = [f"BT {FONT} {FONT_SIZE} Tf {right_edge - 0.556 * FONT_SIZE * len(str(n)):.2f} {y:.2f} Td ({n}) Tj ET"
             for _, y, n in numbers]
    def stream(text: str):
        made = DecodedStreamObject()
        made.set_data(text.encode("ascii"))
        return writer._add_object(made)
    contents = page.get("/Contents")
    existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    # Chromium's own drawing leaves its coordinate transform in force: it is saved and
    # restored around it (q ... Q) so that the numbers are placed in the page's own units.
    page[NameObject("/Contents")] = ArrayObject(
        [stream("q")] + existing + [stream("Q"), stream("q 0 g " + " ".join(lines) + " Q")])


def number_contents(pdf: Path, entries: list[dict], right_margin_pt: float) -> dict[str, int]:
    """Write each contents entry's page number beside it and add the outline; returns
    {entry id: page}. ``entries``: {"id", "title", "level"} in contents order.

    Fails if an entry has no destination or no link on the contents pages: a contents line
    without its number must not pass unnoticed.
    """
    reader = PdfReader(str(pdf))
    pages_of = destination_pages(reader)
    wanted = {e["id"] for e in entries}
    missing = sorted(i for i in wanted if i not in pages_of)
    if missing:
        raise RuntimeError(f"{pdf}: contents entries without a destination in the PDF: {missing[:10]}")
    first_target = min(pages_of[i] for i in wanted)
    writer = PdfWriter(clone_from=reader)
    numbered: dict[str, int] = {}
    for index in range(first_target - 1):
        page = reader.pages[index]
        right = float(page.mediabox.right) - right_margin_pt
        numbers = []
        for name, rect in link_targets(page):
            if name in wanted and name not in numbered:
                # On the entry's last line: its baseline sits a little above the box's bottom.
                numbers.append((rect[2], min(rect[1], rect[3]) + 0.4 * FONT_SIZE, pages_of[name]))
                numbered[name] = pages_of[name]
        if numbers:
            _write_numbers(writer, index, numbers, right)
    unnumbered = [e["id"] for e in entries if e["id"] not in numbered]
    if unnumbered:
        raise RuntimeError(f"{pdf}: contents entries with no link on the contents pages: {unnumbered[:10]}")
    parent = None
    for entry in entries:
        item = writer.add_outline_item(title=TextStringObject(entry["title"]),
                                       page_number=pages_of[entry["id"]] - 1,
                                       parent=parent if entry["level"] > 1 else None)
        if entry["level"] == 1:
            parent = item
    writer.page_mode = "/UseOutlines"
    with open(pdf, "wb") as handle:
        writer.write(handle)
    return numbered
