/*
 * Explorable: the spiral under uncertainty (chapter: modelling the spiral).
 *
 * Two states choose each round to restrain (R) or arm (A) and see each other's move
 * through noise. The model (spiral-game-model.js) is a line-for-line port of sdbook/games.py: the same
 * mulberry32 generator, the same order of random draws, the same strategies, so a
 * seed gives the same match and the same tournament in the notebook and in the page
 * (tests/test_explorables_js.py runs both in Node and compares them). This file fills every
 * [data-sd-explorable="spiral-game"] element with controls, a match chart and a
 * round-robin table.
 */
import * as ui from "./ui.js";
import {
  ARM, COLOURS, GAME_NAMES, Mulberry32, PRESETS, START, STRATEGIES, kind, matchSummary, play, tournament
} from "./spiral-game-model.js";

function name(strategy) {
  for (var i = 0; i < STRATEGIES.length; i++) if (STRATEGIES[i][0] === strategy) return STRATEGIES[i][1];
  return strategy;
}

function setup(rootEl) {
    var uid = "spiral-" + Math.random().toString(36).slice(2, 7);
  var state = Object.assign({}, START, PRESETS[START.game]);
  rootEl.classList.add("sd-explorable");

  var controls = ui.element("fieldset", { "class": "sd-explorable__controls" });
  controls.appendChild(ui.element("legend", {}, "The game, the noise and the players"));
  var game = ui.select(controls, {
    id: uid + "-game", label: "Payoffs", value: state.game,
    options: [["prisoners-dilemma", "Prisoner's Dilemma (5, 3, 1, 0)"], ["stag-hunt", "Stag Hunt (3, 5, 1, 0)"]]
  }, function (value) {
    state.game = value;
    ["T", "R", "P", "S"].forEach(function (key) { state[key] = PRESETS[value][key]; payoffs[key].set(state[key]); });
    update();
  });
  var payoffs = {};
  [["T", "T: I arm, they restrain"], ["R", "R: both restrain"], ["P", "P: both arm"],
   ["S", "S: I restrain, they arm"]].forEach(function (spec) {
    payoffs[spec[0]] = ui.slider(controls, { id: uid + "-" + spec[0], label: spec[1], min: 0, max: 8, step: 1,
                                              value: state[spec[0]] },
                                 function (value) { state[spec[0]] = value; update(); });
  });
  ui.slider(controls, {
    id: uid + "-noise", label: "Misreading: chance a move is seen wrongly", min: 0, max: 0.3,
    step: 0.01, value: state.misperception, format: function (v) { return Math.round(v * 100) + " %"; }
  }, function (value) { state.misperception = value; update(); });
  ui.select(controls, { id: uid + "-first", label: "Strategy of X", value: state.first, options: STRATEGIES },
            function (value) { state.first = value; update(); });
  ui.select(controls, { id: uid + "-second", label: "Strategy of Y", value: state.second, options: STRATEGIES },
            function (value) { state.second = value; update(); });
  var seed = ui.slider(controls, { id: uid + "-seed", label: "Seed (the same seed replays the same luck)",
                                   min: 1, max: 100, step: 1, value: state.seed },
                       function (value) { state.seed = value; update(); });
  var again = ui.element("button", { type: "button", "class": "md-button sd-explorable__button" }, "Play again with new luck");
  again.addEventListener("click", function () {
    state.seed = state.seed % 100 + 1; seed.set(state.seed); update();
  });
  controls.appendChild(again);
  // The match first, then the controls that change it: on a phone it stays in view.
  var view = ui.view(rootEl);
  var chart = ui.figure(view, uid, "The match round by round");
  view.parentNode.appendChild(controls);
  var status = ui.status(rootEl, uid);
  var tableBox = ui.element("div", { "class": "sd-explorable__table", tabindex: "0", role: "region",
                                      "aria-label": "Round-robin tournament" });
  rootEl.appendChild(tableBox);

  function current() { return { T: state.T, R: state.R, P: state.P, S: state.S }; }

  // On a phone 60 rounds in one row would merge into bars: the match wraps into rows of
  // ROW_ON_PHONE rounds, each a pair of lines (X above Y), top to bottom.
  var ROW_ON_PHONE = 20;

  function draw(rows) {
    var small = ui.narrow(chart), perRow = small ? ROW_ON_PHONE : rows.length;
    var blocks = Math.max(1, Math.ceil(rows.length / perRow));
    var line = function (r, player) { return (blocks - 1 - Math.floor((r.round - 1) / perRow)) * 3 + player; };
    var column = function (r) { return r.round - Math.floor((r.round - 1) / perRow) * perRow; };
    var traces = [], tickvals = [], ticktext = [];
    for (var b = 0; b < blocks; b++) {
      var span = blocks > 1 ? " " + (b * perRow + 1) + "–" + Math.min(rows.length, (b + 1) * perRow) : "";
      tickvals.push((blocks - 1 - b) * 3 + 1, (blocks - 1 - b) * 3);
      ticktext.push("X" + span, "Y");
    }
    [["move1", "seen_by_2", "X: " + name(state.first), COLOURS.x, 1],
     ["move2", "seen_by_1", "Y: " + name(state.second), COLOURS.y, 0]].forEach(function (spec, i) {
      traces.push({
        x: rows.map(column), y: rows.map(function (r) { return line(r, spec[4]); }),
        customdata: rows.map(function (r) { return r.round; }),
        mode: "markers", name: spec[2],
        marker: { color: spec[3], size: 8, line: { color: spec[3], width: 1.5 },
                  symbol: rows.map(function (r) { return r[spec[0]] === ARM ? "circle" : "circle-open"; }) },
        hovertemplate: "round %{customdata}<extra>" + spec[2] + "</extra>"
      });
      var wrong = rows.filter(function (r) { return r[spec[0]] !== r[spec[1]]; });
      traces.push({
        x: wrong.map(column), y: wrong.map(function (r) { return line(r, spec[4]) + 0.22; }),
        customdata: wrong.map(function (r) { return r.round; }),
        mode: "markers", name: "misread by the other side", showlegend: i === 0, legendgroup: "misread",
        legendrank: 2000,  // after both players in the key
        marker: { symbol: "x-thin", size: 9, color: COLOURS.neutral, line: { color: COLOURS.neutral, width: 2 } },
        hovertemplate: "round %{customdata}: seen the wrong way<extra></extra>"
      });
    });
    ui.plot(chart, traces, ui.layout(chart, "Filled: armed · open: restrained", {
      height: blocks > 1 ? 150 + blocks * 78 : 340,
      margin: { l: blocks > 1 ? 64 : 56, r: 16, t: 40, b: small ? 130 : 110 },
      xaxis: { title: { text: blocks > 1 ? "round in the row" : "round" }, automargin: true,
               range: [0.3, perRow + 0.7] },
      yaxis: { tickvals: tickvals, ticktext: ticktext, range: [-0.5, blocks * 3 - 1.4], fixedrange: true }
    }));
  }

  function table(p) {
    var ids = STRATEGIES.map(function (s) { return s[0]; });
    var rows = tournament(ids, p, state.misperception, state.rounds, state.seed, 5);
    var html = "<table><caption>Round robin (every pair, and each strategy against itself, 5 matches of " +
      state.rounds + " rounds, seed " + state.seed + "): average payoff per round</caption><thead><tr>" +
      "<th scope=\"col\">Rank</th><th scope=\"col\">Strategy</th><th scope=\"col\">Score</th>" +
      "<th scope=\"col\">Rounds both armed</th></tr></thead><tbody>";
    rows.forEach(function (r, i) {
      html += "<tr><td>" + (i + 1) + "</td><td>" + name(r.strategy) + "</td><td>" + r.score.toFixed(2) +
        "</td><td>" + Math.round(r.mutual_arming_share * 100) + " %</td></tr>";
    });
    tableBox.innerHTML = html + "</tbody></table>";
  }

  function update() {
    var p = current();
    var rows = play(state.first, state.second, p, state.misperception, state.rounds, new Mulberry32(state.seed));
    var s = matchSummary(rows);
    status.textContent = "Payoffs T " + p.T + ", R " + p.R + ", P " + p.P + ", S " + p.S + ": " +
      GAME_NAMES[kind(p)] + ". In " + s.rounds + " rounds: " + s.mutual_restraint + " of mutual restraint, " +
      s.mutual_arming + " of mutual arming (" + s.spirals + (s.spirals === 1 ? " spiral" : " spirals") +
      ", longest " + s.longest_spiral + " rounds" + (s.ended_in_spiral ? ", still running at the end" : "") +
      "), " + s.one_sided + " one-sided; " + s.misreadings + " rounds with a misreading. Average payoff X " +
      s.score1.toFixed(2) + ", Y " + s.score2.toFixed(2) + ".";
    draw(rows);
    table(p);
  }

  update();
  return update;
}

ui.explorable("spiral-game", setup);
