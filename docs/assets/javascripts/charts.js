/*
 * Draws the book's charts offline.
 *
 * Notebook outputs contain placeholders (.sd-chart__plot) whose figure JSON sits
 * in their data-sd-figure attribute. This script loads the one local
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
      "xaxis.gridcolor": axis.gridcolor, "xaxis.linecolor": axis.linecolor,
      "xaxis.zerolinecolor": axis.zerolinecolor, "xaxis.tickcolor": axis.tickcolor,
      "yaxis.gridcolor": axis.gridcolor, "yaxis.linecolor": axis.linecolor,
      "yaxis.zerolinecolor": axis.zerolinecolor, "yaxis.tickcolor": axis.tickcolor
    };
  }

  function applyPatch(layout, patch) {
    Object.keys(patch).forEach(function (path) {
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

  // On a phone the horizontal legend wraps onto extra lines and would grow upwards
  // into the title: move it to the bottom of the chart and give it room there.
  function narrowPatch(el, layout) {
    if (el.clientWidth >= 600 || layout.showlegend === false) return {};
    var bottom = (layout.margin && layout.margin.b) || 50;
    return {
      "legend.yref": "container", "legend.y": 0, "legend.yanchor": "bottom",
      "legend.font.size": 11, "margin.b": bottom + 70, "margin.t": 50,
      "title.font.size": 15, "xaxis.title.font.size": 11, "yaxis.title.font.size": 11
    };
  }

  var CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"] };

  function draw(el) {
    if (el.dataset.sdState) return;
    el.dataset.sdState = "loading";
    var figure;
    try {
      figure = JSON.parse(el.dataset.sdFigure);
    } catch (err) {
      el.dataset.sdState = "error";
      console.error("chart data unreadable: " + err);
      return;
    }
    var menus = (figure.layout && figure.layout.updatemenus) || [];
    loadPlotly().then(function (Plotly) {
      var layout = applyPatch(applyPatch(figure.layout || {}, themePatch()), narrowPatch(el, figure.layout || {}));
      // Plotly's own menu buttons are SVG: no keyboard focus, no theme. Draw HTML ones instead.
      layout.updatemenus = menus.map(function (menu) { return Object.assign({}, menu, { visible: false }); });
      if (menus.length && layout.margin) layout.margin.b -= 50;  // their room is no longer needed
      return Plotly.newPlot(el, figure.data, layout, CONFIG).then(function () {
        menus.forEach(function (menu) { addMenu(el, menu, Plotly); });
      });
    }).then(function () {
      el.dataset.sdState = "drawn";
    }).catch(function (err) {
      el.dataset.sdState = "error";
      console.error(err);
    });
  }

  function addMenu(el, menu, Plotly) {
    var group = document.createElement("div");
    group.className = "sd-chart__menu";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Chart view");
    menu.buttons.forEach(function (spec, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button sd-chart__menu-button";
      button.textContent = spec.label;
      button.setAttribute("aria-pressed", String(index === (menu.active || 0)));
      button.addEventListener("click", function () {
        Plotly.update(el, spec.args[0], spec.args[1] || {});
        group.querySelectorAll("button").forEach(function (b) {
          b.setAttribute("aria-pressed", String(b === button));
        });
      });
      group.appendChild(button);
    });
    el.insertAdjacentElement("afterend", group);
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
      window.Plotly.relayout(el, patch);
    });
  }

  // For explorables and print: the shared loader and the current theme, and a way to
  // draw every chart now (a chart not yet scrolled into view is an empty box on paper).
  function drawAllNow() {
    document.querySelectorAll(".sd-chart__plot").forEach(draw);
    return loadPlotly();
  }
  window.sdbook = Object.assign(window.sdbook || {}, {
    loadPlotly: loadPlotly, themePatch: themePatch, applyPatch: applyPatch, drawAllNow: drawAllNow
  });
  window.addEventListener("beforeprint", drawAllNow);

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
