/*
 * The light/dark theme: one observer of Material's switch, and the colours a plot needs
 * to match the page. Charts and explorables draw with themePatch() and redraw through
 * onThemeChange() when the reader switches.
 */

const handlers = [];

/** fn() after every switch between light and dark. */
export function onThemeChange(fn) {
  handlers.push(fn);
}

new MutationObserver(() => handlers.forEach((fn) => {
  try { fn(); } catch (err) { console.error(err); }
})).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

// Material's own variables, resolved through a probe element to rgb()/rgba(), which
// plotly.js can parse (the raw variables hold hsla() with "deg" units).
function resolvedColour(variable, fallback) {
  const probe = document.createElement("span");
  probe.style.color = "var(" + variable + ", " + fallback + ")";
  probe.style.display = "none";
  document.body.appendChild(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour || fallback;
}

/** Every axis of a plotly layout (subplots have xaxis2, yaxis3 …), or the first pair. */
export function axisNames(layout) {
  const names = Object.keys(layout || {}).filter((key) => /^[xy]axis\d*$/.test(key));
  return names.length ? names : ["xaxis", "yaxis"];
}

/** Dotted paths of a plotly layout -> the given text, grid and line colours (and, when
 * given, the hover label's background). Shared by the theme switch and the print path. */
export function colourPatch(layout, { fg, grid, line, bg }) {
  const patch = { "font.color": fg, "title.font.color": fg, "legend.font.color": fg };
  if (bg) Object.assign(patch, { "hoverlabel.bgcolor": bg, "hoverlabel.font.color": fg });
  axisNames(layout).forEach((axis) => {
    patch[axis + ".gridcolor"] = grid;
    patch[axis + ".linecolor"] = line;
    patch[axis + ".zerolinecolor"] = line;
    patch[axis + ".tickcolor"] = line;
  });
  return patch;
}

/** Dotted paths of a plotly layout -> the current theme's text, grid and line colours. */
export function themePatch(layout) {
  return colourPatch(layout, {
    fg: resolvedColour("--md-default-fg-color", "#000000"),
    grid: resolvedColour("--md-default-fg-color--lightest", "#dddddd"),
    line: resolvedColour("--md-default-fg-color--lighter", "#aaaaaa"),
    bg: resolvedColour("--md-default-bg-color", "#ffffff")
  });
}

/** Write a patch of dotted paths ("legend.font.color", "a[0].b") into a layout object. */
export function applyPatch(layout, patch) {
  Object.keys(patch).forEach((path) => {
    const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    let node = layout;
    for (let i = 0; i < parts.length - 1; i++) {
      if (node[parts[i]] === undefined || node[parts[i]] === null) node[parts[i]] = {};
      node = node[parts[i]];
    }
    node[parts[parts.length - 1]] = patch[path];
  });
  return layout;
}
