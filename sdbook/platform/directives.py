"""``::: name args`` lines in chapter Markdown, found outside code blocks, with line numbers.

One syntax serves every generated block (``::: chart``, ``::: key-terms``,
``::: references`` …), like mkdocstrings' ``::: identifier``. An unknown name is an
error, so a typo cannot silently publish a literal ``::: chrat`` line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from . import BookBuildError

DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*):::[ \t]+(?P<name>[a-z][a-z-]*)(?:[ \t]+(?P<args>.*?))?[ \t]*$")
FENCE = re.compile(r"^[ \t]*(?P<marks>`{3,}|~{3,})")

# handler(args, where) -> Markdown (or raw HTML) that replaces the directive line
Handler = Callable[[str, str], str]


def outside_fences(lines: list[str]) -> Iterator[int]:
    """Indexes of the lines that are not inside a fenced code block."""
    fence = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group("marks")
                continue
            yield index
        elif match and match.group("marks")[0] == fence[0] and len(match.group("marks")) >= len(fence) \
                and not line.strip()[len(match.group("marks")):].strip():
            fence = None


def expand(markdown: str, handlers: dict[str, Handler], src_path: str,
           first_line: int = 1) -> str:
    """Replace every directive line by its handler's output, indented like the directive.

    ``first_line`` is the file line of the Markdown's first line (after front matter),
    so errors name the line an author sees in the editor.
    """
    lines = markdown.split("\n")
    for index in outside_fences(lines):
        match = DIRECTIVE.match(lines[index])
        if not match:
            continue
        where = f"{src_path}, line {first_line + index}"
        handler = handlers.get(match.group("name"))
        if handler is None:
            raise BookBuildError(f"{where}: unknown directive '::: {match.group('name')}' "
                                 f"(known: {', '.join(sorted(handlers))})")
        output = handler((match.group("args") or "").strip(), where)
        indent = match.group("indent")
        lines[index] = "\n".join(indent + line if line else line for line in output.split("\n"))
    return "\n".join(lines)
