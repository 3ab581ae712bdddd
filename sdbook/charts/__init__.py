"""One ``fig_<name>()`` per chart in the book, one module per chapter.

Each function takes tidy data (as loaded by :func:`sdbook.load`) and returns a
Plotly Figure; notebooks and tests call the same functions, so a chart is
defined once. Chapter modules re-export here, so ``charts.fig_fleet_race`` works.
"""

from .ideas import fig_ideas_timeline
from .naval import (FLEET_YEARS, fig_fleet_race, fig_naval_sequence, fig_naval_spending,
                    fig_naval_timeline)
from .rivalries import fig_rivalry_before_1949, fig_rivalry_burden, fig_rivalry_spending

__all__ = ["FLEET_YEARS", "fig_fleet_race", "fig_ideas_timeline", "fig_naval_sequence",
           "fig_naval_spending", "fig_naval_timeline", "fig_rivalry_before_1949",
           "fig_rivalry_burden", "fig_rivalry_spending"]
