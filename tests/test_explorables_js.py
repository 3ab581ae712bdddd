"""One model, not two: the page's explorables compute what the Python models compute.

The explorables recompute Richardson's equations and the misperception game in the
reader's browser, with the model modules docs/assets/javascripts/src/explorables/*-model.js
(ES modules, bundled into the page's script). Here the same parameters go through the
Python functions and, in Node, through those modules; the numbers must agree.
Chapter: modelling the spiral.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from sdbook import games, modelling, richardson, style

NODE = shutil.which("node")
JS = ROOT / "docs" / "assets" / "javascripts" / "src" / "explorables"
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed to run the page's scripts")


def run_js(script: str, code: str):
    """Run ``code`` in Node with the model module's exports as ``m``; return what it prints as JSON."""
    program = f"const m = await import({json.dumps((JS / script).as_uri())});\n" \
              f"process.stdout.write(JSON.stringify((() => {{ {code} }})()));"
    result = subprocess.run([NODE, "--input-type=module", "-e", program], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


PARAMS = [
    modelling.STABLE_EXAMPLE,
    modelling.RUNAWAY_EXAMPLE,
    richardson.Params(k=0.2, l=0.9, a=0.35, b=0.6, g=-5, h=12),
    richardson.Params(k=0.0, l=0.5, a=0.1, b=0.0, g=3, h=-2),
]


@pytest.mark.parametrize("p", PARAMS, ids=lambda p: f"k{p.k}-l{p.l}-a{p.a}-b{p.b}")
def test_richardson_paths_equilibrium_and_regime_agree(p):
    start, years = (15.0, 40.0), 30.0
    js = run_js("richardson-model.js", f"""
        const p = {json.dumps(p._asdict())};
        const path = m.model.simulate(p, {start[0]}, {start[1]}, {years});
        return {{path, eq: m.model.equilibrium(p), stable: m.model.isStable(p),
                 regime: m.model.regime(p, {start[0]}, {start[1]}),
                 lines: m.model.nullclines(p, [0, 25, 50, 75, 100])}};""")
    py = richardson.simulate(p, *start, years)
    assert len(js["path"]["t"]) == len(py)
    for column in ("t", "x", "y"):
        assert js["path"][column] == pytest.approx(py[column].tolist(), rel=1e-12, abs=1e-9)
    eq = richardson.equilibrium(p)
    assert (js["eq"] is None) == (eq is None)
    if eq:
        assert js["eq"] == pytest.approx(list(eq), rel=1e-12)
    assert js["stable"] == richardson.is_stable(p)
    assert js["regime"] == richardson.regime(p, *start)
    lines = richardson.nullclines(p, [0, 25, 50, 75, 100])
    for key in ("x_nullcline", "y_nullcline"):
        expected = [None if v != v else v for v in lines[key]]  # NaN becomes null in JSON
        assert js["lines"][key] == pytest.approx(expected, rel=1e-12) if None not in expected \
            else js["lines"][key] == expected


def test_random_numbers_are_the_same_stream():
    js = run_js("spiral-game-model.js", """
        const rng = new m.model.Mulberry32(123456789);
        return Array.from({length: 1000}, () => rng.random());""")
    rng = games.Mulberry32(123456789)
    assert js == [rng.random() for _ in range(1000)]


@pytest.mark.parametrize("first, second, noise, seed", [
    ("tit-for-tat", "tit-for-tat", 0.05, 7),
    ("generous-tit-for-tat", "grim-trigger", 0.1, 42),
    ("always-arm", "generous-tit-for-tat", 0.2, 99),
    ("grim-trigger", "always-restrain", 0.0, 1),
])
def test_matches_agree_move_for_move(first, second, noise, seed):
    js = run_js("spiral-game-model.js", f"""
        const rows = m.model.play("{first}", "{second}", m.model.PRESETS["prisoners-dilemma"],
                                  {noise}, 80, new m.model.Mulberry32({seed}));
        return {{rows, summary: m.model.matchSummary(rows)}};""")
    py = games.play(first, second, games.PRISONERS_DILEMMA, noise, 80, games.Mulberry32(seed))
    assert js["rows"] == py.to_dict("records")
    assert js["summary"] == games.match_summary(py)


@pytest.mark.parametrize("preset, noise, seed", [("prisoners-dilemma", 0.05, 1984),
                                                 ("stag-hunt", 0.1, 3)])
def test_tournaments_agree(preset, noise, seed):
    strategies = list(games.STRATEGIES)
    js = run_js("spiral-game-model.js", f"""
        return m.model.tournament({json.dumps(strategies)}, m.model.PRESETS["{preset}"],
                                  {noise}, 60, {seed}, 5);""")
    py = games.tournament(strategies, games.PRESETS[preset], noise, 60, seed, 5)
    assert [r["strategy"] for r in js] == py["strategy"].tolist()
    assert [r["score"] for r in js] == pytest.approx(py["score"].tolist(), rel=1e-12)
    assert [r["mutual_arming_share"] for r in js] == pytest.approx(py["mutual_arming_share"].tolist(), rel=1e-12)


def test_presets_generosity_and_game_kinds_agree():
    js = run_js("spiral-game-model.js", """
        return {presets: m.model.PRESETS, generosity: m.model.GENEROSITY,
                kinds: [[5,3,1,0],[3,5,1,0],[5,3,0,1],[3,5,1,2],[5,1,3,0],[2,2,2,2]].map(
                    v => m.model.kind({T: v[0], R: v[1], P: v[2], S: v[3]})),
                strategies: m.model.STRATEGIES};""")
    assert js["presets"] == {k: v._asdict() for k, v in games.PRESETS.items()}
    assert js["generosity"] == games.GENEROSITY
    kinds = [games.Payoffs(*v).kind() for v in ([5, 3, 1, 0], [3, 5, 1, 0], [5, 3, 0, 1],
                                                [3, 5, 1, 2], [5, 1, 3, 0], [2, 2, 2, 2])]
    assert js["kinds"] == kinds
    assert [s[0] for s in js["strategies"]] == list(games.STRATEGIES)


@pytest.mark.parametrize("script", ["richardson-model.js", "spiral-game-model.js"])
def test_page_colours_are_the_book_palette(script):
    colours = run_js(script, "return m.COLOURS;")
    assert colours == {"x": style.country_colour("State X"), "y": style.country_colour("State Y"),
                       "neutral": style.NEUTRAL_COLOUR}


def test_richardson_page_starts_at_the_chapter_example():
    start = run_js("richardson-model.js", "return m.START;")
    assert {k: start[k] for k in "klabgh"} == modelling.STABLE_EXAMPLE._asdict()
    assert (start["x0"], start["y0"]) == modelling.EXAMPLE_START
