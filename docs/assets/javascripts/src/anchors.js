/*
 * A link to a heading lands on it. Long pages are cut into blocks that the browser lays
 * out only near the screen (sdbook/platform/sections.py, book.css); before that each
 * block is as tall as an estimate. Jumping to a heading far down, the blocks just above
 * it are then laid out at their real height and push it off the screen (Chromium does not
 * correct the scroll for them: /modelling/#fits landed 3,000 px above its heading). So
 * when a page is shown with a #target, and whenever the target changes, every block
 * before the target is laid out for real (class sd-chunk--shown) and the target scrolled
 * to again, and kept there while the page above it settles.
 */
import { onPage } from "./core/start.js";

const CHUNK = ".sd-chunk";

function target() {
  if (!location.hash) return null;
  try {
    return document.getElementById(decodeURIComponent(location.hash.slice(1)));
  } catch (err) {
    return null;  // a malformed hash
  }
}

function landOnTarget() {
  const el = target();
  if (!el || !document.querySelector(CHUNK)) return;
  document.querySelectorAll(CHUNK).forEach((chunk) => {
    // the target comes after this block, or inside it
    const after = chunk.compareDocumentPosition(el);
    if (after & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)) {
      chunk.classList.add("sd-chunk--shown");
    }
  });
  el.scrollIntoView();
  keepInPlace(el);
}

// What is built or typeset as the reader arrives (explorables, maths, charts near the
// target) may grow above it as well: for a few seconds, until the reader scrolls or types,
// the target is scrolled back into place whenever the page's height changes.
const SETTLE_MS = 3000;
let settling = null;

function keepInPlace(el) {
  if (settling) settling();
  if (!("ResizeObserver" in window)) return;
  const observer = new ResizeObserver(() => el.scrollIntoView());
  const stop = () => {
    observer.disconnect();
    ["wheel", "touchstart", "keydown", "mousedown"].forEach((type) => window.removeEventListener(type, stop, true));
    settling = null;
  };
  ["wheel", "touchstart", "keydown", "mousedown"].forEach((type) => window.addEventListener(type, stop, true));
  observer.observe(document.body);
  setTimeout(stop, SETTLE_MS);
  settling = stop;
}

onPage(landOnTarget);
window.addEventListener("hashchange", landOnTarget);
