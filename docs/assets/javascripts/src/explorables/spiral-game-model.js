/*
 * The model of the explorable "spiral-game" (the spiral under uncertainty), without the page: the Python
 * side computes the same numbers and tests/test_explorables_js.py compares them in Node.
 */
export var RESTRAIN = "R", ARM = "A";
export var GENEROSITY = 1 / 3;
export var PRESETS = {
  "prisoners-dilemma": { T: 5, R: 3, P: 1, S: 0 },
  "stag-hunt": { T: 3, R: 5, P: 1, S: 0 }
};
export var GAME_NAMES = {
  "prisoners-dilemma": "Prisoner's Dilemma", "stag-hunt": "Stag Hunt", chicken: "Chicken",
  harmony: "Harmony", deadlock: "Deadlock", other: "another game"
};
export var STRATEGIES = [
  ["tit-for-tat", "Tit-for-tat"], ["generous-tit-for-tat", "Generous tit-for-tat"],
  ["grim-trigger", "Grim trigger"], ["always-arm", "Always arm"], ["always-restrain", "Always restrain"]
];

export function Mulberry32(seed) { this.state = seed >>> 0; }
Mulberry32.prototype.random = function () {
  this.state = (this.state + 0x6D2B79F5) >>> 0;
  var t = this.state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export function kind(p) {
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

export function play(first, second, p, misperception, rounds, rng, generosity) {
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

export function matchSummary(rows) {
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

export function tournament(strategies, p, misperception, rounds, seed, repetitions, generosity) {
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

export var model = { Mulberry32: Mulberry32, kind: kind, choose: choose, play: play,
              matchSummary: matchSummary, tournament: tournament, PRESETS: PRESETS,
              GENEROSITY: GENEROSITY, STRATEGIES: STRATEGIES };
export var COLOURS = { x: "#2e86ab", y: "#c06a00", neutral: "#7a7f8a" };
export var START = { game: "prisoners-dilemma", misperception: 0.05, first: "tit-for-tat",
              second: "tit-for-tat", rounds: 60, seed: 7 };
