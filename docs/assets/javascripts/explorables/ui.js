/*
 * Shared pieces for the book's explorables (chapter: modelling the spiral).
 *
 * An explorable is an element [data-sd-explorable="<name>"] in a chapter. Its own
 * script (explorables/<name>.js) registers a setup function here; this file runs
 * it on every such element of every page Material's instant navigation shows, and
 * redraws all explorables when the reader switches light/dark. Drawing uses the one
 * shared plotly.js bundle and theme colours exposed by charts.js (window.sdbook).
 * Controls are native HTML inputs with labels, so the keyboard works as everywhere.
 */
(function () {
  "use strict";

  var setups = {};
  var redrawers = [];

  function register(name, setup) {
    setups[name] = setup;
    activate();
  }

  function activate() {
    Object.keys(setups).forEach(function (name) {
      document.querySelectorAll('[data-sd-explorable="' + name + '"]').forEach(function (root) {
        if (root.dataset.sdReady) return;
        root.dataset.sdReady = "yes";
        root.textContent = "";
        var redraw = setups[name](root);
        if (typeof redraw === "function") redrawers.push({ root: root, redraw: redraw });
      });
    });
  }

  // Theme switch: redraw every explorable still on the page.
  function rethemeAll() {
    redrawers = redrawers.filter(function (entry) { return document.body.contains(entry.root); });
    redrawers.forEach(function (entry) { entry.redraw(); });
  }

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // A labelled range input with its value shown in an <output>; onChange(value) on every move.
  function slider(parent, spec, onChange) {
    var id = spec.id;
    var row = element("div", { "class": "sd-explorable__control" });
    var label = element("label", { "for": id });
    label.appendChild(element("span", { "class": "sd-explorable__label" }, spec.label));
    var out = element("output", { "for": id, "id": id + "-value" });
    label.appendChild(out);
    var input = element("input", {
      type: "range", id: id, min: spec.min, max: spec.max, step: spec.step, value: spec.value
    });
    if (spec.help) {
      var help = element("span", { "class": "sd-explorable__help", id: id + "-help" }, spec.help);
      input.setAttribute("aria-describedby", id + "-help");
      row.appendChild(label); row.appendChild(input); row.appendChild(help);
    } else {
      row.appendChild(label); row.appendChild(input);
    }
    function show() {
      var value = Number(input.value);
      var text = spec.format ? spec.format(value) : String(value);
      out.textContent = text;
      input.setAttribute("aria-valuetext", text);
    }
    input.addEventListener("input", function () { show(); onChange(Number(input.value)); });
    show();
    parent.appendChild(row);
    return {
      input: input,
      get: function () { return Number(input.value); },
      set: function (value) { input.value = value; show(); }
    };
  }

  // A labelled <select>; options is a list of [value, text].
  function select(parent, spec, onChange) {
    var row = element("div", { "class": "sd-explorable__control" });
    var label = element("label", { "for": spec.id });
    label.appendChild(element("span", { "class": "sd-explorable__label" }, spec.label));
    var input = element("select", { id: spec.id });
    spec.options.forEach(function (option) {
      var opt = element("option", { value: option[0] }, option[1]);
      if (option[0] === spec.value) opt.selected = true;
      input.appendChild(opt);
    });
    input.addEventListener("change", function () { onChange(input.value); });
    row.appendChild(label); row.appendChild(input);
    parent.appendChild(row);
    return { input: input, get: function () { return input.value; },
             set: function (value) { input.value = value; } };
  }

  // The sentence that says what the plots show (read out on change), and the plots it describes.
  function status(rootEl, uid) {
    var el = element("p", { "class": "sd-explorable__status", "aria-live": "polite", id: uid + "-status" });
    rootEl.appendChild(el);
    return el;
  }

  function figure(rootEl, uid, label) {
    var el = element("div", { "class": "sd-explorable__plot", role: "figure",
                              "aria-describedby": uid + "-status", "aria-label": label });
    rootEl.appendChild(el);
    return el;
  }

  var FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif";

  // The book's chart layout (sdbook.style.base_layout) with the current theme applied;
  // on a phone the legend moves under the plot, as charts.js does for charts.
  // The legend always sits under the plot: explorables redraw on every move, and a
  // legend above would push the plot up and down as its entries change.
  function layout(el, title, extra) {
    var narrow = el.clientWidth < 600;
    var base = {
      title: { text: title, x: 0, xanchor: "left", font: { size: narrow ? 14 : 15 } },
      font: { family: FONT, size: narrow ? 12 : 13 },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      margin: { l: 56, r: 16, t: 40, b: narrow ? 150 : 110 },
      legend: { orientation: "h", x: 0, y: 0, yref: "container", yanchor: "bottom",
                font: { size: narrow ? 11 : 12 } },
      hovermode: "closest"
    };
    Object.keys(extra || {}).forEach(function (key) { base[key] = extra[key]; });
    return window.sdbook.applyPatch(base, window.sdbook.themePatch());
  }

  var CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"] };

  function react(el, data, plotLayout) {
    return window.sdbook.loadPlotly().then(function (Plotly) {
      return Plotly.react(el, data, plotLayout, CONFIG);
    }).then(function () {
      el.dataset.sdState = "drawn";
    }).catch(function (err) {
      el.dataset.sdState = "error";
      console.error(err);
    });
  }

  // A plot is first drawn when it comes near the viewport, as charts are: plotly.js is
  // then fetched and run only for a reader who scrolls there. Until then the latest
  // figure waits in `pending`; later calls redraw at once.
  var pending = new Map();
  var nearView = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) drawPending(entry.target);
    });
  }, { rootMargin: "400px 0px" }) : null;

  function drawPending(el) {
    var figure = pending.get(el);
    if (!figure) return Promise.resolve();
    pending.delete(el);
    if (nearView) nearView.unobserve(el);
    return react(el, figure.data, figure.layout);
  }

  // Draw or redraw a plot; marks the element drawn for tests and for the reader's tools.
  function plot(el, data, plotLayout) {
    if (el.dataset.sdState === "drawn" || !nearView) return react(el, data, plotLayout);
    if (!pending.has(el)) nearView.observe(el);
    pending.set(el, { data: data, layout: plotLayout });
    return Promise.resolve();
  }

  // Printing and the whole-book PDF: every plot drawn now (print.js waits for this).
  function drawAllPending() {
    return Promise.all(Array.from(pending.keys()).map(drawPending));
  }
  window.addEventListener("beforeprint", function () {
    if (window.Plotly) drawAllPending();
  });

  window.sdbook = Object.assign(window.sdbook || {}, {
    explorables: { register: register, slider: slider, select: select, element: element,
                   status: status, figure: figure, layout: layout, plot: plot,
                   drawAllPending: drawAllPending }
  });

  new MutationObserver(rethemeAll).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(activate);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", activate);
  } else {
    activate();
  }
})();
