"""Generated HTML as a tree: parsed with BeautifulSoup, changed as elements, written once.

The build changes HTML that other programs wrote (Python-Markdown, nbconvert's notebook
markup, the print plugin's copies). Matching that markup with regular expressions tied
the build to one release's exact text (nbconvert closing each Markdown cell with four
``</div>``s); a tree does not care how tags are spaced, nested or closed.

Writing the tree back keeps what the parser read: attributes in their order and in
double quotes, flags such as ``download`` bare, void elements without a slash, only ``&``,
``<``, ``>`` escaped in text (and ``"`` in attribute values); so two builds of the same
sources give the same bytes.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import Tag
from bs4.formatter import HTMLFormatter


# Attributes that mean something by being there; written bare when empty (``download``).
# Any other empty attribute keeps its ``=""`` (``alt=""`` says "decorative").
_BARE = {"download", "hidden", "open", "disabled", "checked", "selected", "controls", "defer",
         "async", "novalidate", "readonly", "required", "multiple", "autofocus", "reversed"}


class _Formatter(HTMLFormatter):
    def __init__(self):
        super().__init__(entity_substitution=HTMLFormatter.REGISTRY["minimal"].entity_substitution,
                         void_element_close_prefix="")

    def attributes(self, tag: Tag):
        # In source order (the default sorts them alphabetically).
        return [(key, None if value == "" and key in _BARE else value)
                for key, value in (tag.attrs or {}).items()]

    def quoted_attribute_value(self, value: str) -> str:
        # Always in double quotes (the default switches to single quotes around a value
        # holding '"', as a chart's figure JSON does).
        return '"' + value.replace('"', "&quot;") + '"'


FORMATTER = _Formatter()


def parse(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "html.parser")


def serialize(node) -> str:
    return node.decode(formatter=FORMATTER)


def edit(fragment: str, *steps) -> str:
    """Parse ``fragment``, apply each ``step(tree)`` in turn, and write it back."""
    tree = parse(fragment)
    for step in steps:
        step(tree)
    return serialize(tree)


def has_class(tag: Tag, name: str) -> bool:
    return name in (tag.get("class") or [])
