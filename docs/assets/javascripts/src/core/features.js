/*
 * Fetches each page feature's script (features/<name>.js, listed in ../features.js) on the
 * pages that have its markup, including pages reached by Material's instant navigation,
 * once per visit, after the page's first paint. Pages without the markup never download
 * it. The script sets its page up through onPage (core/start.js), which replays the
 * current page to a late subscriber.
 */
import { FEATURES } from "../features.js";
import { afterFirstPaint } from "./lazy.js";
import { onPage } from "./start.js";
import { runNow } from "./blocking.js";

const BASE = new URL("features/", document.currentScript.src);
const loading = {};
// The features whose script has run on this page. Each built feature file starts by adding
// its name here and does nothing if it is already in (build.mjs wraps it so): the print
// path can then fetch a feature whose script tag is still on its way.
export const ran = new Set();

function load(name) {
  if (!loading[name]) {
    loading[name] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(name + ".js", BASE).href;
      script.onload = resolve;
      script.onerror = () => reject(new Error("could not load " + script.src));
      document.head.appendChild(script);
    });
  }
  return loading[name];
}

/**
 * The print features this page uses and has not yet asked for, fetched and run now, within
 * the beforeprint event (core/print.js): a reader who prints in the first second of a
 * visit, before the features are fetched, would otherwise get blank charts. Their page
 * set-up runs at once (onPage replays the current page), so their plots join the draw
 * queue before it is emptied. A copy still on its way does nothing when it arrives (`ran`).
 * A blocking request (./blocking.js), as for plotly.js.
 */
export function loadForPrint() {
  FEATURES.forEach((feature) => {
    if (!feature.print || ran.has(feature.name) || !document.querySelector(feature.selector)) return;
    if (runNow(new URL(feature.name + ".js", BASE).href)) {
      loading[feature.name] = loading[feature.name] || Promise.resolve();
    }
  });
}

// After the first paint: the reader sees the text before any feature is fetched, parsed
// and set up (Lighthouse's simulated first paint otherwise waits for all of them).
onPage(() => afterFirstPaint(() => {
  FEATURES.forEach((feature) => {
    if (document.querySelector(feature.selector)) load(feature.name).catch((err) => console.error(err));
  });
}));
