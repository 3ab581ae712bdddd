/*
 * Explorable: Richardson's arms-race equations (chapter: modelling the spiral).
 *
 *   dx/dt = k·y − a·x + g        dy/dt = l·x − b·y + h
 *
 * The model (richardson-model.js) is a line-for-line port of sdbook/richardson.py (same
 * fixed-step Runge–Kutta, same closed-form equilibrium, same regime rule);
 * tests/test_explorables_js.py runs both on the same parameters in Node and compares the
 * numbers. This file builds the controls and the two plots inside every
 * [data-sd-explorable="richardson"] element.
 */
import * as ui from "./ui.js";
import { COLOURS, PHASE_MAX, START, YEARS, model } from "./richardson-model.js";

var derivatives = model.derivatives, equilibrium = model.equilibrium, isStable = model.isStable,
    nullclines = model.nullclines, regime = model.regime, simulate = model.simulate;

var REGIME_TEXT = {
  stable: "the brakes win: both sides settle at a stable balance",
  runaway: "the reactions win: a runaway arms race, growing without limit",
  collapse: "the reactions win, downwards: both sides run their arms down together",
  "knife-edge": "on the knife-edge: ab = kl exactly"
};

function fmt(v, digits) { return Number(v).toFixed(digits); }

function setup(rootEl) {
    var uid = "rich-" + Math.random().toString(36).slice(2, 7);
  var state = Object.assign({}, START);
  rootEl.classList.add("sd-explorable");

  var controls = ui.element("fieldset", { "class": "sd-explorable__controls" });
  controls.appendChild(ui.element("legend", {}, "Coefficients (per year) and starting arms"));
  var specs = [
    ["k", "k: how strongly X reacts to Y's arms", 0, 1, 0.05],
    ["l", "l: how strongly Y reacts to X's arms", 0, 1, 0.05],
    ["a", "a: the brake of X's own costs", 0, 1, 0.05],
    ["b", "b: the brake of Y's own costs", 0, 1, 0.05],
    ["g", "g: X's grievance (negative: goodwill)", -20, 20, 1],
    ["h", "h: Y's grievance (negative: goodwill)", -20, 20, 1],
    ["x0", "X's arms at the start", 0, 100, 5],
    ["y0", "Y's arms at the start", 0, 100, 5]
  ];
  var sliders = {};
  specs.forEach(function (s) {
    sliders[s[0]] = ui.slider(controls, {
      id: uid + "-" + s[0], label: s[1], min: s[2], max: s[3], step: s[4], value: state[s[0]],
      format: function (v) { return s[4] < 1 ? fmt(v, 2) : String(v); }
    }, function (value) { state[s[0]] = value; update(); });
  });
  var reset = ui.element("button", { type: "button", "class": "md-button sd-explorable__button" },
                         "Back to the chapter's stable example");
  reset.addEventListener("click", function () {
    state = Object.assign({}, START);
    Object.keys(sliders).forEach(function (key) { sliders[key].set(state[key]); });
    update();
  });
  controls.appendChild(reset);
  // The phase plane first, then the sliders that move it: on a phone it stays in view.
  var view = ui.view(rootEl);
  var phase = ui.figure(view, uid, "Phase plane: arms of X across, arms of Y up");
  view.parentNode.appendChild(controls);
  var status = ui.status(rootEl, uid);
  var paths = ui.figure(rootEl, uid, "Arms of X and Y over the years");

  function params() {
    return { k: state.k, l: state.l, a: state.a, b: state.b, g: state.g, h: state.h };
  }

  function describe(p) {
    var ab = p.a * p.b, kl = p.k * p.l, eq = equilibrium(p);
    var text = "ab = " + fmt(ab, 3) + (ab > kl ? " > " : ab < kl ? " < " : " = ") + "kl = " + fmt(kl, 3) +
      ": " + REGIME_TEXT[regime(p, state.x0, state.y0)] + ".";
    if (eq && isStable(p)) {
      text += " Balance at X = " + fmt(eq[0], 1) + ", Y = " + fmt(eq[1], 1) + ".";
    } else if (eq) {
      text += " The nullclines cross at X = " + fmt(eq[0], 1) + ", Y = " + fmt(eq[1], 1) +
        ", a balance that any small push leaves.";
    }
    return text;
  }

  function arrows(p) {
    var xs = [], ys = [], sizes = [], count = 9, step = PHASE_MAX / count;
    for (var i = 0; i < count; i++) {
      for (var j = 0; j < count; j++) {
        var gx = step / 2 + i * step, gy = step / 2 + j * step;
        var d = derivatives(gx, gy, p), norm = Math.sqrt(d[0] * d[0] + d[1] * d[1]) || 1;
        var len = 0.38 * step;
        xs.push(gx, gx + len * d[0] / norm, null);
        ys.push(gy, gy + len * d[1] / norm, null);
        sizes.push(0, 9, 0);
      }
    }
    return { x: xs, y: ys, size: sizes };
  }

  function draw() {
    var p = params();
    var grid = [];
    for (var i = 0; i <= 100; i++) grid.push(i * PHASE_MAX / 100);
    var lines = nullclines(p, grid);
    var path = simulate(p, state.x0, state.y0, YEARS);
    var keep = path.x.map(function (x, n) {
      return Math.abs(x) <= 3 * PHASE_MAX && Math.abs(path.y[n]) <= 3 * PHASE_MAX;
    });
    var eq = equilibrium(p), ar = arrows(p);
    var clean = function (v) { return isFinite(v) ? v : null; };
    // On a phone the key's names are short and its entries of one width (plotly fits a key
    // under the plot into the plot's width), so it takes three rows, not five.
    var small = ui.narrow(phase);
    var names = small ? ["direction", "X: dx/dt = 0", "Y: dy/dt = 0", "path", "equilibrium"]
      : ["direction of change", "X stops changing (dx/dt = 0)", "Y stops changing (dy/dt = 0)",
         "path over " + YEARS + " years", "equilibrium"];
    ui.plot(phase, [
      { x: ar.x, y: ar.y, mode: "lines+markers", name: names[0], hoverinfo: "skip",
        line: { color: COLOURS.neutral, width: 1.2 },
        marker: { symbol: "arrow", angleref: "previous", size: ar.size, color: COLOURS.neutral } },
      { x: grid, y: lines.x_nullcline.map(clean), mode: "lines", name: names[1],
        line: { color: COLOURS.x, width: 2, dash: "dash" } },
      { x: grid, y: lines.y_nullcline.map(clean), mode: "lines", name: names[2],
        line: { color: COLOURS.y, width: 2, dash: "dot" } },
      { x: path.x.filter(function (_, n) { return keep[n]; }),
        y: path.y.filter(function (_, n) { return keep[n]; }),
        mode: "lines", name: names[3], line: { color: COLOURS.neutral, width: 4 } },
      { x: eq ? [eq[0]] : [], y: eq ? [eq[1]] : [], mode: "markers", name: names[4],
        marker: { symbol: "circle-open", size: 14, color: COLOURS.neutral, line: { width: 3 } } }
    ], ui.layout(phase, "Phase plane", {
      height: small ? Math.round(Math.min(480, Math.max(320, window.innerHeight * 0.5)))
        : Math.min(600, Math.max(420, phase.clientWidth + 110)),
      margin: { l: 56, r: 16, t: 40, b: small ? 112 : 110 },
      legend: Object.assign(ui.layout(phase, "").legend, small ? { entrywidth: 76 } : {}),
      xaxis: { title: { text: "arms of X", standoff: 8 }, range: [0, PHASE_MAX], constrain: "domain", automargin: true },
      yaxis: { title: { text: "arms of Y", standoff: 8 }, range: [0, PHASE_MAX], scaleanchor: "x", automargin: true }
    }));
    var every = function (_, n) { return n % 10 === 0; };
    ui.plot(paths, [
      { x: path.t.filter(every), y: path.x.filter(every), name: "X", mode: "lines",
        line: { color: COLOURS.x, width: 3 } },
      { x: path.t.filter(every), y: path.y.filter(every), name: "Y", mode: "lines",
        line: { color: COLOURS.y, width: 3, dash: "dash" } }
    ], ui.layout(paths, "Arms over time", {
      height: 400, xaxis: { title: { text: "years" }, automargin: true }, yaxis: { title: { text: "arms" }, automargin: true }
    }));
  }

  function update() {
    status.textContent = describe(params());
    draw();
  }

  update();
  return draw;
}

ui.explorable("richardson", setup);
