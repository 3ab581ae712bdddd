/*
 * The one path to paper. Before the browser prints, everything still waiting to be drawn
 * (core/lazy.js) is drawn now, fetching plotly.js first if nothing has needed it yet; then
 * every plot is redrawn at the width of an A4 page, in the light theme's colours (paper is
 * white whatever the screen's theme), and put back as it was after printing. Features add
 * what else paper needs with onBeforePrint and undo it with onAfterPrint. The chapter's
 * handout styles are assets/stylesheets/handout.css (print only).
 *
 * prepare() readies the whole-book page (print-site plugin) for printing or for
 * tools/book_pdf.py: it draws every chart and explorable plot, waits until each has drawn
 * (or failed), then puts a PNG of each chart beside it, which print CSS (classroom.css)
 * shows instead of the interactive plot: a static image prints the same in every browser
 * and PDF.
 */
import { loadForPrint } from "./features.js";
import { drawAllWaiting, queued } from "./lazy.js";
import { load, loadNow } from "./plotly.js";
import { colourPatch, themePatch } from "./theme.js";

const before = [], after = [];
const PLOTS = ".sd-chart__plot, .sd-explorable__plot";
const TIMEOUT_MS = 120000;
// The text width of an A4 page with handout.css's @page margins (210 mm - 2 x 14 mm) at
// CSS's 96 px to the inch is 688 px; a little less leaves room for the figure's padding.
const PAPER_WIDTH = 672;
// Material's light theme (its --md-default-fg-color and the two lighter shades).
const INK = "rgba(0, 0, 0, 0.87)", LINE = "rgba(0, 0, 0, 0.32)", GRID = "rgba(0, 0, 0, 0.07)";

export function onBeforePrint(fn) { before.push(fn); }
export function onAfterPrint(fn) { after.push(fn); }

function callAll(fns) {
  fns.forEach((fn) => { try { fn(); } catch (err) { console.error(err); } });
}

function paperPatch(layout) {
  return { width: PAPER_WIDTH, ...colourPatch(layout, { fg: INK, grid: GRID, line: LINE }) };
}

// Plots drawn by now (newPlot draws synchronously; its promise settles later, so the state
// attribute may still say "loading"): the ones with a layout plotly.js has computed.
function drawnPlots() {
  return Array.from(document.querySelectorAll(PLOTS)).filter((el) => el._fullLayout && el.layout);
}

function toPaper() {
  if (!window.Plotly) return;
  drawnPlots().forEach((el) => {
    if (el.dataset.sdOnPaper) return;
    el.dataset.sdOnPaper = "true";
    try { window.Plotly.relayout(el, paperPatch(el.layout)); } catch (err) { console.error(err); }
  });
}

function backToScreen() {
  if (!window.Plotly) return;
  document.querySelectorAll("[data-sd-on-paper]").forEach((el) => {
    delete el.dataset.sdOnPaper;
    const patch = Object.assign({ width: null }, themePatch(el.layout));
    try { window.Plotly.relayout(el, patch); } catch (err) { console.error(err); }
  });
}

window.addEventListener("beforeprint", () => {
  loadForPrint();
  if (queued().length && !window.Plotly) loadNow();
  drawAllWaiting();
  callAll(before);
});
// A listener of its own: the plots drawn above have their layout by now.
window.addEventListener("beforeprint", toPaper);
window.addEventListener("afterprint", () => {
  backToScreen();
  callAll(after);
});

function allSettled() {
  return Array.from(document.querySelectorAll(PLOTS)).every((el) =>
    el.dataset.sdState === "drawn" || el.dataset.sdState === "error");
}

// Feature scripts may still be arriving and queueing their plots: keep drawing what waits.
function drawUntilSettled() {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    (function poll() {
      drawAllWaiting();
      if (allSettled()) return resolve();
      if (Date.now() - started > TIMEOUT_MS) return reject(new Error("plots not drawn in time"));
      setTimeout(poll, 100);
    })();
  });
}

function addImage(Plotly, el) {
  if (el.dataset.sdState !== "drawn" || el.classList.contains("sd-chart__plot--imaged")) {
    return Promise.resolve();
  }
  const width = Math.max(el.clientWidth, 600), height = el.clientHeight || 440;
  return Plotly.toImage(el, { format: "png", width, height, scale: 2 }).then((url) => {
    const img = document.createElement("img");
    img.className = "sd-chart__print-image";
    img.src = url;
    const title = el.layout && el.layout.title && el.layout.title.text;
    img.alt = "Chart: " + (title || "see the takeaway and data table below");
    el.insertAdjacentElement("afterend", img);
    el.classList.add("sd-chart__plot--imaged");
  });
}

/** Draw every plot of the page and image every chart; resolves to the number of charts. */
export async function prepare() {
  if (!document.querySelector(".sd-chart__plot")) return 0;
  const Plotly = await load();
  await drawUntilSettled();
  const charts = Array.from(document.querySelectorAll(".sd-chart__plot"));
  // One at a time: toImage re-renders off-screen, and many at once exhaust memory.
  for (const el of charts) await addImage(Plotly, el);
  return charts.length;
}
