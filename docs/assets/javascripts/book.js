/*
 * Small behaviours of every page. A table wider than the screen scrolls inside the
 * wrapper Material gives it, and a long line of code inside its <code>: make each such box a
 * named, focusable region, so keyboard users can scroll it too (axe:
 * scrollable-region-focusable). No two regions of a page share a name (axe: landmark-unique).
 */
(function () {
  "use strict";

  var SCROLLERS = ".md-typeset__scrollwrap, .md-typeset pre > code";

  function label(wrapper) {
    if (wrapper.tagName === "CODE") return "Code example";
    var caption = wrapper.querySelector("caption");
    var heading = wrapper.querySelector("th");
    return "Table: " + ((caption && caption.textContent) || (heading && heading.textContent) || "data").trim();
  }

  function uniqueLabel(wrapper) {
    var text = label(wrapper), name = text, count = 2, used = {};
    document.querySelectorAll("[role=region][aria-label]").forEach(function (el) {
      if (el !== wrapper) used[el.getAttribute("aria-label")] = true;
    });
    while (used[name]) name = text + " (" + count++ + ")";
    return name;
  }

  function makeRegion(wrapper) {
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", uniqueLabel(wrapper));
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

  // Every table starts as a focusable region (no measuring), and the ones that turn out not
  // to overflow are released when they come near the screen. Measuring all of them at load
  // forced an extra layout of the whole page: about 0.3 s of a phone's main thread on a long
  // chapter (Lighthouse, mobile). Inside an observer's callback the layout is already done.
  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) { if (entry.isIntersecting) mark(entry.target); });
      }, { rootMargin: "200px 0px" })
    : null;

  function watchTables() {
    document.querySelectorAll(SCROLLERS).forEach(function (wrapper) {
      if (!observer) return mark(wrapper);
      makeRegion(wrapper);
      observer.unobserve(wrapper);
      observer.observe(wrapper);
    });
  }

  var timer = null;
  function soon() { clearTimeout(timer); timer = setTimeout(watchTables, 100); }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(soon);  // after Material has wrapped the page's tables
  } else {
    document.addEventListener("DOMContentLoaded", soon);
  }
  window.addEventListener("resize", soon);
  // Tables inside a <details> (model answers, chart data) only overflow once opened.
  document.addEventListener("toggle", function (event) {
    if (event.target.querySelectorAll) event.target.querySelectorAll(SCROLLERS).forEach(mark);
  }, true);
})();
