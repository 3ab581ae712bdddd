/*
 * The book's charts, drawn offline.
 *
 * Notebook outputs hold placeholders (.sd-chart__plot) whose figure JSON sits in their
 * data-sd-figure attribute (a second form for phones in data-sd-figure-phone). Each is
 * drawn when it comes near the viewport (core/lazy.js), with the one local plotly.js
 * (core/plotly.js), in the current theme's colours, and re-coloured when the reader
 * switches light/dark (core/theme.js). The figure JSON is parsed only then.
 */
import { whenNear } from "../core/lazy.js";
import { withPlotly } from "../core/plotly.js";
import { onAfterPrint, onBeforePrint } from "../core/print.js";
import { onPage } from "../core/start.js";
import { applyPatch, onThemeChange, themePatch } from "../core/theme.js";
import { addMenu, addTools, removeControls } from "../charts/controls.js";
import { PHONE_WIDTH, narrowPatch } from "../charts/phone.js";

const PLOT = ".sd-chart__plot";
const CONFIG = { responsive: true, displaylogo: false, displayModeBar: false };

function chosenFigure(el) {
  const phone = el.dataset.sdFigurePhone && el.clientWidth < PHONE_WIDTH;
  el.dataset.sdForm = phone ? "phone" : "wide";
  return JSON.parse(phone ? el.dataset.sdFigurePhone : el.dataset.sdFigure);
}

function failed(el, err) {
  el.dataset.sdState = "error";
  console.error(err);
}

function draw(el) {
  if (el.dataset.sdState) return undefined;
  el.dataset.sdState = "loading";
  let figure;
  try {
    figure = chosenFigure(el);
  } catch (err) {
    failed(el, "chart data unreadable: " + err);
    return undefined;
  }
  const menus = (figure.layout && figure.layout.updatemenus) || [];
  const render = (Plotly) => {
    const original = JSON.parse(JSON.stringify(figure.layout || {}));
    const narrow = narrowPatch(el, figure);
    const layout = applyPatch(applyPatch(figure.layout || {}, themePatch(figure.layout)), narrow);
    delete layout.updatemenus;  // drawn as HTML buttons (the book's plotly.js leaves menus out)
    // their room is no longer needed (on a phone the legend's room was recomputed already)
    if (menus.length && layout.margin && !("legend.y" in narrow)) layout.margin.b -= 50;
    return Plotly.newPlot(el, figure.data, layout, CONFIG).then(() => {
      removeControls(el);
      addTools(el, original, Plotly);
      menus.slice().reverse().forEach((menu) => addMenu(el, menu, Plotly));
      el.dataset.sdState = "drawn";
    });
  };
  // With plotly.js loaded this draws now, synchronously: printing depends on it.
  return withPlotly(render).catch((err) => failed(el, err));
}

onPage(() => {
  document.querySelectorAll(PLOT).forEach((el) => whenNear(el, () => draw(el)));
});

onThemeChange(() => {
  if (!window.Plotly) return;
  document.querySelectorAll(PLOT + '[data-sd-state="drawn"]').forEach((el) => {
    window.Plotly.relayout(el, themePatch(el.layout));
  });
});

// A phone turned sideways, or a window resized across the threshold: redraw in the other form.
let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    document.querySelectorAll(PLOT + '[data-sd-figure-phone][data-sd-state="drawn"]').forEach((el) => {
      const wanted = el.clientWidth < PHONE_WIDTH ? "phone" : "wide";
      if (wanted !== el.dataset.sdForm && window.Plotly) {
        window.Plotly.purge(el);
        delete el.dataset.sdState;
        draw(el);
      }
    });
  }, 250);
});

// Printing draws every waiting chart (core/print.js). Without plotly.js yet (nothing was
// scrolled to) they cannot be drawn in time: their data tables print instead.
onBeforePrint(() => {
  if (window.Plotly) return;
  document.querySelectorAll(PLOT).forEach((el) => {
    if (el.dataset.sdState === "drawn") return;
    const details = el.closest("figure").querySelector("details.sd-chart__data");
    if (details && !details.open) { details.open = true; details.dataset.sdOpenedForPrint = "true"; }
  });
});
onAfterPrint(() => {
  document.querySelectorAll("details[data-sd-opened-for-print]").forEach((details) => {
    details.open = false;
    delete details.dataset.sdOpenedForPrint;
  });
});
