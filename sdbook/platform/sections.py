"""Long pages in blocks the browser can leave unrendered until the reader nears them.

A chapter is one flat run of elements under <article>: 30,000 px on a phone. Lighthouse
(mobile) measured 2 s of main thread in style and layout of the whole page at load,
against 0.7 s for plain Material on the same text. From the first second-level heading
on, the elements between two headings become one ``<div class="sd-chunk">``; book.css
gives those ``content-visibility: auto`` on screens, so the browser styles and lays out
only the blocks near the viewport (it still finds text in them, for the browser's find,
anchors and screen readers). The headings stay outside the blocks: Material's contents
sidebar reads every heading's offsetTop when the page loads, and a heading inside a
skipped block forces that block's style and layout at each read (a whole <section> per
heading cost more than no containment at all). The text before the first <h2> is what
the reader sees first, and stays as it is.
"""

from __future__ import annotations

from bs4.element import NavigableString, Tag

CHUNK_CLASS = "sd-chunk"
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}


def wrap_chunks(tree: Tag) -> int:
    """Wrap the top-level runs of non-headings after the first <h2>; the count made."""
    made, started, chunk = 0, False, None
    for node in list(tree.contents):
        if isinstance(node, Tag) and node.name in HEADINGS:
            started = started or node.name == "h2"
            chunk = None
            continue
        if not started or (chunk is None and isinstance(node, NavigableString) and not node.strip()):
            continue
        if chunk is None:
            chunk = tree.new_tag("div", attrs={"class": CHUNK_CLASS})
            node.insert_before(chunk)
            made += 1
        chunk.append(node.extract())
    return made
