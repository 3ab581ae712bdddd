"""The modelling chapter's data work: the models of sdbook.richardson fitted to the book's data.

Chapter: Modelling the spiral (docs/modelling/index.md). Each function takes tidy
frames as sdbook.load returns them and gives back numbers, tables or one-sentence
takeaways; the charts (sdbook/charts/modelling.py), the notebook and the chapter's
fact tests (tests/test_facts_modelling.py) all call these, so a number is computed once.
"""

from __future__ import annotations

import pandas as pd

from . import games, richardson
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
                       values="milex_thousand_gbp").astype(float) / 1000
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


NAVAL_RACE_YEARS = range(1898, 1914)


def naval_pair(milex: pd.DataFrame, years: range = NAVAL_RACE_YEARS) -> tuple[pd.Series, pd.Series]:
    """British and German total military spending (million £, Correlates of War) as two
    yearly series: the one series that puts both powers on one basis for every year of
    the naval race (the book's naval-only figures do not, see the naval chapter)."""
    wide = milex.pivot(index="year", columns="country", values="milex_thousand_gbp").astype(float) / 1000
    wide.index = wide.index.astype(int)
    wide = wide.loc[[y for y in years if y in wide.index]]
    return wide["United Kingdom"], wide["Germany"]


def naval_fit(milex: pd.DataFrame) -> richardson.PairFit:
    """Richardson's two equations fitted to the Anglo-German rivalry (x: Britain, y: Germany)."""
    return richardson.fit_pair(*naval_pair(milex))


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


# --- The chapter's worked examples and the game -----------------------------------------

def examples_table(examples: dict[str, Params]) -> pd.DataFrame:
    """Parameters of the worked examples with their stability test and balance point."""
    rows = []
    for label, p in examples.items():
        eq = richardson.equilibrium(p)
        rows.append({"Example": label, **p._asdict(), "ab": round(p.a * p.b, 3), "kl": round(p.k * p.l, 3),
                     "Stable (ab > kl)": "yes" if richardson.is_stable(p) else "no",
                     "Balance X": round(eq[0], 1) if eq else None,
                     "Balance Y": round(eq[1], 1) if eq else None})
    return pd.DataFrame(rows)


def examples_takeaway(examples: dict[str, Params], start: tuple[float, float] = EXAMPLE_START) -> str:
    """One sentence contrasting the examples' fates from the same start."""
    parts = []
    for label, p in examples.items():
        end = richardson.simulate(p, *start, 25).iloc[-1]
        parts.append(f"{label.lower()} example (ab = {p.a * p.b:.2f}, kl = {p.k * p.l:.2f}) ends 25 years on "
                     f"at X = {end['x']:.0f}, Y = {end['y']:.0f}")
    return (f"From the same start (X = {start[0]:g}, Y = {start[1]:g}) and the same grievances, the "
            + " while the ".join(parts) + ": only the balance of brakes and reactions differs.")


def paths_table(examples: dict[str, Params], start: tuple[float, float] = EXAMPLE_START,
                years: int = 25) -> pd.DataFrame:
    """Both sides' arms at each whole year for each example."""
    columns = {}
    for label, p in examples.items():
        path = richardson.simulate(p, *start, years)
        yearly = path[(path["t"] * 20).round() % 20 == 0]
        columns[f"{label}: X"] = yearly["x"].round(1).to_numpy()
        columns[f"{label}: Y"] = yearly["y"].round(1).to_numpy()
    table = pd.DataFrame(columns)
    table.insert(0, "Year", range(years + 1))
    return table


MATCH = {"first": "tit-for-tat", "second": "tit-for-tat", "payoffs": games.PRISONERS_DILEMMA,
         "misperception": 0.05, "rounds": 60, "seed": 7}
TOURNAMENT_ROUNDS, TOURNAMENT_SEED = 100, 1984
TOURNAMENT_SETTINGS = {
    "Prisoner's Dilemma, no misreading": (games.PRISONERS_DILEMMA, 0.0),
    "Prisoner's Dilemma, 5 % misread": (games.PRISONERS_DILEMMA, 0.05),
    "Stag Hunt, 5 % misread": (games.STAG_HUNT, 0.05),
}


def example_match() -> pd.DataFrame:
    """The chapter's match: two tit-for-tat players, 5 % misreading, seed 7 (as the page starts)."""
    m = MATCH
    return games.play(m["first"], m["second"], m["payoffs"], m["misperception"], m["rounds"],
                      games.Mulberry32(m["seed"]))


def match_takeaway(match: pd.DataFrame) -> str:
    """One sentence on how the example match went."""
    s = games.match_summary(match)
    return (f"Two tit-for-tat players who both want restraint misread each other in "
            f"{s['misreadings']} of {s['rounds']} rounds; the first mutual arming comes in round "
            f"{s['first_mutual_arming']}, and {s['mutual_arming']} rounds of mutual arming follow in "
            f"{s['spirals']} spirals (the longest {s['longest_spiral']} rounds), against only "
            f"{s['mutual_restraint']} rounds of mutual restraint.")


def match_table(match: pd.DataFrame) -> pd.DataFrame:
    """The match round by round, in words."""
    word = {games.ARM: "arm", games.RESTRAIN: "restrain"}
    return pd.DataFrame({"Round": match["round"], "X did": match["move1"].map(word),
                         "Y saw": match["seen_by_2"].map(word), "Y did": match["move2"].map(word),
                         "X saw": match["seen_by_1"].map(word), "X's payoff": match["payoff1"],
                         "Y's payoff": match["payoff2"]})


def tournaments() -> dict[str, pd.DataFrame]:
    """The chapter's three round robins (every strategy, fixed seed)."""
    return {label: games.tournament(list(games.STRATEGIES), payoffs, noise, TOURNAMENT_ROUNDS,
                                    TOURNAMENT_SEED)
            for label, (payoffs, noise) in TOURNAMENT_SETTINGS.items()}


def tournament_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Scores and mutual-arming shares per strategy in each setting."""
    columns = {}
    for label, table in tables.items():
        rows = table.set_index("name")
        columns[f"{label}: score"] = rows["score"].round(2)
        columns[f"{label}: rounds both armed"] = (rows["mutual_arming_share"] * 100).round(0)
    out = pd.DataFrame(columns)
    out.index.name = "Strategy"
    return out.reset_index()


def tournament_takeaway(tables: dict[str, pd.DataFrame]) -> str:
    """Who wins each round robin."""
    parts = []
    for label, t in tables.items():
        best = t[t["score"] > t["score"].iloc[0] - 1e-9]["name"].str.lower().tolist()
        parts.append(f"{label}: {' and '.join(best)} ({t['score'].iloc[0]:.2f} per round"
                     + (", tied" if len(best) > 1 else "") + ")")
    return "The winner changes with the game and the noise. " + "; ".join(parts) + "."
