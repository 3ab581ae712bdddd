"""A chart of model output that draws on no dataset (chapter: modelling the spiral).

sdbook.display.Chart requires every chart to name the datasets it draws on, and its
caption credits them. The modelling chapter also shows pure model output (phase
planes, simulated matches, tournaments) that uses no data at all; naming a dataset
there would credit the wrong source. ModelChart keeps everything else of Chart (the
takeaway, the table, the offline placeholder) and credits the model's module instead.
"""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go
import pandas as pd

from .display import CHART_NAME, Chart

_SOURCE = re.compile(r'<span class="sd-chart__source">Data: .*?</span>', re.S)
_DOWNLOAD = re.compile(r"<p>Download: .*?</p>", re.S)


class ModelChart(Chart):
    """Like Chart, but ``model`` (e.g. "sdbook/richardson.py") replaces the dataset credit."""

    def __init__(self, fig: go.Figure, *, name: str, takeaway: str, table: pd.DataFrame,
                 model: str, table_caption: str | None = None):
        if not CHART_NAME.match(name or ""):
            raise ValueError(f"chart name {name!r} must be lowercase letters, digits and hyphens")
        if not takeaway.strip():
            raise ValueError("every chart needs a one-sentence takeaway")
        if not model.strip():
            raise ValueError("a model chart must name the module that computed it")
        self.fig, self.name, self.takeaway, self.table = fig, name, takeaway.strip(), table
        self.table_caption, self.datasets, self.model = table_caption, {}, model
        self.phone_fig = None  # Chart.to_html reads it; model charts have one form for all screens

    def to_html(self) -> str:
        credit = (f'<span class="sd-chart__source">Model output, no data: computed by '
                  f'<code>{html.escape(self.model)}</code> (the table holds every number drawn).</span>')
        return _DOWNLOAD.sub("", _SOURCE.sub(credit, super().to_html()))
