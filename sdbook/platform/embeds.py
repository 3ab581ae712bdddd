"""A notebook's named charts, shown in chapter text where the prose needs them.

The idea of myst-nb's ``glue`` in MkDocs Markdown: a notebook cell displays
``Chart(fig, name="naval-fleet", ...)``; a chapter writes ``::: chart naval-fleet`` on a
line of its own. The chapter receives the very output of that executed cell (figure
JSON, takeaway, data table, downloads), never a second computation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import BookBuildError
from .execution import ExecutedNotebook

_NAME = re.compile(r'<figure class="sd-chart" id="chart-([a-z0-9-]+)" data-sd-name="\1"')


@dataclass(frozen=True)
class NamedChart:
    name: str
    notebook: str  # stem: notebooks/<stem>.ipynb
    cell: int      # 1-based position among all the notebook's cells
    html: str


def _html_outputs(cell):
    for output in cell.get("outputs", []):
        text = output.get("data", {}).get("text/html")
        if text:
            yield "".join(text) if isinstance(text, list) else text


def collect(executed: dict[str, ExecutedNotebook]) -> dict[str, NamedChart]:
    """Every named chart of every executed notebook; a name used twice is an error."""
    charts: dict[str, NamedChart] = {}
    for stem in sorted(executed):
        for position, cell in enumerate(executed[stem].notebook.cells, start=1):
            if cell.cell_type != "code":
                continue
            for html in _html_outputs(cell):
                for name in _NAME.findall(html):
                    if name in charts:
                        first = charts[name]
                        raise BookBuildError(
                            f"chart name {name!r} is defined twice: notebooks/{first.notebook}.ipynb "
                            f"cell {first.cell} and notebooks/{stem}.ipynb cell {position}; "
                            "chart names must be unique across the book")
                    charts[name] = NamedChart(name, stem, position, html)
    return charts


def embed_html(chart: NamedChart, notebook_title: str) -> str:
    """The chart as a raw HTML block, with a line saying which notebook cell drew it."""
    origin = (f'<p class="sd-chart__origin">Drawn by cell {chart.cell} of the notebook '
              f'<a href="sdbook:root/notebooks/{chart.notebook}/#chart-{chart.name}">'
              f'{notebook_title}</a>, from the book\'s data.</p>')
    figure = chart.html.replace("</figcaption>", origin + "</figcaption>", 1)
    return f"\n{figure}\n"


def chart_handler(charts: dict[str, NamedChart], titles: dict[str, str],
                  failures: dict[str, str], used: set[str] | None = None):
    """The ``::: chart <name>`` directive for one page (tracks names embedded twice); the
    stem of each notebook whose chart it embeds is added to ``used``."""
    embedded: set[str] = set()

    def handle(args: str, where: str) -> str:
        name = args.strip()
        if name not in charts:
            known = ", ".join(sorted(charts)) or "none"
            missing = f"{where}: no chart named {name!r} (known: {known})"
            if failures:  # the cause first: a notebook that raised drew no charts
                causes = "\n\n".join(error if error.startswith(f"notebooks/{stem}.ipynb")
                                     else f"notebooks/{stem}.ipynb failed: {error}"
                                     for stem, error in failures.items())
                raise BookBuildError(f"{causes}\n\nSo its charts are missing; {missing}")
            raise BookBuildError(missing)
        if name in embedded:
            raise BookBuildError(f"{where}: chart {name!r} is embedded twice on this page")
        embedded.add(name)
        chart = charts[name]
        if used is not None:
            used.add(chart.notebook)
        return embed_html(chart, titles.get(chart.notebook, chart.notebook))

    return handle
