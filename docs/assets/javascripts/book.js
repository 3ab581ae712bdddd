/*
 * Small behaviours of every page. A table wider than the screen scrolls inside the
 * wrapper Material gives it: make that wrapper a named, focusable region, so keyboard
 * users can scroll it too (axe: scrollable-region-focusable).
 */
(function () {
  "use strict";

  function label(wrapper) {
    var caption = wrapper.querySelector("caption");
    var heading = wrapper.querySelector("th");
    return "Table: " + ((caption && caption.textContent) || (heading && heading.textContent) || "data").trim();
  }

  function markScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", label(wrapper));
      } else {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    });
  }

  var timer = null;
  function soon() { clearTimeout(timer); timer = setTimeout(markScrollingTables, 100); }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(soon);  // after Material has wrapped the page's tables
  } else {
    document.addEventListener("DOMContentLoaded", soon);
  }
  window.addEventListener("resize", soon);
  // Tables inside a <details> (model answers) only overflow once opened.
  document.addEventListener("toggle", soon, true);
})();
