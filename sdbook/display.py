"""Show a Plotly figure in a notebook so that the static site can draw it offline.

Plotly's own notebook renderers either inline 4.8 MB of plotly.js per page or
fetch it from a CDN. Instead, :class:`Chart` emits a placeholder ``<div>`` plus
the figure as JSON in a ``<script type="application/json">``; the site script
``docs/assets/javascripts/src/features/charts.js`` loads one shared local plotly.js and draws
every placeholder. Each chart also carries its text alternative: a one-sentence
takeaway, the source, the plotted data as a table and links to the CSV files.

In JupyterLab the same object shows an ordinary interactive Plotly figure.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from .data import note_use, resources

# A chart is shown on its notebook's page and in chapters, at different depths of the
# site, so its links start at this marker; the site build rewrites it on every page to
# the relative path of the site's root (sdbook/platform/pages.py). Data files are published
# at data/, the data library (full citations, licences, notes) at data-library/.
SITE_ROOT = "sdbook:root/"
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
CHART_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def figure_json(fig: go.Figure) -> str:
    """Deterministic JSON for a figure (sorted keys, no whitespace), safe inside <script>.

    The theme template keeps its per-trace defaults only for the trace types the figure
    draws: plotly applies the others to nothing, and they are most of its ~10 KB.
    """
    figure = fig.to_plotly_json()
    template = figure.get("layout", {}).get("template")
    if template and "data" in template:
        drawn = {trace.get("type", "scatter") for trace in figure.get("data", [])}
        template["data"] = {kind: spec for kind, spec in template["data"].items() if kind in drawn}
    payload = json.dumps(figure, cls=PlotlyJSONEncoder,
                         sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # "</" could close the script element early; JSON allows "\/" as an escape for "/".
    return payload.replace("</", "<\\/")


def table_html(table: pd.DataFrame, caption: str) -> str:
    """A plain HTML table (Material styles only class-less tables)."""
    head = "".join(f"<th scope=\"col\">{html.escape(str(c))}</th>" for c in table.columns)
    rows = []
    for record in table.itertuples(index=False):
        cells = "".join(f"<td>{html.escape(_cell_text(v))}</td>" for v in record)
        rows.append(f"<tr>{cells}</tr>")
    return (f"<table><caption>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _cell_text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"  # an honest gap, shown as such
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


class Chart:
    """A figure with its text alternative, displayable in notebooks and on the site."""

    def __init__(self, fig: go.Figure, *, name: str, takeaway: str, table: pd.DataFrame,
                 datasets: list[str] | None = None, model: str | None = None,
                 table_caption: str | None = None, phone_fig: go.Figure | None = None):
        if not CHART_NAME.match(name or ""):
            raise ValueError(f"chart name {name!r} must be lowercase letters, digits and hyphens "
                             "(it is the id chapters embed it by: '::: chart <name>')")
        if not takeaway.strip():
            raise ValueError("every chart needs a one-sentence takeaway")
        # A chart credits its source: the datasets it draws on, or, for pure model output
        # (a phase plane, a simulated game), the module that computed it. Never neither.
        datasets = list(datasets or [])
        if model is not None and (datasets or not model.strip()):
            raise ValueError("a chart names either the datasets it draws on or the model "
                             "module that computed it, not both")
        known = resources()
        unknown = [name for name in datasets if name not in known]
        if (not datasets and model is None) or unknown:
            raise ValueError(f"a chart must name the datasets it draws on; unknown: {unknown}")
        self.model = model
        self.fig, self.name, self.takeaway, self.table = fig, name, takeaway.strip(), table
        # The table may hold more than the current view (every stage, every series):
        # its caption must describe the table, not the chart's opening view.
        self.table_caption = table_caption
        # A different form of the same data for screens under 600 px (e.g. a vertical
        # timeline); the site draws whichever fits the reader's screen.
        self.phone_fig = phone_fig
        self.datasets = {name: known[name] for name in datasets}
        for dataset in datasets:  # its title and licence appear in the caption
            note_use(dataset)

    def to_html(self) -> str:
        payload = figure_json(self.fig)
        cid = f"chart-{self.name}"  # names are unique across the book (checked at build)
        height = self.fig.layout.height or 440
        phone, phone_height = "", height
        if self.phone_fig is not None:
            phone = f' data-sd-figure-phone="{html.escape(figure_json(self.phone_fig))}"'
            phone_height = self.phone_fig.layout.height or height
        title = self.fig.layout.title.text or "Chart"
        if self.model:
            source = (f'Model output, no data: computed by <code>{html.escape(self.model)}</code> '
                      '(the table holds every number drawn).')
            download = ""
        else:
            source = "Data: " + "; ".join(
                f'{html.escape(r.meta["title"])} (<a href="{SITE_ROOT}data-library/#{name}">'
                f'sources, licence and notes</a>)' for name, r in self.datasets.items())
            download = "<p>Download: " + " · ".join(
                f'<a href="{SITE_ROOT}data/{html.escape(r.path.name)}" download>'
                f'{html.escape(r.path.name)}</a>' for r in self.datasets.values()) + "</p>"
        return (
            f'<figure class="sd-chart" id="{cid}" data-sd-name="{self.name}" '
            f'data-sd-credit="{html.escape(self.credit())}">'
            # No role="img" here: plotly puts buttons inside, and an image may not hold
            # controls. The figure is named by its caption; the table is the text version.
            # The caption comes first: HTML allows a figure's <figcaption> only as its first
            # or last child, and the data table follows the chart. The reader meets the
            # takeaway, then the chart it is about.
            f'<figcaption><strong>Takeaway.</strong> {html.escape(self.takeaway)} '
            f'<span class="sd-chart__source">{source}</span></figcaption>'
            # The figure travels in an attribute, not a <script type="application/json">:
            # Material's instant navigation re-creates every <script> as executable code.
            f'<div class="sd-chart__plot" data-sd-figure="{html.escape(payload)}"{phone} '
            f'style="--sd-height:{int(height)}px;--sd-phone-height:{int(phone_height)}px"></div>'
            f'<details class="sd-chart__data info"><summary>Data behind this chart</summary>'
            f'<div class="sd-chart__table" tabindex="0" role="region" '
            f'aria-label="Data table: {html.escape(title)}">{table_html(self.table, self.table_caption or title)}</div>'
            f'{download}</details>'
            f'</figure>'
        )

    def credit(self) -> str:
        """Source and licence lines that an exported image carries under the chart.

        The site's "Download image" button prints them in the PNG (charts/controls.js),
        so a figure copied out of the book still names where its numbers come from.
        """
        if self.model:
            return f"Source: model output, no data, computed by {self.model} (The Security Dilemma)"
        titles = "; ".join(r.meta["title"] for r in self.datasets.values())
        licences = []
        for resource in self.datasets.values():
            for licence in resource.meta["licenses"]:
                # the licence's name without its explanation: "Creative Commons Attribution 4.0"
                name = re.split(r" \(|: ", licence.get("title") or licence["name"])[0]
                if name not in licences:
                    licences.append(name)
        return f"Source: {titles}\nData licence: {'; '.join(licences)}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        # HTML for the static site (nbconvert prefers it); the Plotly mimetype for JupyterLab.
        return {"text/html": self.to_html(),
                PLOTLY_MIMETYPE: json.loads(figure_json(self.fig).replace("<\\/", "</"))}
