/*
 * Draws the book's charts offline.
 *
 * Notebook outputs contain placeholders (.sd-chart__plot) whose figure JSON sits
 * in a <script type="application/json">. This script loads the one local
 * plotly.js bundle only on pages that have a placeholder, only when a chart
 * comes near the viewport, then draws it with the current theme's colours and
 * re-themes every chart when the reader switches light/dark.
 * Material's instant navigation swaps pages without reloading, so drawing hooks
 * its document$ observable rather than DOMContentLoaded.
 */
(function () {
  "use strict";

  var PLOTLY_URL = new URL("../vendor/plotly-basic-4.1.1.min.js", document.currentScript.src).href;
  var plotlyReady = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyReady) {
      plotlyReady = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_URL;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { reject(new Error("could not load " + PLOTLY_URL)); };
        document.head.appendChild(script);
      });
    }
    return plotlyReady;
  }

  // Text and grid colours come from Material's own variables, so charts match the page.
  // A probe element resolves them to rgb()/rgba(), which plotly.js can parse
  // (the raw variables hold hsla() with "deg" units).
  function resolvedColour(variable, fallback) {
    var probe = document.createElement("span");
    probe.style.color = "var(" + variable + ", " + fallback + ")";
    probe.style.display = "none";
    document.body.appendChild(probe);
    var colour = getComputedStyle(probe).color;
    probe.remove();
    return colour || fallback;
  }

  function themePatch() {
    var fg = resolvedColour("--md-default-fg-color", "#000000");
    var grid = resolvedColour("--md-default-fg-color--lightest", "#dddddd");
    var line = resolvedColour("--md-default-fg-color--lighter", "#aaaaaa");
    var bg = resolvedColour("--md-default-bg-color", "#ffffff");
    var axis = { gridcolor: grid, linecolor: line, zerolinecolor: line, tickcolor: line };
    return {
      "font.color": fg,
      "title.font.color": fg,
      "legend.font.color": fg,
      "hoverlabel.bgcolor": bg,
      "hoverlabel.font.color": fg,
      "updatemenus[0].bgcolor": bg,
      "updatemenus[0].bordercolor": line,
      "updatemenus[0].font.color": fg,
      "xaxis.gridcolor": axis.gridcolor, "xaxis.linecolor": axis.linecolor,
      "xaxis.zerolinecolor": axis.zerolinecolor, "xaxis.tickcolor": axis.tickcolor,
      "yaxis.gridcolor": axis.gridcolor, "yaxis.linecolor": axis.linecolor,
      "yaxis.zerolinecolor": axis.zerolinecolor, "yaxis.tickcolor": axis.tickcolor
    };
  }

  function applyPatch(layout, patch) {
    Object.keys(patch).forEach(function (path) {
      if (path.indexOf("updatemenus") === 0 && !layout.updatemenus) return;
      var parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
      var node = layout;
      for (var i = 0; i < parts.length - 1; i++) {
        if (node[parts[i]] === undefined || node[parts[i]] === null) node[parts[i]] = {};
        node = node[parts[i]];
      }
      node[parts[parts.length - 1]] = patch[path];
    });
    return layout;
  }

  // On a phone the horizontal legend wraps onto extra lines and grows upwards
  // into the title: give it room and a smaller font.
  function narrowPatch(el, layout) {
    if (el.clientWidth >= 600 || layout.showlegend === false) return {};
    var top = (layout.margin && layout.margin.t) || 70;
    return { "margin.t": top + 45, "legend.font.size": 11, "title.font.size": 15 };
  }

  var CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"] };

  function draw(el) {
    if (el.dataset.sdState) return;
    el.dataset.sdState = "loading";
    var source = document.getElementById(el.dataset.sdFigure);
    if (!source) {
      el.dataset.sdState = "error";
      console.error("chart data not found: " + el.dataset.sdFigure);
      return;
    }
    var figure = JSON.parse(source.textContent);
    loadPlotly().then(function (Plotly) {
      var layout = applyPatch(applyPatch(figure.layout || {}, themePatch()), narrowPatch(el, figure.layout || {}));
      return Plotly.newPlot(el, figure.data, layout, CONFIG);
    }).then(function () {
      el.dataset.sdState = "drawn";
    }).catch(function (err) {
      el.dataset.sdState = "error";
      console.error(err);
    });
  }

  function drawAll() {
    var charts = document.querySelectorAll(".sd-chart__plot");
    if (!charts.length) return;
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "400px 0px" });
    charts.forEach(function (el) { observer.observe(el); });
  }

  function rethemeAll() {
    if (!window.Plotly) return;
    var patch = themePatch();
    document.querySelectorAll('.sd-chart__plot[data-sd-state="drawn"]').forEach(function (el) {
      var update = {};
      Object.keys(patch).forEach(function (key) {
        if (key.indexOf("updatemenus") !== 0 || (el.layout && el.layout.updatemenus)) update[key] = patch[key];
      });
      window.Plotly.relayout(el, update);
    });
  }

  new MutationObserver(rethemeAll).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
