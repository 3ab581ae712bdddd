/*
 * The one start-up path. Material's instant navigation swaps pages without reloading and
 * announces each page on its `document$` observable; without Material (or before its
 * bundle has run) the page is announced once, on DOMContentLoaded.
 *
 * onPage(fn): fn runs for every page shown, and at once for the current page if one is
 * already shown, so a feature script fetched late still sets its page up.
 * onLeave(fn): fn runs when the reader leaves a page (before the next page's onPage), so
 * whatever a module held for that page is released.
 */

const shownHandlers = [];
const leaveHandlers = [];
let pageShown = false;

function call(fn) {
  try { fn(); } catch (err) { console.error(err); }  // one feature failing leaves the others working
}

export function onPage(fn) {
  shownHandlers.push(fn);
  if (pageShown) call(fn);
}

export function onLeave(fn) {
  leaveHandlers.push(fn);
}

function show() {
  if (pageShown) leaveHandlers.forEach(call);
  pageShown = true;
  shownHandlers.forEach(call);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(show);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", show);
} else {
  show();
}
