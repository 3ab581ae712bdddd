/*
 * The book's plotly.js: the "basic" distribution's core, scatter and bar traces, minus
 * the components no chart or explorable of the book uses. Built by build.py; the book's
 * README ("How charts reach the page") says why.
 *
 * Mirrors the registrations in plotly.js/src/core.js (4.1.1). Left out: pie and world
 * calendars (in plotly-basic, never used), 3-D annotations, box/lasso selections, layout
 * images, sliders, range sliders and selectors, layout grids, error bars, colour bars and
 * update menus (charts.js draws a figure's menus as HTML buttons instead).
 * tests/test_site.py checks that no figure the book makes asks for any of these.
 */
"use strict";

require("plotly.js/build/plotcss");
var Registry = require("plotly.js/src/registry");
var plotApi = require("plotly.js/src/plot_api");

exports.version = require("plotly.js/src/version").version;
exports.register = Registry.register;

Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== "_") exports[name] = plotApi[name];
  Registry.register({ moduleType: "apiMethod", name: name, fn: plotApi[name] });
});

Registry.register(require("plotly.js/src/traces/scatter"));
Registry.register([
  require("plotly.js/src/components/annotations"),
  require("plotly.js/src/components/shapes"),
  require("plotly.js/src/components/colorscale"),
  // legend after shapes, fx after legend: the order plotly.js/src/core.js requires
  require("plotly.js/src/components/legend"),
  require("plotly.js/src/components/fx"),
  require("plotly.js/src/components/modebar"),
  require("plotly.js/src/locale-en"),
  require("plotly.js/src/locale-en-us")
]);
// as plotly.js/lib/index-basic.js does, after the core's components
Registry.register(require("plotly.js/src/traces/bar"));
