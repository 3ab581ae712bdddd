/*
 * Printing the book (classroom kit). Charts are drawn lazily by charts.js, so a
 * chart the reader never scrolled to would print as an empty box. prepare():
 *   1. asks charts.js to draw every chart now (window.sdbook.drawAllNow), and the
 *      explorables every plot still waiting to be scrolled to (drawAllPending),
 *   2. waits until every .sd-chart__plot says data-sd-state="drawn" (or "error"),
 *   3. puts a PNG of each chart beside it, which print CSS shows instead of the
 *      interactive plot (a static image prints the same in every browser and PDF).
 * The "whole book" page (print-site plugin) gets a button that does this and then
 * opens the print dialogue; tools/book_pdf.py calls the same window.sdbookPrint.prepare().
 */
(function () {
  "use strict";

  var TIMEOUT_MS = 120000;

  function allSettled() {
    var plots = document.querySelectorAll(".sd-chart__plot");
    for (var i = 0; i < plots.length; i++) {
      var state = plots[i].dataset.sdState;
      if (state !== "drawn" && state !== "error") return false;
    }
    return true;
  }

  function waitForCharts() {
    var started = Date.now();
    return new Promise(function (resolve, reject) {
      (function poll() {
        if (allSettled()) return resolve();
        if (Date.now() - started > TIMEOUT_MS) return reject(new Error("charts not drawn in time"));
        setTimeout(poll, 100);
      })();
    });
  }

  function addImage(Plotly, el) {
    if (el.dataset.sdState !== "drawn" || el.classList.contains("sd-chart__plot--imaged")) {
      return Promise.resolve();
    }
    var width = Math.max(el.clientWidth, 600), height = el.clientHeight || 440;
    return Plotly.toImage(el, { format: "png", width: width, height: height, scale: 2 })
      .then(function (url) {
        var img = document.createElement("img");
        img.className = "sd-chart__print-image";
        img.src = url;
        var title = el.layout && el.layout.title && el.layout.title.text;
        img.alt = "Chart: " + (title || "see the takeaway and data table below");
        el.insertAdjacentElement("afterend", img);
        el.classList.add("sd-chart__plot--imaged");
      });
  }

  function prepare() {
    if (!document.querySelector(".sd-chart__plot")) return Promise.resolve(0);
    if (!window.sdbook || !window.sdbook.drawAllNow) {
      return Promise.reject(new Error("charts.js is not loaded"));
    }
    var explorables = window.sdbook.explorables;
    return window.sdbook.drawAllNow().then(function (Plotly) {
      return (explorables ? explorables.drawAllPending() : Promise.resolve()).then(waitForCharts).then(function () {
        var plots = Array.prototype.slice.call(document.querySelectorAll(".sd-chart__plot"));
        // One at a time: toImage re-renders off-screen, and many at once exhaust memory.
        return plots.reduce(function (chain, el) {
          return chain.then(function () { return addImage(Plotly, el); });
        }, Promise.resolve()).then(function () { return plots.length; });
      });
    });
  }

  function addPrintButton() {
    var book = document.getElementById("print-site-page");
    if (!book || document.querySelector(".sd-print-button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary sd-print-button";
    button.textContent = "Print or save as PDF";
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = "Drawing every chart…";
      prepare().then(function () {
        button.disabled = false;
        button.textContent = "Print or save as PDF";
        window.print();
      }, function (err) {
        button.disabled = false;
        button.textContent = "Print or save as PDF";
        console.error(err);
      });
    });
    book.insertAdjacentElement("beforebegin", button);
  }

  window.sdbookPrint = { prepare: prepare };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(addPrintButton);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addPrintButton);
  } else {
    addPrintButton();
  }
})();
