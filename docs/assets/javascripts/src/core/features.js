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

const BASE = new URL("features/", document.currentScript.src);
const loading = {};

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

// After the first paint: the reader sees the text before any feature is fetched, parsed
// and set up (Lighthouse's simulated first paint otherwise waits for all of them).
onPage(() => afterFirstPaint(() => {
  FEATURES.forEach((feature) => {
    if (document.querySelector(feature.selector)) load(feature.name).catch((err) => console.error(err));
  });
}));
