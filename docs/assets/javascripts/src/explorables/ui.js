/*
 * Shared pieces of the book's explorables (chapter: modelling the spiral).
 *
 * An explorable is an element [data-sd-explorable="<name>"] in a chapter; its module
 * (explorables/<name>.js) hands its setup function to explorable(), which runs it on
 * every such element of every page shown, and redraws it when the reader switches
 * light/dark. Plots are drawn with the one shared plotly.js when they come near the
 * screen, as charts are (core/). Controls are native HTML inputs with labels, so the
 * keyboard works as everywhere.
 */
import { whenNear } from "../core/lazy.js";
import { withPlotly } from "../core/plotly.js";
import { onLeave, onPage } from "../core/start.js";
import { applyPatch, onThemeChange, themePatch } from "../core/theme.js";

let redrawers = [];  // the redraw functions of the explorables on the page shown
onLeave(() => { redrawers = []; });
onThemeChange(() => redrawers.forEach((redraw) => redraw()));

/** Run setup(root) on each [data-sd-explorable=name] of every page; it may return a redraw function. */
export function explorable(name, setup) {
  onPage(() => {
    // Built when it nears the screen, as plots are drawn: a phone loading the page does not
    // pay for controls the reader has not reached (Lighthouse: a 250 ms task at load).
    document.querySelectorAll('[data-sd-explorable="' + name + '"]').forEach((root) => whenNear(root, () => {
      if (root.dataset.sdReady) return;
      root.dataset.sdReady = "yes";
      root.textContent = "";
      const redraw = setup(root);
      if (typeof redraw === "function") redrawers.push(redraw);
    }));
  });
}

export function element(tag, attributes, text) {
  const el = document.createElement(tag);
  Object.keys(attributes || {}).forEach((key) => el.setAttribute(key, attributes[key]));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A labelled range input with its value shown in an <output>; onChange(value) on every move. */
export function slider(parent, spec, onChange) {
  const id = spec.id;
  const row = element("div", { "class": "sd-explorable__control" });
  const label = element("label", { "for": id });
  label.appendChild(element("span", { "class": "sd-explorable__label" }, spec.label));
  const out = element("output", { "for": id, "id": id + "-value" });
  label.appendChild(out);
  const input = element("input", {
    type: "range", id, min: spec.min, max: spec.max, step: spec.step, value: spec.value
  });
  row.appendChild(label);
  row.appendChild(input);
  if (spec.help) {
    row.appendChild(element("span", { "class": "sd-explorable__help", id: id + "-help" }, spec.help));
    input.setAttribute("aria-describedby", id + "-help");
  }
  function show() {
    const value = Number(input.value);
    const text = spec.format ? spec.format(value) : String(value);
    out.textContent = text;
    input.setAttribute("aria-valuetext", text);
  }
  input.addEventListener("input", () => { show(); onChange(Number(input.value)); });
  show();
  parent.appendChild(row);
  return {
    input,
    get: () => Number(input.value),
    set: (value) => { input.value = value; show(); }
  };
}

/** A labelled <select>; options is a list of [value, text]. */
export function select(parent, spec, onChange) {
  const row = element("div", { "class": "sd-explorable__control" });
  const label = element("label", { "for": spec.id });
  label.appendChild(element("span", { "class": "sd-explorable__label" }, spec.label));
  const input = element("select", { id: spec.id });
  spec.options.forEach((option) => {
    const opt = element("option", { value: option[0] }, option[1]);
    if (option[0] === spec.value) opt.selected = true;
    input.appendChild(opt);
  });
  input.addEventListener("change", () => onChange(input.value));
  row.appendChild(label);
  row.appendChild(input);
  parent.appendChild(row);
  return { input, get: () => input.value, set: (value) => { input.value = value; } };
}

/** The sentence that says what the plots show (read out on change). */
export function status(rootEl, uid) {
  const el = element("p", { "class": "sd-explorable__status", "aria-live": "polite", id: uid + "-status" });
  rootEl.appendChild(el);
  return el;
}

/**
 * The plot that stays on screen while the reader moves a control: the controls follow it
 * inside one stage, and on a phone it sticks under the header while they scroll by
 * (explorables.css). Returns the view; append the controls to its parent, the stage.
 */
export function view(rootEl) {
  const stage = element("div", { "class": "sd-explorable__stage" });
  const el = element("div", { "class": "sd-explorable__view" });
  stage.appendChild(el);
  rootEl.appendChild(stage);
  return el;
}

/** A phone: plots draw a compact form (shorter names, rounds in rows). */
export function narrow(el) {
  return el.clientWidth < 600;
}

/** A plot described by that sentence. */
export function figure(rootEl, uid, label) {
  const el = element("div", { "class": "sd-explorable__plot", role: "figure",
                              "aria-describedby": uid + "-status", "aria-label": label });
  rootEl.appendChild(el);
  return el;
}

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif";

// The book's chart layout (sdbook.style.base_layout) with the current theme applied.
// The legend always sits under the plot: explorables redraw on every move, and a
// legend above would push the plot up and down as its entries change.
export function layout(el, title, extra) {
  const narrow = el.clientWidth < 600;
  const base = {
    title: { text: title, x: 0, xanchor: "left", font: { size: narrow ? 14 : 15 } },
    font: { family: FONT, size: narrow ? 12 : 13 },
    paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
    margin: { l: 56, r: 16, t: 40, b: narrow ? 150 : 110 },
    // measured against the whole width: a key measured against the plot's width alone
    // puts one entry on each row on a phone
    legend: { orientation: "h", x: 0, xref: "container", y: 0, yref: "container", yanchor: "bottom",
              font: { size: narrow ? 11 : 12 } },
    hovermode: "closest"
  };
  Object.keys(extra || {}).forEach((key) => { base[key] = extra[key]; });
  return applyPatch(base, themePatch());
}

// No toolbar: on a phone it covers the plot's key, and its share button would upload the
// figure to Plotly's cloud (a drag still zooms, a double click resets).
const CONFIG = { responsive: true, displaylogo: false, displayModeBar: false,
                 showSendToCloud: false, showEditInChartStudio: false };

function react(el, data, plotLayout) {
  return withPlotly((Plotly) => Plotly.react(el, data, plotLayout, CONFIG))
    .then(() => { el.dataset.sdState = "drawn"; })
    .catch((err) => { el.dataset.sdState = "error"; console.error(err); });
}

/**
 * Draw or redraw a plot. Its first drawing waits until it comes near the screen (plotly.js
 * is then fetched only for a reader who scrolls there); later calls redraw at once.
 */
export function plot(el, data, plotLayout) {
  if (el.dataset.sdState === "drawn") return react(el, data, plotLayout);
  whenNear(el, () => react(el, data, plotLayout));
  return Promise.resolve();
}
