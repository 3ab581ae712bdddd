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

  var PLOTLY_URL = new URL("../vendor/plotly-book-4.1.1.min.js", document.currentScript.src).href;
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

  // Every axis of the figure (subplots have xaxis2, yaxis3 …), or the first pair.
  function axisNames(layout) {
    var names = Object.keys(layout || {}).filter(function (key) { return /^[xy]axis\d*$/.test(key); });
    return names.length ? names : ["xaxis", "yaxis"];
  }

  function themePatch(layout) {
    var fg = resolvedColour("--md-default-fg-color", "#000000");
    var grid = resolvedColour("--md-default-fg-color--lightest", "#dddddd");
    var line = resolvedColour("--md-default-fg-color--lighter", "#aaaaaa");
    var bg = resolvedColour("--md-default-bg-color", "#ffffff");
    var patch = {
      "font.color": fg,
      "title.font.color": fg,
      "legend.font.color": fg,
      "hoverlabel.bgcolor": bg,
      "hoverlabel.font.color": fg
    };
    axisNames(layout).forEach(function (axis) {
      patch[axis + ".gridcolor"] = grid;
      patch[axis + ".linecolor"] = line;
      patch[axis + ".zerolinecolor"] = line;
      patch[axis + ".tickcolor"] = line;
    });
    return patch;
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

  // On a phone: a title too long for one line wraps at word boundaries; the legend moves
  // under the chart, where its entries get their own room; the chart grows by what the
  // title and legend need, so the plot itself keeps its height.
  var TITLE_PX_PER_CHAR = 8.2;  // 15 px system font, measured on the book's titles

  function wrapTitle(el, text) {
    if (!text || el.clientWidth >= PHONE_WIDTH) return text;
    var limit = Math.max(20, Math.floor((el.clientWidth - 16) / TITLE_PX_PER_CHAR));
    var lines = [], line = "";
    String(text).split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > limit) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines.join("<br>");
  }

  // Rows a horizontal legend will take at this width: entries are packed left to right
  // (symbol and gap about 40 px, text about 6.2 px a character at 11 px); a group title
  // takes a row of its own.
  function legendRows(figure, width) {
    var rows = 0, used = width, groups = {};
    (figure.data || []).forEach(function (trace) {
      if (trace.showlegend === false || !trace.name) return;
      var title = trace.legendgrouptitle && trace.legendgrouptitle.text;
      if (title && !groups[trace.legendgroup]) {
        groups[trace.legendgroup] = true;
        rows += 1;
        used = width;
      }
      var entry = 40 + 6.2 * String(trace.name).length;
      if (used + entry > width) { rows += 1; used = 0; }
      used += entry;
    });
    return rows;
  }

  function narrowPatch(el, figure) {
    var layout = figure.layout || {};
    if (el.clientWidth >= PHONE_WIDTH) return {};
    var margin = layout.margin || {};
    var top = margin.t === undefined ? 70 : margin.t, bottom = margin.b === undefined ? 50 : margin.b;
    var title = layout.title && layout.title.text;
    var wrapped = wrapTitle(el, title);
    var extraTop = wrapped ? (wrapped.split("<br>").length - 1) * 19 : 0;
    var patch = { "title.font.size": 15, "xaxis.title.font.size": 11, "yaxis.title.font.size": 11 };
    if (title) patch["title.text"] = wrapped;
    var extraBottom = 0;
    var rows = layout.showlegend === false ? 0 : legendRows(figure, el.clientWidth - 20);
    if (rows > 0) {
      // The legend's room replaces whatever the wide layout kept at the bottom (menus,
      // a legend of fewer rows): tick labels and the axis title, then the legend's rows.
      var xTitle = axisNames(layout).some(function (axis) {
        return axis.charAt(0) === "x" && layout[axis] && layout[axis].title && layout[axis].title.text;
      });
      var newBottom = (xTitle ? 78 : 52) + 21 * rows + 12;
      extraBottom = newBottom - bottom;
      bottom = newBottom;
      Object.assign(patch, { "legend.yref": "container", "legend.y": 0, "legend.yanchor": "bottom",
                             "legend.font.size": 11 });
      top = Math.min(top, 60);  // the legend no longer sits above the plot
    }
    patch["margin.t"] = top + extraTop;
    patch["margin.b"] = rows > 0 ? bottom : bottom + extraBottom;
    patch.height = (layout.height || 440) + extraTop + extraBottom - ((margin.t || 70) - top);
    return patch;
  }

  // Plotly's own toolbar is hidden: on phones it covers titles, it adds eight tab stops
  // per chart, and its buttons are not themed. The tools a reader needs (an image of the
  // chart, a reset after zooming) are HTML buttons under the chart, made offline.
  var CONFIG = { responsive: true, displaylogo: false, displayModeBar: false };
  var PHONE_WIDTH = 600;

  function chosenFigure(el) {
    var phone = el.dataset.sdFigurePhone && el.clientWidth < PHONE_WIDTH;
    el.dataset.sdForm = phone ? "phone" : "wide";
    return JSON.parse(phone ? el.dataset.sdFigurePhone : el.dataset.sdFigure);
  }

  function draw(el) {
    if (el.dataset.sdState) return;
    el.dataset.sdState = "loading";
    var figure;
    try {
      figure = chosenFigure(el);
    } catch (err) {
      el.dataset.sdState = "error";
      console.error("chart data unreadable: " + err);
      return;
    }
    var menus = (figure.layout && figure.layout.updatemenus) || [];
    function render(Plotly) {
      var original = JSON.parse(JSON.stringify(figure.layout || {}));
      var narrow = narrowPatch(el, figure);
      var layout = applyPatch(applyPatch(figure.layout || {}, themePatch(figure.layout)), narrow);
      // Plotly's own menu buttons are SVG: no keyboard focus, no theme. Draw HTML ones instead
      // (the book's plotly.js bundle leaves out its menus component).
      delete layout.updatemenus;
      // their room is no longer needed (on a phone the legend's room was recomputed already)
      if (menus.length && layout.margin && !("legend.y" in narrow)) layout.margin.b -= 50;
      return Plotly.newPlot(el, figure.data, layout, CONFIG).then(function () {
        removeControls(el);
        addTools(el, original, Plotly);
        menus.slice().reverse().forEach(function (menu) { addMenu(el, menu, Plotly); });
        el.dataset.sdState = "drawn";
      });
    }
    function failed(err) {
      el.dataset.sdState = "error";
      console.error(err);
    }
    // With plotly already loaded, draw now, synchronously: printing depends on it.
    if (window.Plotly) {
      try { render(window.Plotly).catch(failed); } catch (err) { failed(err); }
    } else {
      loadPlotly().then(render).catch(failed);
    }
  }

  function removeControls(el) {
    var next = el.nextElementSibling;
    while (next && next.classList.contains("sd-chart__controls")) {
      var gone = next;
      next = next.nextElementSibling;
      gone.remove();
    }
  }

  function controlGroup(label, extraClass) {
    var group = document.createElement("div");
    group.className = "sd-chart__controls " + extraClass;
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label);
    return group;
  }

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button sd-chart__menu-button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function addTools(el, originalLayout, Plotly) {
    var name = (el.closest("figure") && el.closest("figure").dataset.sdName) || "chart";
    var group = controlGroup("Chart tools", "sd-chart__tools");
    group.appendChild(button("Download image (PNG)", function () {
      Plotly.downloadImage(el, { format: "png", filename: name, width: el.clientWidth,
                                 height: el.clientHeight, scale: 2 });
    }));
    group.appendChild(button("Reset zoom", function () {
      var reset = {};
      Object.keys(el.layout).forEach(function (key) {
        if (!/^[xy]axis\d*$/.test(key)) return;
        var given = originalLayout[key] && originalLayout[key].range;
        if (given) reset[key + ".range"] = given.slice();
        else reset[key + ".autorange"] = true;
      });
      Plotly.relayout(el, reset);
    }));
    el.insertAdjacentElement("afterend", group);
  }

  function addMenu(el, menu, Plotly) {
    var group = controlGroup("Chart view", "sd-chart__menu");
    menu.buttons.forEach(function (spec, index) {
      var b = button(spec.label, function () {
        var relayout = Object.assign({}, spec.args[1] || {});
        if (relayout["title.text"]) relayout["title.text"] = wrapTitle(el, relayout["title.text"]);
        Plotly.update(el, spec.args[0], relayout);
        group.querySelectorAll("button").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === b));
        });
      });
      b.setAttribute("aria-pressed", String(index === (menu.active || 0)));
      group.appendChild(b);
    });
    el.insertAdjacentElement("afterend", group);
  }

  // A phone turned sideways, or a window resized across the threshold: redraw in the other form.
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      document.querySelectorAll('.sd-chart__plot[data-sd-figure-phone][data-sd-state="drawn"]').forEach(function (el) {
        var wanted = el.clientWidth < PHONE_WIDTH ? "phone" : "wide";
        if (wanted !== el.dataset.sdForm && window.Plotly) {
          window.Plotly.purge(el);
          delete el.dataset.sdState;
          draw(el);
        }
      });
    }, 250);
  });

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
    document.querySelectorAll('.sd-chart__plot[data-sd-state="drawn"]').forEach(function (el) {
      window.Plotly.relayout(el, themePatch(el.layout));
    });
  }

  // For explorables and print: the shared loader and the current theme, and a way to
  // draw every chart now (a chart not yet scrolled into view is an empty box on paper).
  function drawAllNow() {
    document.querySelectorAll(".sd-chart__plot").forEach(draw);
    return loadPlotly();
  }

  // Printing: charts not yet scrolled into view are drawn now if plotly is here (drawing
  // is synchronous once it is loaded); if it is not, their data tables print instead.
  function beforePrint() {
    document.querySelectorAll(".sd-chart__plot").forEach(function (el) {
      if (window.Plotly) draw(el);
      if (el.dataset.sdState !== "drawn" && !window.Plotly) {
        var details = el.closest("figure").querySelector("details.sd-chart__data");
        if (details && !details.open) { details.open = true; details.dataset.sdOpenedForPrint = "true"; }
      }
    });
  }
  function afterPrint() {
    document.querySelectorAll('details[data-sd-opened-for-print]').forEach(function (details) {
      details.open = false;
      delete details.dataset.sdOpenedForPrint;
    });
  }
  window.sdbook = Object.assign(window.sdbook || {}, {
    loadPlotly: loadPlotly, themePatch: themePatch, applyPatch: applyPatch, drawAllNow: drawAllNow
  });
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);

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
