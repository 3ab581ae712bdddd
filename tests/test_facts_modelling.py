"""Every number the modelling chapter quotes, recomputed from data/ and the models.

If a dataset is corrected or a model changes, these tests fail until the prose is
brought into line. Chapter: modelling the spiral (docs/modelling/index.md).
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from sdbook import data, games, modelling, richardson

CHAPTER = (ROOT / "docs" / "modelling" / "index.md").read_text(encoding="utf-8")


def quoted(text: str) -> None:
    assert text in CHAPTER, f"the chapter no longer says: {text!r}"


@pytest.fixture(scope="module")
def milex():
    return data.load("military_expenditure")


@pytest.fixture(scope="module")
def warheads():
    return data.load("nuclear_warheads")


@pytest.fixture(scope="module")
def naval():
    return data.load("military_expenditure")


def test_worked_examples():
    s, r = modelling.STABLE_EXAMPLE, modelling.RUNAWAY_EXAMPLE
    quoted(f"(g = h = {s.g:g}) and their starting point (X = {modelling.EXAMPLE_START[0]:g}, "
           f"Y = {modelling.EXAMPLE_START[1]:g})")
    quoted(f"k = {s.k:g}, l = {s.l:g} and a = b = {s.a:g}, so ab = {s.a * s.b:.2f} is larger than "
           f"kl = {s.k * s.l:.2f}")
    x, y = richardson.equilibrium(s)
    quoted(f"settle at X = {x:.1f}, Y = {y:.1f}")
    quoted(f"(k = {r.k:g}, l = {r.l:g}, a = {r.a:g}, b = {r.b:g}): now ab = {r.a * r.b:.2f} is smaller "
           f"than kl = {r.k * r.l:.2f}")
    assert min(richardson.equilibrium(r)) < 0  # "the nullclines cross at a point with negative arms"
    assert richardson.regime(r, *modelling.EXAMPLE_START) == "runaway"


def test_exercise_1_smallest_brake():
    s = modelling.STABLE_EXAMPLE
    b = s.k * s.l / s.a
    quoted(f"0.5·b > 0.3 × 0.4 = {s.k * s.l:.2f}, so b > {b:.2f}")
    assert richardson.is_stable(s._replace(b=b + 0.01)) and not richardson.is_stable(s._replace(b=b))


def test_exercise_2_doubled_grievances():
    p = modelling.STABLE_EXAMPLE._replace(g=20, h=20)
    x, y = richardson.equilibrium(p)
    quoted(f"to X = {x:.1f} and Y = {y:.1f}")
    assert x > 100 and y > 100  # "beyond the drawn square"
    assert richardson.is_stable(p)


def test_bloc_totals(milex):
    blocs = modelling.bloc_spending(milex)["Both blocs"]
    quoted(f"spent £{blocs[1909]:.1f} million in 1909 and £{blocs[1913]:.1f} million in 1913")


def test_richardson_test_numbers(milex):
    fit = modelling.richardson_test(milex)
    quoted(f"change = {fit.slope:.2f} × (combined spending − {fit.zero_growth_level:.0f})")
    quoted(f"R² = {fit.r_squared:.3f})")
    quoted(f"would have stood still, £{fit.zero_growth_level:.0f} million")
    quoted(f"slope {fit.slope:.2f} and crosses zero at £{fit.zero_growth_level:.0f} million")
    quoted(f"(slope {fit.slope:.2f}, R² {fit.r_squared:.3f})")
    quoted(f"Compare his slope and zero-growth level with the {fit.slope:.2f} and £{fit.zero_growth_level:.0f} million")
    quoted(f"slope k − a of about {fit.slope:.2f}")
    assert len(fit.table) == 4
    quoted("The four yearly changes from 1909 to 1913")


def test_richardson_line_fails_before_1905(milex):
    fit = modelling.richardson_test(milex)
    early = richardson.fit_line(modelling.bloc_spending(milex)["Both blocs"]).table
    early = early[early["year"] <= 1903]
    predicted = fit.slope * early["level"] + fit.intercept
    assert (early["level"] < fit.zero_growth_level).all()
    quoted(f"should have *fallen* by £{-predicted.max():.0f} to £{-predicted.min():.0f} million a year")
    quoted(f"in fact it rose by £{early['change'].min():.0f} million to £{early['change'].max():.0f} million a year")
    quoted(f"rose by a few million pounds a year")


def test_richardson_test_over_the_long_run(milex):
    long = richardson.fit_line(modelling.bloc_spending(milex)["Both blocs"])
    quoted(f"explains only {long.r_squared:.0%}".replace("%", " %") + " of the variation")
    from_1907 = richardson.fit_line(modelling.bloc_spending(milex, range(1907, 1914))["Both blocs"])
    assert from_1907.r_squared > 0.95  # "fits a runaway line only from about 1907"
    quoted("only from about 1907")


def test_warhead_fit(warheads):
    fit = modelling.warhead_fit(warheads)
    quoted(f"give {len(fit.table)} yearly changes from the first Soviet test in 1949")
    quoted(f"explain {fit.r_squared[0]:.0%} of the yearly changes in the American stockpile and "
           f"{fit.r_squared[1]:.0%} of those in the Soviet one".replace("%", " %"))
    quoted(f"(l = {fit.params.l:.3f}: a larger American stockpile")
    quoted(f"negative (k = {fit.params.k:.3f})".replace("-", "−"))
    assert fit.params.l > 0 > fit.params.k
    assert fit.stable
    x, y = richardson.equilibrium(fit.params)
    quoted(f"about {round(x, -2):,.0f} American and {round(y, -3):,.0f} Soviet warheads")
    quoted(f"United States k = {fit.params.k:.3f}".replace("-", "−"))
    quoted(f"explain {fit.r_squared[0]:.0%} of the yearly changes".replace("%", " %"))


def test_quiz_numeric_answers(warheads):
    x, _ = richardson.equilibrium(modelling.STABLE_EXAMPLE)
    quoted(f"= {x:.1f} ± 0.1")
    fit = modelling.warhead_fit(warheads)
    quoted(f"= {fit.r_squared[0] * 100:.0f} ± 1")
    quoted(f"R² = {fit.r_squared[0]:.2f} for the American equation ({fit.r_squared[1]:.2f} for the Soviet one)")
    quoted(f"~ {fit.r_squared[1] * 100:.0f}\n")
    match = games.play("tit-for-tat", "tit-for-tat", games.PRISONERS_DILEMMA, 0.0, 60, games.Mulberry32(1))
    assert games.match_summary(match)["mutual_arming"] == 0
    quoted("will a 60-round match contain?\n= 0")


def test_stockpile_fact_check(warheads):
    wide = warheads.pivot(index="year", columns="country", values="warheads")
    us, ussr = wide[modelling.US].dropna(), wide[modelling.USSR].dropna()
    us_peak, ussr_peak = int(us.idxmax()), int(ussr.idxmax())
    quoted(f"The American stockpile peaked in {us_peak} at {int(us.max()):,} warheads and had fallen to "
           f"{int(us[ussr_peak]):,} by {ussr_peak}, the year the Soviet stockpile peaked at {int(ussr.max()):,}; "
           f"in {us_peak} the Soviet Union had {int(ussr[us_peak]):,}")


def test_naval_fit(naval):
    fit = modelling.naval_fit(naval)
    p = fit.params
    raw = naval.pivot(index="year", columns="country", values="milex_thousand_gbp") / 1000
    uk, de = raw["United Kingdom"], raw["Germany"]
    assert len(fit.table) == 15 and fit.degrees_of_freedom == 12
    quoted("sixteen years and fifteen yearly changes, enough to leave 12 degrees of freedom")
    quoted(f"The equations explain {fit.r_squared[0]:.0%} of the yearly changes in British spending and "
           f"{fit.r_squared[1]:.0%} of those in German spending".replace("%", " %"))
    quoted(f"(k = {p.k:.3f})".replace("-", "−"))
    quoted(f"(l = {p.l:.3f})")
    quoted(f"(b = {p.b:.3f})".replace("-", "−"))
    assert p.k < 0 and p.b < 0 and not fit.stable
    quoted(f"from £{uk[1898]:.0f} million in 1898 to £{uk[1900]:.0f} million in 1900 before it fell back "
           f"to £{uk[1904]:.0f} million by 1904")
    jump = fit.table.set_index("year").loc[1912]
    quoted(f"German spending jumped by £{de[1913] - de[1912]:.0f} million")
    assert round(jump["dy"]) == round(de[1913] - de[1912]) and 0.4 < jump["dy_fitted"] / jump["dy"] < 0.6


def test_example_match():
    s = games.match_summary(modelling.example_match())
    m = modelling.MATCH
    quoted(f"with a {m['misperception']:.0%} chance of misreading each move, seed {m['seed']}".replace("%", " %"))
    quoted(f"misread each other in {s['misreadings']} of {s['rounds']} rounds")
    quoted(f"The first mutual arming comes in round {s['first_mutual_arming']}; it is followed by "
           f"{s['mutual_arming']} rounds of mutual arming in {s['spirals']} spirals, the longest lasting "
           f"{s['longest_spiral']} rounds, against only {s['mutual_restraint']} rounds of mutual restraint")
    quoted(f"the two tit-for-tat players spend {s['mutual_arming']} rounds in mutual arming")


def test_tournaments():
    tables = modelling.tournaments()
    pd_clean = tables["Prisoner's Dilemma, no misreading"]
    top = pd_clean[pd_clean["score"] > pd_clean["score"].iloc[0] - 1e-9]["name"].str.lower().tolist()
    quoted(f"({' and '.join(top)}, {pd_clean['score'].iloc[0]:.2f} per round)")
    noisy = tables["Prisoner's Dilemma, 5 % misread"]
    quoted(f"{noisy['name'].iloc[0].lower()} comes first ({noisy['score'].iloc[0]:.2f} per round)")
    stag = tables["Stag Hunt, 5 % misread"]
    quoted(f"{stag['name'].iloc[0].lower()} wins ({stag['score'].iloc[0]:.2f} per round), "
           f"{stag['name'].iloc[1].lower()} comes second, and {stag['name'].iloc[-1].lower()} comes last")


def test_payoff_presets_quoted():
    T, R, P, S = games.PRISONERS_DILEMMA
    quoted(f"T = {T}, R = {R}, P = {P}, S = {S}, the game is a **Prisoner's Dilemma**")
    quoted(f"({T} > {R} and {P} > {S})")
    T, R, P, S = games.STAG_HUNT
    quoted(f"The explorable's Stag Hunt preset uses T = {T}, R = {R}, P = {P}, S = {S}")
    assert games.GENEROSITY == pytest.approx(1 / 3)
    quoted("restrains anyway one time in three")
