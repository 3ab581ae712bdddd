"""The modelling chapter's data work: the models of sdbook.richardson fitted to the book's data.

Chapter: Modelling the spiral (docs/modelling/index.md). Each function takes tidy
frames as sdbook.load returns them and gives back numbers, tables or one-sentence
takeaways; the charts (sdbook/charts/modelling.py), the notebook and the chapter's
fact tests (tests/test_facts_modelling.py) all call these, so a number is computed once.
"""

from __future__ import annotations

import pandas as pd

from . import richardson
from .richardson import Params

ENTENTE, CENTRAL = "France and Russia", "Germany and Austria-Hungary"
BLOCS = {ENTENTE: ("France", "Russia"), CENTRAL: ("Germany", "Austria-Hungary")}
RICHARDSON_YEARS = range(1909, 1914)  # the five budgets Richardson set against each other
LONG_YEARS = range(1900, 1914)
US, USSR = "United States", "Soviet Union / Russia"
# From the first Soviet test (August 1949) to the end of the Soviet Union (December 1991).
COLD_WAR_YEARS = range(1949, 1992)

# Two worked examples for the chapter (illustrative numbers, not fitted to any data):
# the same grievances and reactions, with brakes strong enough or too weak.
STABLE_EXAMPLE = Params(k=0.3, l=0.4, a=0.5, b=0.5, g=10, h=10)
RUNAWAY_EXAMPLE = Params(k=0.6, l=0.5, a=0.4, b=0.3, g=10, h=10)
EXAMPLE_START = (10.0, 20.0)


def bloc_spending(milex: pd.DataFrame, years: range = LONG_YEARS) -> pd.DataFrame:
    """Military spending of the two continental blocs and their sum, million £ per year."""
    wide = milex.pivot(index="year", columns="country",
                       values="military_expenditure_thousand_gbp").astype(float) / 1000
    frame = pd.DataFrame({bloc: wide[list(members)].sum(axis=1, min_count=len(members))
                          for bloc, members in BLOCS.items()})
    frame["Both blocs"] = frame[ENTENTE] + frame[CENTRAL]
    frame.index = frame.index.astype(int)
    return frame.loc[[y for y in years if y in frame.index]]


def richardson_test(milex: pd.DataFrame, years: range = RICHARDSON_YEARS) -> richardson.LineFit:
    """Richardson's test on the blocs: yearly change of their combined spending against its level."""
    return richardson.fit_line(bloc_spending(milex, years)["Both blocs"])


def richardson_test_table(milex: pd.DataFrame) -> pd.DataFrame:
    """The test year by year: both blocs' spending, the change, the fitted change, the miss."""
    blocs = bloc_spending(milex, RICHARDSON_YEARS).round(1)
    fit = richardson_test(milex).table.set_index("year")
    table = blocs.join(fit[["change", "fitted", "residual"]].round(1))
    table.index.name = "Year"
    return table.reset_index().rename(columns={
        ENTENTE: f"{ENTENTE} (million £)", CENTRAL: f"{CENTRAL} (million £)",
        "Both blocs": "Both blocs (million £)", "change": "Change to next year",
        "fitted": "Fitted change", "residual": "Residual"})


def richardson_test_takeaway(milex: pd.DataFrame) -> str:
    """One sentence on the 1909–1913 fit and on how it fares over 1900–1913."""
    fit = richardson_test(milex)
    long = richardson.fit_line(bloc_spending(milex, LONG_YEARS)["Both blocs"])
    return (f"From 1909 to 1913 each year's increase in the two blocs' combined military spending "
            f"is almost exactly {fit.slope:.2f} × (combined spending − £{fit.zero_growth_level:.0f} "
            f"million) (R² = {fit.r_squared:.3f}), Richardson's straight line; over 1900–1913 "
            f"the same test explains only {long.r_squared:.0%} of the yearly changes.")


def naval_pair(expenditure: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """British and German naval spending (million £) as two yearly series."""
    wide = expenditure.pivot(index="year", columns="country", values="expenditure_million_gbp")
    wide.index = wide.index.astype(int)
    return wide["United Kingdom"].astype(float), wide["Germany"].astype(float)


def naval_fit(expenditure: pd.DataFrame) -> richardson.PairFit:
    """Richardson's two equations fitted to the naval race (x: Britain, y: Germany)."""
    return richardson.fit_pair(*naval_pair(expenditure))


def warhead_pair(warheads: pd.DataFrame, years: range = COLD_WAR_YEARS) -> tuple[pd.Series, pd.Series]:
    """US and Soviet/Russian warhead stockpiles as two yearly series over ``years``."""
    wide = warheads.pivot(index="year", columns="country", values="warheads").astype(float)
    wide.index = wide.index.astype(int)
    wide = wide.loc[[y for y in years if y in wide.index]]
    return wide[US], wide[USSR]


def warhead_fit(warheads: pd.DataFrame, years: range = COLD_WAR_YEARS) -> richardson.PairFit:
    """Richardson's two equations fitted to the stockpiles (x: United States, y: USSR/Russia)."""
    return richardson.fit_pair(*warhead_pair(warheads, years))


def fit_path(fit: richardson.PairFit, x: pd.Series, y: pd.Series) -> pd.DataFrame:
    """The fitted model run forward from the first observed year: what it says should have happened."""
    first = int(fit.table["year"].min())
    last = int(fit.table["year"].max()) + 1
    path = richardson.simulate(fit.params, x[first], y[first], last - first, dt=0.05)
    yearly = path[(path["t"] * 20).round() % 20 == 0].copy()
    yearly["year"] = (first + yearly["t"].round()).astype(int)
    return yearly.set_index("year")[["x", "y"]]


def fit_table(fit: richardson.PairFit, names: tuple[str, str], unit: str) -> pd.DataFrame:
    """Observed and fitted yearly changes for both sides, and the misses."""
    t = fit.table
    return pd.DataFrame({
        "Year (change to next year)": t["year"],
        f"{names[0]}: change ({unit})": t["dx"].round(1),
        f"{names[0]}: fitted": t["dx_fitted"].round(1),
        f"{names[0]}: residual": t["dx_residual"].round(1),
        f"{names[1]}: change ({unit})": t["dy"].round(1),
        f"{names[1]}: fitted": t["dy_fitted"].round(1),
        f"{names[1]}: residual": t["dy_residual"].round(1),
    })


def fit_takeaway(fit: richardson.PairFit, names: tuple[str, str], what: str) -> str:
    """One sentence on a two-equation fit: reaction coefficients, fit, and the stability verdict."""
    p = fit.params
    verdict = "stable (ab > kl)" if fit.stable else "not stable (ab ≤ kl)"
    return (f"Fitted to {len(fit.table)} yearly changes in {what}, the reaction of {names[0]} to "
            f"{names[1]} comes out at k = {p.k:.3f} and that of {names[1]} to {names[0]} at "
            f"l = {p.l:.3f}; the equations explain {fit.r_squared[0]:.0%} and "
            f"{fit.r_squared[1]:.0%} of the yearly changes, and the fitted system is {verdict}.")
