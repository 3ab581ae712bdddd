"""One ``fig_<name>()`` per chart in the book, one module per chapter.

Each function takes tidy data (as loaded by :func:`sdbook.load`) and returns a
Plotly Figure; notebooks and tests call the same functions, so a chart is
defined once. Chapter modules re-export here, so ``charts.fig_fleet_race`` works.
"""

from .naval import (FLEET_YEARS, fig_fleet_race, fig_naval_sequence, fig_naval_spending,
                    fig_naval_timeline)
from .scs import fig_scs_burden, fig_scs_reclamation, fig_scs_spending, fig_scs_timeline
from .today import fig_md_budget, fig_md_timeline, fig_md_totals, fig_new_start, fig_sequence

__all__ = ["FLEET_YEARS", "fig_fleet_race", "fig_naval_sequence", "fig_naval_spending",
           "fig_naval_timeline",
           "fig_md_budget", "fig_md_timeline", "fig_md_totals", "fig_new_start", "fig_sequence",
           "fig_scs_burden", "fig_scs_reclamation", "fig_scs_spending", "fig_scs_timeline"]
