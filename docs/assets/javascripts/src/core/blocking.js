/*
 * A script fetched and run within the current event: only for the print path (beforeprint),
 * where the browser lays out the printed page as soon as the handlers return, so anything
 * drawn on paper must arrive before then. A blocking request for a (cached or local) file
 * is the one way to have it there; it is never made while reading. From a folder (file://)
 * Chromium refuses it, and the caller prints what it can without.
 */

/** Fetch url synchronously and run it as an inline script; whether it ran. */
export function runNow(url) {
  try {
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    request.send();
    if (request.status !== 200 || !request.responseText) return false;
    const script = document.createElement("script");
    script.text = request.responseText;  // an inline script runs as soon as it is inserted
    document.head.appendChild(script);
    return true;
  } catch (err) {
    console.error("could not load " + url + " for print: " + err);
    return false;
  }
}
