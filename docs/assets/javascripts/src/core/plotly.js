/*
 * The one local plotly.js bundle (docs/assets/vendor/, recipe beside it), fetched the first
 * time something is drawn. With it loaded, withPlotly() draws synchronously: printing
 * needs every plot in place within the beforeprint event.
 */

const BUNDLE = new URL("../vendor/plotly-book-4.1.1.min.js", document.currentScript.src).href;
let loading = null;

export function load() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = BUNDLE;
      script.onload = () => {
        // No plot anywhere offers to upload itself to Plotly's cloud (this build's default
        // is to show that button); tests/test_browser_platform.py checks every page.
        window.Plotly.setPlotConfig({ showSendToCloud: false, showEditInChartStudio: false });
        resolve(window.Plotly);
      };
      script.onerror = () => reject(new Error("could not load " + BUNDLE));
      document.head.appendChild(script);
    });
  }
  return loading;
}

/**
 * plotly.js now, synchronously, or null. Only for the print path: the browser lays out the
 * printed page as soon as the beforeprint handlers return, so a chart the reader never
 * scrolled to can be drawn on paper only if plotly.js arrives within that event. A blocking
 * request for the (cached or local) bundle is the one way to have it there; it is never
 * made while reading. From a folder (file://) Chromium refuses it; the charts' tables print.
 */
export function loadNow() {
  if (window.Plotly) return window.Plotly;
  try {
    const request = new XMLHttpRequest();
    request.open("GET", BUNDLE, false);
    request.send();
    if (request.status === 200 && request.responseText) {
      const script = document.createElement("script");
      script.text = request.responseText;  // an inline script runs as soon as it is inserted
      document.head.appendChild(script);
    }
  } catch (err) {
    console.error("plotly.js could not be loaded for print: " + err);
  }
  return window.Plotly || null;
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
