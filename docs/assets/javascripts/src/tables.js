/*
 * Tables and code of every page. A table wider than the screen scrolls inside the wrapper
 * Material gives it, and a long line of code inside its <code>: each such box becomes a
 * named, focusable region, so keyboard users can scroll it too (axe:
 * scrollable-region-focusable). No two regions of a page share a name (axe: landmark-unique).
 *
 * Every wrapper starts as a region (no measuring), and the ones that turn out not to
 * overflow are released when they come near the screen (core/lazy.js). Measuring all of
 * them at load forced an extra layout of the whole page: about 0.3 s of a phone's main
 * thread on a long chapter (Lighthouse, mobile).
 */
import { whenNear } from "./core/lazy.js";
import { onPage } from "./core/start.js";

const WRAPPER = ".md-typeset__scrollwrap, .md-typeset pre > code";

function label(wrapper) {
  if (wrapper.tagName === "CODE") return "Code example";
  const caption = wrapper.querySelector("caption");
  const heading = wrapper.querySelector("th");
  return "Table: " + ((caption && caption.textContent) || (heading && heading.textContent) || "data").trim();
}

function uniqueLabel(wrapper) {
  const text = label(wrapper), used = new Set();
  document.querySelectorAll("[role=region][aria-label]").forEach((el) => {
    if (el !== wrapper) used.add(el.getAttribute("aria-label"));
  });
  let name = text, count = 2;
  while (used.has(name)) name = text + " (" + count++ + ")";
  return name;
}

function makeRegion(wrapper) {
  wrapper.setAttribute("tabindex", "0");
  wrapper.setAttribute("role", "region");
  if (!wrapper.hasAttribute("aria-label")) wrapper.setAttribute("aria-label", uniqueLabel(wrapper));
}

function mark(wrapper) {
  if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
    makeRegion(wrapper);
  } else {
    wrapper.removeAttribute("tabindex");
    wrapper.removeAttribute("role");
    wrapper.removeAttribute("aria-label");
  }
}

function watchTables() {
  document.querySelectorAll(WRAPPER).forEach((wrapper) => {
    makeRegion(wrapper);
    whenNear(wrapper, () => mark(wrapper));
  });
}

let timer = null;
function soon() { clearTimeout(timer); timer = setTimeout(watchTables, 100); }

onPage(soon);  // a moment later: after Material has wrapped the page's tables
window.addEventListener("resize", soon);
// Tables inside a <details> (model answers, chart data) only overflow once opened.
document.addEventListener("toggle", (event) => {
  if (event.target.querySelectorAll) event.target.querySelectorAll(WRAPPER).forEach(mark);
}, true);
