/*
 * Loads the explorables' scripts only on pages that have one.
 *
 * An explorable is an element [data-sd-explorable="<name>"]; its script is
 * explorables/<name>.js, and all but four-worlds build on explorables/ui.js. Most
 * pages have none, so these scripts (about 12 KB gzip) are fetched when a page that
 * shows one is opened, directly or through Material's instant navigation, and once
 * per visit. Each script then finds its elements through Material's document$, which
 * replays the current page to a late subscriber.
 */
(function () {
  "use strict";

  var BASE = new URL("explorables/", document.currentScript.src);
  var STANDALONE = { "four-worlds": true };  // does not use the shared ui.js
  var loading = {};

  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(file + ".js", BASE).href;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + script.src)); };
        document.head.appendChild(script);
      });
    }
    return loading[file];
  }

  function loadExplorables() {
    document.querySelectorAll("[data-sd-explorable]").forEach(function (el) {
      var name = el.dataset.sdExplorable;
      if (!/^[a-z0-9-]+$/.test(name)) {
        console.error("explorable name not allowed: " + name);
        return;
      }
      var ready = STANDALONE[name] ? Promise.resolve() : load("ui");
      ready.then(function () { return load(name); }).catch(function (error) { console.error(error); });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(loadExplorables);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", loadExplorables);
  } else {
    loadExplorables();
  }
})();
