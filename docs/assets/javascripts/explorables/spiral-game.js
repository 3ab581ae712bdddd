/*
 * Explorable: the spiral under uncertainty (chapter: modelling the spiral).
 *
 * Two states choose each round to restrain (R) or arm (A) and see each other's move
 * through noise. The model is a line-for-line port of sdbook/games.py: the same
 * mulberry32 generator, the same order of random draws, the same strategies, so a
 * seed gives the same match and the same tournament in the notebook and in the page
 * (tests/test_explorables_js.py runs both in Node and compares them). In Node this
 * file only exports the model; in the page it fills every
 * [data-sd-explorable="spiral-game"] element with controls, a match chart and a
 * round-robin table.
 */
(function () {
  "use strict";

  var RESTRAIN = "R", ARM = "A";
  var GENEROSITY = 1 / 3;
  var PRESETS = {
    "prisoners-dilemma": { T: 5, R: 3, P: 1, S: 0 },
    "stag-hunt": { T: 3, R: 5, P: 1, S: 0 }
  };
  var GAME_NAMES = {
    "prisoners-dilemma": "Prisoner's Dilemma", "stag-hunt": "Stag Hunt", chicken: "Chicken",
    harmony: "Harmony", deadlock: "Deadlock", other: "another game"
  };
  var STRATEGIES = [
    ["tit-for-tat", "Tit-for-tat"], ["generous-tit-for-tat", "Generous tit-for-tat"],
    ["grim-trigger", "Grim trigger"], ["always-arm", "Always arm"], ["always-restrain", "Always restrain"]
  ];

  function Mulberry32(seed) { this.state = seed >>> 0; }
  Mulberry32.prototype.random = function () {
    this.state = (this.state + 0x6D2B79F5) >>> 0;
    var t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  function kind(p) {
    if (p.T > p.R && p.R > p.P && p.P > p.S) return "prisoners-dilemma";
    if (p.R > p.T && p.T >= p.P && p.P > p.S) return "stag-hunt";
    if (p.T > p.R && p.R > p.S && p.S > p.P) return "chicken";
    if (p.R > p.T && p.R > p.P && p.S >= p.P) return "harmony";
    if (p.T > p.P && p.P > p.R) return "deadlock";
    return "other";
  }

  function choose(strategy, seen, rng, generosity) {
    if (strategy === "always-arm") return ARM;
    if (strategy === "always-restrain") return RESTRAIN;
    if (strategy === "grim-trigger") return seen.indexOf(ARM) >= 0 ? ARM : RESTRAIN;
    if (strategy === "tit-for-tat") return seen.length ? seen[seen.length - 1] : RESTRAIN;
    if (strategy === "generous-tit-for-tat") {
      if (!seen.length || seen[seen.length - 1] === RESTRAIN) return RESTRAIN;
      return rng.random() < generosity ? RESTRAIN : ARM;
    }
    throw new Error("unknown strategy " + strategy);
  }

  function payoff(p, mine, theirs) {
    if (mine === RESTRAIN) return theirs === RESTRAIN ? p.R : p.S;
    return theirs === RESTRAIN ? p.T : p.P;
  }

  function flip(move) { return move === RESTRAIN ? ARM : RESTRAIN; }

  function play(first, second, p, misperception, rounds, rng, generosity) {
    if (generosity === undefined) generosity = GENEROSITY;
    var seen1 = [], seen2 = [], rows = [];
    for (var n = 1; n <= rounds; n++) {
      var move1 = choose(first, seen1, rng, generosity);
      var move2 = choose(second, seen2, rng, generosity);
      var saw2 = rng.random() < misperception ? flip(move2) : move2;
      var saw1 = rng.random() < misperception ? flip(move1) : move1;
      seen1.push(saw2); seen2.push(saw1);
      rows.push({ round: n, move1: move1, move2: move2, seen_by_1: saw2, seen_by_2: saw1,
                  payoff1: payoff(p, move1, move2), payoff2: payoff(p, move2, move1) });
    }
    return rows;
  }

  function mean(values) {
    return values.reduce(function (a, b) { return a + b; }, 0) / values.length;
  }

  function matchSummary(rows) {
    var runs = [], current = 0, restrain = 0, arming = 0, misread = 0, first = null;
    rows.forEach(function (r) {
      var both = r.move1 === ARM && r.move2 === ARM;
      if (r.move1 === RESTRAIN && r.move2 === RESTRAIN) restrain++;
      if (both) { arming++; current++; if (first === null) first = r.round; }
      else if (current) { runs.push(current); current = 0; }
      if (r.seen_by_1 !== r.move2 || r.seen_by_2 !== r.move1) misread++;
    });
    var ended = current > 0;
    if (current) runs.push(current);
    return {
      rounds: rows.length, mutual_restraint: restrain, mutual_arming: arming,
      one_sided: rows.length - arming - restrain, misreadings: misread, spirals: runs.length,
      longest_spiral: runs.length ? Math.max.apply(null, runs) : 0, first_mutual_arming: first,
      ended_in_spiral: ended,
      score1: mean(rows.map(function (r) { return r.payoff1; })),
      score2: mean(rows.map(function (r) { return r.payoff2; }))
    };
  }

  function tournament(strategies, p, misperception, rounds, seed, repetitions, generosity) {
    if (repetitions === undefined) repetitions = 5;
    if (generosity === undefined) generosity = GENEROSITY;
    var rng = new Mulberry32(seed), totals = {}, arming = {};
    strategies.forEach(function (s) {
      totals[s] = {}; arming[s] = [];
      strategies.forEach(function (o) { totals[s][o] = []; });
    });
    strategies.forEach(function (first, i) {
      strategies.slice(i).forEach(function (second) {
        for (var r = 0; r < repetitions; r++) {
          var rows = play(first, second, p, misperception, rounds, rng, generosity);
          var both = mean(rows.map(function (x) { return x.move1 === ARM && x.move2 === ARM ? 1 : 0; }));
          totals[first][second].push(mean(rows.map(function (x) { return x.payoff1; })));
          arming[first].push(both);
          if (second !== first) {
            totals[second][first].push(mean(rows.map(function (x) { return x.payoff2; })));
            arming[second].push(both);
          }
        }
      });
    });
    var table = strategies.map(function (s) {
      var against = {};
      strategies.forEach(function (o) { against[o] = mean(totals[s][o]); });
      return { strategy: s, score: mean(strategies.map(function (o) { return against[o]; })),
               mutual_arming_share: mean(arming[s]), against: against };
    });
    table.sort(function (a, b) {
      return b.score - a.score || (a.strategy < b.strategy ? -1 : a.strategy > b.strategy ? 1 : 0);
    });
    return table;
  }

  var model = { Mulberry32: Mulberry32, kind: kind, choose: choose, play: play,
                matchSummary: matchSummary, tournament: tournament, PRESETS: PRESETS,
                GENEROSITY: GENEROSITY, STRATEGIES: STRATEGIES };
  var COLOURS = { x: "#2e86ab", y: "#c06a00", neutral: "#7a7f8a" };
  var START = { game: "prisoners-dilemma", misperception: 0.05, first: "tit-for-tat",
                second: "tit-for-tat", rounds: 60, seed: 7 };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { model: model, COLOURS: COLOURS, START: START };
    return;
  }

  function name(strategy) {
    for (var i = 0; i < STRATEGIES.length; i++) if (STRATEGIES[i][0] === strategy) return STRATEGIES[i][1];
    return strategy;
  }

  function setup(rootEl) {
    var ui = window.sdbook.explorables;
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
    rootEl.appendChild(controls);

    var status = ui.status(rootEl, uid);
    var chart = ui.figure(rootEl, uid, "The match round by round");
    var tableBox = ui.element("div", { "class": "sd-explorable__table", tabindex: "0", role: "region",
                                        "aria-label": "Round-robin tournament" });
    rootEl.appendChild(tableBox);

    function current() { return { T: state.T, R: state.R, P: state.P, S: state.S }; }

    function draw(rows) {
      var traces = [];
      [["move1", "seen_by_2", "X: " + name(state.first), COLOURS.x, 1],
       ["move2", "seen_by_1", "Y: " + name(state.second), COLOURS.y, 0]].forEach(function (spec, i) {
        traces.push({
          x: rows.map(function (r) { return r.round; }), y: rows.map(function () { return spec[4]; }),
          mode: "markers", name: spec[2],
          marker: { color: spec[3], size: 8, line: { color: spec[3], width: 1.5 },
                    symbol: rows.map(function (r) { return r[spec[0]] === ARM ? "circle" : "circle-open"; }) },
          hovertemplate: "round %{x}<extra>" + spec[2] + "</extra>"
        });
        var wrong = rows.filter(function (r) { return r[spec[0]] !== r[spec[1]]; });
        traces.push({
          x: wrong.map(function (r) { return r.round; }), y: wrong.map(function () { return spec[4] + 0.22; }),
          mode: "markers", name: "misread by the other side", showlegend: i === 0, legendgroup: "misread",
          marker: { symbol: "x-thin", size: 9, color: COLOURS.neutral, line: { color: COLOURS.neutral, width: 2 } },
          hovertemplate: "round %{x}: seen the wrong way<extra></extra>"
        });
      });
      ui.plot(chart, traces, ui.layout(chart, "Filled: armed · open: restrained", {
        height: 340, xaxis: { title: { text: "round" }, automargin: true },
        yaxis: { tickvals: [0, 1], ticktext: ["Y", "X"], range: [-0.5, 1.6] }
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

  window.sdbook.explorables.register("spiral-game", setup);
})();
