"""The book package's shape: each module's line count and its imports inside the package.

    .venv/bin/python tools/import_graph.py [REPO_ROOT] [--package sdbook] [--limit 300]

Reads the source with ``ast`` only (nothing is imported or run), so it works on any
checkout, old or new (``git worktree add /tmp/old <commit>`` and point it there). Prints
Markdown: a table of modules (lines, and the package modules each imports), the modules
over the line limit, and any import of a hook file (a module named ``*hooks*``), which
the issue on the platform's shape asks there be none of.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path, package: str) -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    return {module_name(path, root): path for path in sorted((root / package).rglob("*.py"))
            if "__pycache__" not in path.parts}


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    """The absolute module a ``from … import`` names (relative levels counted from ``here``)."""
    if not node.level:
        return node.module or ""
    base = here.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(path: Path, here: str, known: set[str]) -> set[str]:
    """The package modules that ``path`` imports, anywhere in its code (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.name
                while name and name not in known:  # 'sdbook.charts.naval' → the deepest known
                    name = name.rpartition(".")[0]
                if name:
                    found.add(name)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, here, path.name == "__init__.py")
            for alias in node.names:  # 'from . import glossary' names a module
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
                elif target in known:
                    found.add(target)
    found.discard(here)
    return found


def graph(root: Path, package: str) -> tuple[dict[str, int], dict[str, set[str]]]:
    found = modules(root, package)
    lines = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in found.items()}
    edges = {name: imports(path, name, set(found)) for name, path in found.items()}
    return lines, edges


def report(root: Path, package: str, limit: int) -> str:
    lines, edges = graph(root, package)
    short = lambda name: name.removeprefix(package + ".") or name  # noqa: E731
    out = [f"{len(lines)} modules, {sum(lines.values())} lines, {sum(map(len, edges.values()))} import edges "
           f"inside `{package}`.", "", "| module | lines | imports (inside the package) |", "|---|---:|---|"]
    for name in sorted(lines):
        out.append(f"| `{short(name)}` | {lines[name]} | {', '.join(sorted(map(short, edges[name]))) or '–'} |")
    folders: dict[str, list[int]] = {}
    for name, count in lines.items():
        first = short(name).split(".")[0]
        in_folder = name != package and any(other.startswith(f"{package}.{first}.") for other in lines)
        folders.setdefault(first if in_folder else "(top-level modules)", []).append(count)
    out += ["", "By folder: " + "; ".join(f"`{folder}` {len(counts)} modules, {sum(counts)} lines"
                                          for folder, counts in sorted(folders.items())) + "."]
    over = sorted((name for name in lines if lines[name] > limit), key=lines.get, reverse=True)
    out += ["", f"Over {limit} lines: " + (", ".join(f"`{short(n)}` ({lines[n]})" for n in over) or "none") + "."]
    hooks = sorted(f"`{short(a)}` → `{short(b)}`" for a, targets in edges.items() for b in targets
                   if "hooks" in b.rpartition(".")[2])
    out.append("Imports of a hook file: " + (", ".join(hooks) or "none") + ".")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default=Path(__file__).resolve().parent.parent, type=Path)
    parser.add_argument("--package", default="sdbook")
    parser.add_argument("--limit", default=300, type=int)
    args = parser.parse_args(argv)
    if not (args.root / args.package).is_dir():
        sys.exit(f"{args.root / args.package}: no such package folder")
    print(report(args.root.resolve(), args.package, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
