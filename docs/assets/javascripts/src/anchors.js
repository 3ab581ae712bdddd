/*
 * A link to a heading lands on it. What is built, drawn or typeset as the reader arrives
 * (explorables, maths, charts above the target) changes the height of the page above the
 * heading after the browser has scrolled to it, and Chromium does not correct the scroll
 * for that (/modelling/#richardson-test landed 1,349 px away). So when a page is shown with
 * a #target, and whenever the target changes, the target is scrolled to again and kept
 * there while the page above it settles.
 */
import { onPage } from "./core/start.js";

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
  if (!el) return;
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
