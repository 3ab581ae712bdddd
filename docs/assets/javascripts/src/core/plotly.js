/*
 * The one local plotly.js bundle (docs/assets/vendor/, recipe beside it), fetched the first
 * time something is drawn. With it loaded, withPlotly() draws synchronously: printing
 * needs every plot in place within the beforeprint event.
 */
import { runNow } from "./blocking.js";

const BUNDLE = new URL("../vendor/plotly-book-4.1.1.min.js", document.currentScript.src).href;
let loading = null;

// No plot anywhere offers to upload itself to Plotly's cloud (this build's default is to
// show that button); tests/test_browser.py checks every page.
function configure() {
  window.Plotly.setPlotConfig({ showSendToCloud: false, showEditInChartStudio: false });
  return window.Plotly;
}

export function load() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = BUNDLE;
      script.onload = () => resolve(configure());
      script.onerror = () => reject(new Error("could not load " + BUNDLE));
      document.head.appendChild(script);
    });
  }
  return loading;
}

/**
 * plotly.js now, synchronously, or null: for the print path only (see ./blocking.js); a
 * chart the reader never scrolled to can be drawn on paper only if plotly.js arrives within
 * the beforeprint event. Without it (from a folder), the charts' tables print.
 */
export function loadNow() {
  if (window.Plotly) return window.Plotly;
  return runNow(BUNDLE) && window.Plotly ? configure() : null;
}

/** draw(Plotly) now if plotly.js is here, else once it has arrived; a promise of its result. */
export function withPlotly(draw) {
  if (window.Plotly) {
    try {
      return Promise.resolve(draw(window.Plotly));
    } catch (err) {
      return Promise.reject(err);
    }
  }
  return load().then(draw);
}
