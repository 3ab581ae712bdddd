"""Richardson's arms-race equations: the model, its regimes, and fits to data.

Chapter: Modelling the spiral (docs/modelling/index.md). Source of the model:
Lewis F. Richardson, *Arms and Insecurity* (Pittsburgh: Boxwood Press, 1960), ch. II,
first published as *Generalized Foreign Politics* (1939). For two rivals with arms
levels x and y,

    dx/dt = k·y − a·x + g        dy/dt = l·x − b·y + h

k and l measure how strongly each side reacts to the other's arms ("defence" or
"reaction" coefficients), a and b the brake that the cost of its own arms puts on
each ("fatigue and expense"), g and h the standing grievances (negative: goodwill).

Everything here is a pure function of numbers: no data loading, no plotting. The
page's explorable (docs/assets/javascripts/src/explorables/richardson-model.js) computes the
same quantities in the browser; tests/test_explorables_js.py runs both on the same
parameters and compares the numbers, so the page and this module cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

# Fixed-step fourth-order Runge–Kutta: simple enough to write identically in the
# page's JavaScript, and far more accurate than the data these curves are set against.
DEFAULT_DT = 0.05


class Params(NamedTuple):
    """Coefficients of Richardson's two equations (per year; g and h in arms units per year)."""

    k: float
    l: float  # noqa: E741 - Richardson's own letter
    a: float
    b: float
    g: float
    h: float


def derivatives(x: float, y: float, p: Params) -> tuple[float, float]:
    """(dx/dt, dy/dt) at the point (x, y)."""
    return p.k * y - p.a * x + p.g, p.l * x - p.b * y + p.h


def determinant(p: Params) -> float:
    """ab − kl: positive means the brakes outweigh the mutual reactions (stable)."""
    return p.a * p.b - p.k * p.l


def is_stable(p: Params) -> bool:
    """Richardson's stability condition ab > kl (with a + b > 0).

    The system's matrix [[−a, k], [l, −b]] has trace −(a + b) and determinant ab − kl;
    both eigenvalues have negative real parts exactly when the trace is negative and
    the determinant positive.
    """
    return p.a + p.b > 0 and determinant(p) > 0


def equilibrium(p: Params) -> tuple[float, float] | None:
    """The point where both rates are zero, in closed form; None if the nullclines are parallel."""
    det = determinant(p)
    if det == 0:
        return None
    return (p.k * p.h + p.b * p.g) / det, (p.l * p.g + p.a * p.h) / det


def eigenvalues(p: Params) -> tuple[float, float]:
    """Real parts of the two eigenvalues (the matrix is real with k·l ≥ 0 in practice)."""
    trace, det = -(p.a + p.b), determinant(p)
    disc = trace * trace - 4 * det
    if disc >= 0:
        root = disc ** 0.5
        return (trace - root) / 2, (trace + root) / 2
    return trace / 2, trace / 2


def _rk4_step(x: float, y: float, p: Params, dt: float) -> tuple[float, float]:
    k1x, k1y = derivatives(x, y, p)
    k2x, k2y = derivatives(x + dt / 2 * k1x, y + dt / 2 * k1y, p)
    k3x, k3y = derivatives(x + dt / 2 * k2x, y + dt / 2 * k2y, p)
    k4x, k4y = derivatives(x + dt * k3x, y + dt * k3y, p)
    return (x + dt / 6 * (k1x + 2 * k2x + 2 * k3x + k4x),
            y + dt / 6 * (k1y + 2 * k2y + 2 * k3y + k4y))


def simulate(p: Params, x0: float, y0: float, years: float, dt: float = DEFAULT_DT) -> pd.DataFrame:
    """Arms levels over time from (x0, y0): columns t, x, y, one row per step of ``dt`` years."""
    if dt <= 0 or years <= 0:
        raise ValueError(f"years and dt must be positive (got years={years}, dt={dt})")
    steps = int(round(years / dt))
    ts, xs, ys = [0.0], [float(x0)], [float(y0)]
    x, y = float(x0), float(y0)
    for i in range(1, steps + 1):
        x, y = _rk4_step(x, y, p, dt)
        ts.append(i * dt)
        xs.append(x)
        ys.append(y)
    return pd.DataFrame({"t": ts, "x": xs, "y": ys})


def nullclines(p: Params, xs: np.ndarray) -> dict[str, np.ndarray]:
    """The two lines of no change, as y over ``xs``.

    dx/dt = 0 on y = (a·x − g)/k (where x stops changing); dy/dt = 0 on y = (l·x + h)/b.
    A side with k = 0 (or b = 0) has a vertical (or undefined) nullcline: NaN here.
    """
    xs = np.asarray(xs, dtype=float)
    x_line = (p.a * xs - p.g) / p.k if p.k else np.full_like(xs, np.nan)
    y_line = (p.l * xs + p.h) / p.b if p.b else np.full_like(xs, np.nan)
    return {"x_nullcline": x_line, "y_nullcline": y_line}


REGIMES = {
    "stable": "settles at a stable balance",
    "runaway": "runaway arms race",
    "collapse": "runaway towards disarmament",
    "knife-edge": "on the knife-edge between stability and a runaway",
}


def regime(p: Params, x0: float, y0: float, years: float = 200.0) -> str:
    """Which of the model's behaviours the path from (x0, y0) shows (a key of REGIMES).

    Stable systems settle whatever the start. Otherwise the start decides: above the
    dividing line both sides arm without limit, below it both run down together.
    """
    if is_stable(p):
        return "stable"
    if determinant(p) == 0:
        return "knife-edge"
    end = simulate(p, x0, y0, years, dt=0.1).iloc[-1]
    return "runaway" if end["x"] + end["y"] > 0 else "collapse"


# --- Fitting the model to yearly data ---------------------------------------------------


@dataclass(frozen=True)
class LineFit:
    """Richardson's own test: yearly change of the combined arms of two sides against their level.

    Adding the two equations with a = b and k = l gives d(x+y)/dt = (k − a)(x+y) + (g + h):
    a straight line whose slope is k − a and which crosses zero at ``zero_growth_level``.
    """

    slope: float
    intercept: float
    r_squared: float
    table: pd.DataFrame  # year, level (mid-year), change, fitted, residual

    @property
    def zero_growth_level(self) -> float:
        """Combined level at which the fitted line predicts no change (−intercept / slope)."""
        return -self.intercept / self.slope


@dataclass(frozen=True)
class PairFit:
    """Both of Richardson's equations fitted separately by least squares."""

    params: Params
    r_squared: tuple[float, float]
    table: pd.DataFrame  # year, x, y (mid-year), observed and fitted changes, residuals
    degrees_of_freedom: int

    @property
    def stable(self) -> bool:
        return is_stable(self.params)


def _consecutive(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Pairs of consecutive years where every column is known, as start/end rows."""
    frame = frame.sort_index()
    rows = []
    for year in frame.index:
        nxt = year + 1
        if nxt in frame.index and frame.loc[[year, nxt], columns].notna().all().all():
            rows.append({"year": int(year), **{f"{c}0": frame.loc[year, c] for c in columns},
                         **{f"{c}1": frame.loc[nxt, c] for c in columns}})
    return pd.DataFrame(rows)


def _r_squared(observed: np.ndarray, fitted: np.ndarray) -> float:
    total = float(((observed - observed.mean()) ** 2).sum())
    return 1 - float(((observed - fitted) ** 2).sum()) / total if total else float("nan")


def fit_line(levels: pd.Series) -> LineFit:
    """Fit change = slope × level + intercept to a yearly series (index: year).

    Each change from year t to t + 1 is set against the mean of the two years' levels,
    the discrete stand-in for "the rate of change at that level". Gaps are never
    bridged: a change is used only where both years are known.
    """
    pairs = _consecutive(levels.to_frame("v"), ["v"])
    if len(pairs) < 3:
        raise ValueError(f"need at least 3 yearly changes to fit a line, got {len(pairs)}")
    level = ((pairs["v0"] + pairs["v1"]) / 2).to_numpy(float)
    change = (pairs["v1"] - pairs["v0"]).to_numpy(float)
    slope, intercept = np.polyfit(level, change, 1)
    fitted = slope * level + intercept
    table = pd.DataFrame({"year": pairs["year"].astype(int), "level": level, "change": change,
                          "fitted": fitted, "residual": change - fitted})
    return LineFit(float(slope), float(intercept), _r_squared(change, fitted), table)


def fit_pair(x: pd.Series, y: pd.Series) -> PairFit:
    """Fit dx/dt = k·y − a·x + g and dy/dt = l·x − b·y + h to two yearly series.

    Ordinary least squares on yearly changes against mid-year levels, one equation at
    a time. Fails loudly when there are not more changes than the three coefficients.
    """
    frame = pd.DataFrame({"x": x, "y": y})
    pairs = _consecutive(frame, ["x", "y"])
    n = len(pairs)
    if n <= 3:
        raise ValueError(f"need more than 3 yearly changes with both sides known, got {n}")
    xm = ((pairs["x0"] + pairs["x1"]) / 2).to_numpy(float)
    ym = ((pairs["y0"] + pairs["y1"]) / 2).to_numpy(float)
    dx = (pairs["x1"] - pairs["x0"]).to_numpy(float)
    dy = (pairs["y1"] - pairs["y0"]).to_numpy(float)
    ones = np.ones(n)
    (k, minus_a, g), *_ = np.linalg.lstsq(np.column_stack([ym, xm, ones]), dx, rcond=None)
    (l_, minus_b, h), *_ = np.linalg.lstsq(np.column_stack([xm, ym, ones]), dy, rcond=None)
    params = Params(float(k), float(l_), float(-minus_a), float(-minus_b), float(g), float(h))
    fx = k * ym + minus_a * xm + g
    fy = l_ * xm + minus_b * ym + h
    table = pd.DataFrame({"year": pairs["year"].astype(int), "x": xm, "y": ym,
                          "dx": dx, "dx_fitted": fx, "dx_residual": dx - fx,
                          "dy": dy, "dy_fitted": fy, "dy_residual": dy - fy})
    return PairFit(params, (_r_squared(dx, fx), _r_squared(dy, fy)), table, n - 3)
