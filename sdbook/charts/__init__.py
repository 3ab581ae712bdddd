"""One ``fig_<name>()`` per chart in the book, one module per chapter.

Each function takes tidy data (as loaded by :func:`sdbook.load`) and returns a
Plotly Figure; notebooks and tests call the same functions, so a chart is
defined once. Chapter modules re-export here, so ``charts.fig_fleet_race`` works.
"""

from .naval import (FLEET_YEARS, fig_fleet_race, fig_naval_sequence, fig_naval_spending,
                    fig_naval_timeline)
from .modelling import (  # noqa: F401 (chapter: modelling)
    fig_bloc_spending, fig_pair_fit, fig_richardson_paths, fig_richardson_phase,
    fig_richardson_test, fig_spiral_match, fig_tournament)

__all__ = ["FLEET_YEARS", "fig_fleet_race", "fig_naval_sequence", "fig_naval_spending",
           "fig_naval_timeline"]
