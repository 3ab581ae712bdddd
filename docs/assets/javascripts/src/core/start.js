/*
 * The one start-up path. Material's instant navigation swaps pages without reloading and
 * announces each page on its `document$` observable; without Material the page is
 * announced once, on DOMContentLoaded. Opened from a folder (file://), Material's
 * document$ never announces the first page (its instant navigation cannot fetch there),
 * so the first page is also announced on DOMContentLoaded, and only once.
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

// Material's document$ announces every page, the first one included, except from a folder;
// DOMContentLoaded (a moment later, to let Material go first) announces the first page
// only if Material has not. Whichever comes second for the first page is ignored.
let materialAnnounced = false, announcedFirst = false;

function firstPage() {
  if (materialAnnounced || announcedFirst) return;
  announcedFirst = true;
  show();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => setTimeout(firstPage));
} else {
  setTimeout(firstPage);
}
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => {
    const first = !materialAnnounced;
    materialAnnounced = true;
    if (first && announcedFirst) return;  // the first page, already announced
    show();
  });
}
