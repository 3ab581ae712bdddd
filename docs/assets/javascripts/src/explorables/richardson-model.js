/*
 * The model of the explorable "richardson" (Richardson's arms-race equations), without the page: the Python
 * side computes the same numbers and tests/test_explorables_js.py compares them in Node.
 */
var DEFAULT_DT = 0.05;

function derivatives(x, y, p) {
  return [p.k * y - p.a * x + p.g, p.l * x - p.b * y + p.h];
}

function determinant(p) { return p.a * p.b - p.k * p.l; }

function isStable(p) { return p.a + p.b > 0 && determinant(p) > 0; }

function equilibrium(p) {
  var det = determinant(p);
  if (det === 0) return null;
  return [(p.k * p.h + p.b * p.g) / det, (p.l * p.g + p.a * p.h) / det];
}

function rk4Step(x, y, p, dt) {
  var k1 = derivatives(x, y, p);
  var k2 = derivatives(x + dt / 2 * k1[0], y + dt / 2 * k1[1], p);
  var k3 = derivatives(x + dt / 2 * k2[0], y + dt / 2 * k2[1], p);
  var k4 = derivatives(x + dt * k3[0], y + dt * k3[1], p);
  return [x + dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
          y + dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])];
}

function simulate(p, x0, y0, years, dt) {
  dt = dt || DEFAULT_DT;
  var steps = Math.round(years / dt);
  var t = [0], xs = [x0], ys = [y0], x = x0, y = y0;
  for (var i = 1; i <= steps; i++) {
    var next = rk4Step(x, y, p, dt);
    x = next[0]; y = next[1];
    t.push(i * dt); xs.push(x); ys.push(y);
  }
  return { t: t, x: xs, y: ys };
}

function nullclines(p, xs) {
  return {
    x_nullcline: xs.map(function (x) { return p.k ? (p.a * x - p.g) / p.k : NaN; }),
    y_nullcline: xs.map(function (x) { return p.b ? (p.l * x + p.h) / p.b : NaN; })
  };
}

function regime(p, x0, y0) {
  if (isStable(p)) return "stable";
  if (determinant(p) === 0) return "knife-edge";
  var path = simulate(p, x0, y0, 200, 0.1);
  var last = path.x.length - 1;
  return path.x[last] + path.y[last] > 0 ? "runaway" : "collapse";
}

export var model = { derivatives: derivatives, determinant: determinant, isStable: isStable,
              equilibrium: equilibrium, simulate: simulate, nullclines: nullclines, regime: regime };

// The same two colours as sdbook.style ("State X", "State Y") and its neutral grey.
export var COLOURS = { x: "#2e86ab", y: "#c06a00", neutral: "#7a7f8a" };
// The page's phase plane (0 to PHASE_MAX on both axes) and years of each path.
export var PHASE_MAX = 100, YEARS = 30;
// The chapter's stable example (sdbook.modelling.STABLE_EXAMPLE) and start.
export var START = { k: 0.3, l: 0.4, a: 0.5, b: 0.5, g: 10, h: 10, x0: 10, y0: 20 };
