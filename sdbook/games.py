"""The spiral under uncertainty: a repeated arm-or-restrain game played through noise.

Chapter: Modelling the spiral (docs/modelling/index.md). Each round two states choose
to *restrain* or to *arm*; each then sees the other's move, but through noise: with
probability ``misperception`` it sees the opposite of what was done. Strategies answer
what they *saw*, so a single misreading can start a spiral that neither side chose.

Sources: the payoff orderings of the Prisoner's Dilemma and the Stag Hunt as used for
the security dilemma by Jervis, "Cooperation under the Security Dilemma" (1978);
strategies and the round-robin tournament after Axelrod, *The Evolution of
Cooperation* (1984), whose payoffs (5, 3, 1, 0) are the Prisoner's Dilemma preset;
generous tit-for-tat after Nowak & Sigmund (1992), who showed it outlasts
tit-for-tat when moves go astray; misperception as noise after Jervis (1976) and
Downs, Rocke & Siverson (1985).

Randomness comes from mulberry32, a 32-bit generator simple enough to write
identically in the page's JavaScript (docs/assets/javascripts/src/explorables/spiral-game-model.js):
the same seed gives the same match, bit for bit, in the notebook and in the page, and
tests/test_explorables_js.py checks that it does.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

RESTRAIN, ARM = "R", "A"
MASK = 0xFFFFFFFF


class Payoffs(NamedTuple):
    """One state's payoff per round, by (its move, the other's move).

    T: it arms while the other restrains (temptation); R: both restrain (reward);
    P: both arm (punishment, the arms race); S: it restrains while the other arms (sucker).
    """

    T: float
    R: float
    P: float
    S: float

    def kind(self) -> str:
        """Which classic game these numbers make (a key of GAME_NAMES)."""
        T, R, P, S = self
        if T > R > P > S:
            return "prisoners-dilemma"
        if R > T >= P > S:
            return "stag-hunt"
        if T > R > S > P:
            return "chicken"
        if R > T and R > P and S >= P:
            return "harmony"
        if T > P > R:
            return "deadlock"
        return "other"


GAME_NAMES = {
    "prisoners-dilemma": "Prisoner's Dilemma",
    "stag-hunt": "Stag Hunt",
    "chicken": "Chicken",
    "harmony": "Harmony",
    "deadlock": "Deadlock",
    "other": "another game",
}

# Axelrod's tournament payoffs (1984), and a Stag Hunt with the same reward for mutual
# restraint but no temptation to exploit: arming first pays less than trust returned.
PRISONERS_DILEMMA = Payoffs(T=5, R=3, P=1, S=0)
STAG_HUNT = Payoffs(T=3, R=5, P=1, S=0)
PRESETS = {"prisoners-dilemma": PRISONERS_DILEMMA, "stag-hunt": STAG_HUNT}

# Nowak & Sigmund's generosity for Axelrod's payoffs: min(1 − (T−R)/(R−S), (R−P)/(T−P)) = 1/3.
GENEROSITY = 1 / 3

STRATEGIES = {
    "tit-for-tat": "Tit-for-tat",
    "generous-tit-for-tat": "Generous tit-for-tat",
    "grim-trigger": "Grim trigger",
    "always-arm": "Always arm",
    "always-restrain": "Always restrain",
}


class Mulberry32:
    """Tommy Ettinger's mulberry32 generator: floats in [0, 1) from a 32-bit seed."""

    def __init__(self, seed: int):
        self.state = int(seed) & MASK

    def random(self) -> float:
        self.state = (self.state + 0x6D2B79F5) & MASK
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t = ((t + _imul(t ^ (t >> 7), t | 61)) & MASK) ^ t
        return ((t ^ (t >> 14)) & MASK) / 4294967296


def _imul(a: int, b: int) -> int:
    """JavaScript's Math.imul on unsigned 32-bit patterns: the low 32 bits of a × b."""
    return (a * b) & MASK


def choose(strategy: str, seen: list[str], rng: Mulberry32, generosity: float = GENEROSITY) -> str:
    """A strategy's next move, given the other side's moves *as this side saw them*.

    Generous tit-for-tat draws one random number only when it saw the other arm, so
    the sequence of draws (and the match) is fixed by the seed.
    """
    if strategy == "always-arm":
        return ARM
    if strategy == "always-restrain":
        return RESTRAIN
    if strategy == "grim-trigger":
        return ARM if ARM in seen else RESTRAIN
    if strategy == "tit-for-tat":
        return seen[-1] if seen else RESTRAIN
    if strategy == "generous-tit-for-tat":
        if not seen or seen[-1] == RESTRAIN:
            return RESTRAIN
        return RESTRAIN if rng.random() < generosity else ARM
    raise ValueError(f"unknown strategy {strategy!r} (known: {', '.join(STRATEGIES)})")


def payoff(payoffs: Payoffs, mine: str, theirs: str) -> float:
    """One side's payoff for one round."""
    if mine == RESTRAIN:
        return payoffs.R if theirs == RESTRAIN else payoffs.S
    return payoffs.T if theirs == RESTRAIN else payoffs.P


def play(first: str, second: str, payoffs: Payoffs, misperception: float, rounds: int,
         rng: Mulberry32, generosity: float = GENEROSITY) -> pd.DataFrame:
    """One match. Each round: both choose (first side's draw first), then each sees the other's move.

    Returns one row per round: moves, what each side saw of the other, payoffs.
    """
    if not 0 <= misperception <= 1:
        raise ValueError(f"misperception must be a probability in [0, 1], got {misperception}")
    if rounds < 1:
        raise ValueError(f"a match needs at least one round, got {rounds}")
    seen_by_first: list[str] = []
    seen_by_second: list[str] = []
    rows = []
    for number in range(1, rounds + 1):
        move1 = choose(first, seen_by_first, rng, generosity)
        move2 = choose(second, seen_by_second, rng, generosity)
        saw2 = _flip(move2) if rng.random() < misperception else move2  # first side's view
        saw1 = _flip(move1) if rng.random() < misperception else move1  # second side's view
        seen_by_first.append(saw2)
        seen_by_second.append(saw1)
        rows.append({"round": number, "move1": move1, "move2": move2,
                     "seen_by_1": saw2, "seen_by_2": saw1,
                     "payoff1": payoff(payoffs, move1, move2),
                     "payoff2": payoff(payoffs, move2, move1)})
    return pd.DataFrame(rows)


def _flip(move: str) -> str:
    return ARM if move == RESTRAIN else RESTRAIN


def match_summary(match: pd.DataFrame) -> dict:
    """How a match went: mutual restraint, spirals (runs of mutual arming), misreadings."""
    both_arm = (match["move1"] == ARM) & (match["move2"] == ARM)
    both_restrain = (match["move1"] == RESTRAIN) & (match["move2"] == RESTRAIN)
    misread = (match["seen_by_1"] != match["move2"]) | (match["seen_by_2"] != match["move1"])
    runs, current = [], 0
    for flag in both_arm:
        if flag:
            current += 1
        elif current:
            runs.append(current)
            current = 0
    ended_in_spiral = bool(current)
    if current:
        runs.append(current)
    first = match.loc[both_arm, "round"]
    return {
        "rounds": len(match),
        "mutual_restraint": int(both_restrain.sum()),
        "mutual_arming": int(both_arm.sum()),
        "one_sided": int(len(match) - both_arm.sum() - both_restrain.sum()),
        "misreadings": int(misread.sum()),
        "spirals": len(runs),
        "longest_spiral": max(runs, default=0),
        "first_mutual_arming": int(first.iloc[0]) if len(first) else None,
        "ended_in_spiral": ended_in_spiral,
        "score1": float(match["payoff1"].mean()),
        "score2": float(match["payoff2"].mean()),
    }


def tournament(strategies: list[str], payoffs: Payoffs, misperception: float, rounds: int,
               seed: int, repetitions: int = 5, generosity: float = GENEROSITY) -> pd.DataFrame:
    """A round robin in the spirit of Axelrod's: every pair meets, each strategy meets itself.

    Matches are played in a fixed order from one generator seeded with ``seed``, so the
    same seed reproduces the table exactly. Returns one row per strategy, best first:
    average payoff per round over all its matches, the share of rounds in which both
    sides armed, and its average against each opponent.
    """
    rng = Mulberry32(seed)
    totals = {s: {o: [] for o in strategies} for s in strategies}
    arming = {s: [] for s in strategies}
    for i, first in enumerate(strategies):
        for second in strategies[i:]:
            for _ in range(repetitions):
                match = play(first, second, payoffs, misperception, rounds, rng, generosity)
                both = float(((match["move1"] == ARM) & (match["move2"] == ARM)).mean())
                totals[first][second].append(float(match["payoff1"].mean()))
                arming[first].append(both)
                if second != first:
                    totals[second][first].append(float(match["payoff2"].mean()))
                    arming[second].append(both)
    rows = []
    for s in strategies:
        against = {o: sum(v) / len(v) for o, v in totals[s].items()}
        rows.append({"strategy": s, "name": STRATEGIES[s],
                     "score": sum(against.values()) / len(against),
                     "mutual_arming_share": sum(arming[s]) / len(arming[s]),
                     **{f"vs {o}": v for o, v in against.items()}})
    table = pd.DataFrame(rows).sort_values(["score", "strategy"], ascending=[False, True])
    return table.reset_index(drop=True)
