/*
 * Typesets maths with the book's own copy of KaTeX (assets/vendor/katex/), only on pages
 * that have some.
 *
 * pymdownx.arithmatex (generic mode) leaves each formula as its TeX source, between
 * \( \) or \[ \], in a span or div of class "arithmatex"; a reader without JavaScript
 * still reads that source. Most pages have no maths, so KaTeX's stylesheet and script
 * (about 80 KB gzip with the fonts it needs) are fetched the first time a formula comes
 * near the screen, on a page opened directly or through Material's instant navigation.
 * KaTeX writes MathML beside its visual rendering, which is what screen readers read.
 *
 * A page feature (../features.js): fetched only on pages with an .arithmatex element.
 */
import { whenNear } from "../core/lazy.js";
import { onPage } from "../core/start.js";

var BASE = new URL("../../vendor/katex/", document.currentScript.src);
var ready = null;

function loadKatex() {
  if (!ready) {
    ready = new Promise(function (resolve, reject) {
      var sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = new URL("katex.min.css", BASE).href;
      document.head.appendChild(sheet);
      var script = document.createElement("script");
      script.src = new URL("katex.min.js", BASE).href;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + script.src)); };
      document.head.appendChild(script);
    });
  }
  return ready;
}

function typeset(el) {
  var source = el.textContent.trim();
  var display = source.indexOf("\\[") === 0;
  var tex = source.replace(/^\\[\[(]/, "").replace(/\\[\])]$/, "");
  // throwOnError false: a mistyped formula shows its source in red, not a blank.
  window.katex.render(tex, el, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
  el.classList.add("sd-maths--typeset");
}

// Each formula when it nears the screen (core/lazy.js), so KaTeX and its fonts are fetched
// and run only once the reader scrolls to the first one, not while the page loads. With
// KaTeX here already (printing draws everything waiting) a formula is typeset at once.
function typesetWhenLoaded(el) {
  if (el.classList.contains("sd-maths--typeset")) return undefined;
  if (window.katex) return typeset(el);
  return loadKatex().then(function () {
    if (!el.classList.contains("sd-maths--typeset")) typeset(el);
  });
}

function typesetPage() {
  document.querySelectorAll(".arithmatex:not(.sd-maths--typeset)").forEach(function (el) {
    whenNear(el, function () { return typesetWhenLoaded(el); });
  });
}

onPage(typesetPage);
