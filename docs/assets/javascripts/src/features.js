/*
 * The page features: one script each, src/features/<name>.js, built to
 * docs/assets/javascripts/features/<name>.js and fetched (core/features.js) only by the
 * pages holding an element that matches its selector. A feature's stylesheet, if it has
 * one, is listed with the same markup in overrides/main.html.
 *
 * A feature marked `print: true` draws what paper shows (plots): printed before it has
 * arrived, it is fetched there and then (core/features.js, loadForPrint).
 *
 * To add a feature: write src/features/<name>.js (import what it needs from ../core/),
 * add a line here, and run `python3 docs/assets/javascripts/src/build.py`.
 */
export const FEATURES = [
  { name: "charts", selector: ".sd-chart__plot", print: true },
  { name: "quiz", selector: "[data-sd-quiz]" },
  { name: "glossary", selector: "abbr.sd-term" },
  { name: "explorables", selector: '[data-sd-explorable="richardson"], [data-sd-explorable="spiral-game"]', print: true },
  { name: "four-worlds", selector: '[data-sd-explorable="four-worlds"]' },
  { name: "print-book", selector: "#print-site-page" },
  { name: "maths", selector: ".arithmatex" },
  { name: "progress", selector: "[data-sd-quiz], form[data-sd-reflect], table[data-sd-progress]" }
];
