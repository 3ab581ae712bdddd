/*
 * The one path to paper. Before the browser prints, everything still waiting to be drawn
 * (core/lazy.js) is drawn now; features add what else paper needs with onBeforePrint and
 * undo it with onAfterPrint.
 *
 * prepare() readies the whole-book page (print-site plugin) for printing or for
 * tools/book_pdf.py: it draws every chart and explorable plot, waits until each has drawn
 * (or failed), then puts a PNG of each chart beside it, which print CSS (classroom.css)
 * shows instead of the interactive plot: a static image prints the same in every browser
 * and PDF.
 */
import { drawAllWaiting } from "./lazy.js";
import { load } from "./plotly.js";

const before = [], after = [];
const PLOTS = ".sd-chart__plot, .sd-explorable__plot";
const TIMEOUT_MS = 120000;

export function onBeforePrint(fn) { before.push(fn); }
export function onAfterPrint(fn) { after.push(fn); }

function callAll(fns) {
  fns.forEach((fn) => { try { fn(); } catch (err) { console.error(err); } });
}

window.addEventListener("beforeprint", () => {
  drawAllWaiting();
  callAll(before);
});
window.addEventListener("afterprint", () => callAll(after));

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
