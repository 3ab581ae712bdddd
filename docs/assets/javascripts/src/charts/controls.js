/*
 * The HTML under a chart that replaces plotly's own toolbar and menus: on phones plotly's
 * toolbar covers titles, it adds eight tab stops per chart, its buttons are not themed,
 * and its menu buttons are SVG without keyboard focus. These work offline and from the
 * keyboard: download a PNG, reset zoom, and the figure's view switches.
 */
import { applyPatch } from "../core/theme.js";
import { wrapTitle } from "./phone.js";

export function removeControls(el) {
  let next = el.nextElementSibling;
  while (next && next.classList.contains("sd-chart__controls")) {
    const gone = next;
    next = next.nextElementSibling;
    gone.remove();
  }
}

function controlGroup(label, extraClass) {
  const group = document.createElement("div");
  group.className = "sd-chart__controls " + extraClass;
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", label);
  return group;
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "md-button sd-chart__menu-button";
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

export function addTools(el, originalLayout, Plotly) {
  const name = (el.closest("figure") && el.closest("figure").dataset.sdName) || "chart";
  const group = controlGroup("Chart tools", "sd-chart__tools");
  group.appendChild(button("Download image (PNG)", () => {
    const figure = exportFigure(el);
    Plotly.toImage(figure, { format: "png", width: figure.layout.width, height: figure.layout.height,
                             scale: 2 }).then((url) => {
      const link = document.createElement("a");
      link.href = url;
      link.download = name + ".png";
      link.click();
    });
  }));
  group.appendChild(button("Reset zoom", () => {
    const reset = {};
    Object.keys(el.layout).forEach((key) => {
      if (!/^[xy]axis\d*$/.test(key)) return;
      const given = originalLayout[key] && originalLayout[key].range;
      if (given) reset[key + ".range"] = given.slice();
      else reset[key + ".autorange"] = true;
    });
    Plotly.relayout(el, reset);
  }));
  el.insertAdjacentElement("afterend", group);
}

const PAD = 20;          // px of white around the exported picture
const CREDIT_LINE = 16;  // px per line of the 11-px credit

// Credit lines cut to the picture's width (under 6 px a character at 11 px).
function creditLines(text, width) {
  const limit = Math.floor((width - 2 * PAD) / 5.8);
  const lines = [];
  text.split("\n").forEach((paragraph) => {
    let line = "";
    paragraph.split(" ").forEach((word) => {
      if (line && (line + " " + word).length > limit) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    lines.push(line);
  });
  return lines;
}

/**
 * The chart as a stand-alone picture: on white with dark text whatever the page's theme,
 * a margin all round, and under it the source and licence lines of its figure
 * (data-sd-credit, written by sdbook/display.py) and where it was published.
 */
export function exportFigure(el) {
  const layout = JSON.parse(JSON.stringify(el.layout));
  const fig = el.closest("figure");
  const width = Math.max(el.clientWidth, 480);
  const credit = ((fig && fig.dataset.sdCredit) || "") +
    "\nChart: The Security Dilemma (CC BY 4.0), " + location.origin + location.pathname;
  const lines = creditLines(credit, width);
  const extra = lines.length * CREDIT_LINE + PAD + 10;
  const margin = layout.margin || {};
  // The bottom margin as drawn: plotly widens a margin a legend does not fit in, and the
  // credit hangs from the plot's foot, so a margin taken from the layout alone put the credit
  // over the last rows of a tall legend.
  const drawn = el._fullLayout && el._fullLayout._size;
  const bottom = Math.max(margin.b === undefined ? 80 : margin.b, drawn ? Math.ceil(drawn.b) : 0);
  const ink = "#222222", grid = "#dddddd";
  layout.font = Object.assign({}, layout.font, { color: ink });
  layout.title = Object.assign({}, layout.title, { xref: "container", x: 0, xanchor: "left",
                                                   pad: { l: PAD, t: PAD } });
  applyPatch(layout, { "title.font.color": ink, "legend.font.color": ink });
  Object.keys(layout).filter((key) => /^[xy]axis\d*$/.test(key)).forEach((key) => {
    Object.assign(layout[key], { gridcolor: grid, linecolor: "#aaaaaa", zerolinecolor: "#aaaaaa" });
  });
  layout.paper_bgcolor = "#ffffff";
  layout.plot_bgcolor = "#ffffff";
  layout.width = width + 2 * PAD;
  layout.height = (layout.height || el.clientHeight) + extra + PAD;
  layout.margin = Object.assign({}, margin, { l: (margin.l || 60) + PAD, r: (margin.r || 20) + PAD,
                                              t: (margin.t || 70) + PAD, b: bottom + extra });
  // A legend pinned to the picture's foot moves up above the credit.
  if (layout.legend && layout.legend.yref === "container") layout.legend.y = (extra - PAD / 2) / layout.height;
  layout.annotations = (layout.annotations || []).concat([{
    text: lines.join("<br>"), showarrow: false, align: "left", xref: "paper", yref: "paper",
    x: 0, xanchor: "left", xshift: -(layout.margin.l - PAD), y: 0, yanchor: "top",
    yshift: -(bottom + 10), font: { size: 11, color: "#444444" }
  }]);
  return { data: el.data, layout };
}

export function addMenu(el, menu, Plotly) {
  const group = controlGroup("Chart view", "sd-chart__menu");
  menu.buttons.forEach((spec, index) => {
    const b = button(spec.label, () => {
      const relayout = Object.assign({}, spec.args[1] || {});
      if (relayout["title.text"]) relayout["title.text"] = wrapTitle(el, relayout["title.text"]);
      Plotly.update(el, spec.args[0], relayout);
      group.querySelectorAll("button").forEach((other) => {
        other.setAttribute("aria-pressed", String(other === b));
      });
    });
    b.setAttribute("aria-pressed", String(index === (menu.active || 0)));
    group.appendChild(b);
  });
  el.insertAdjacentElement("afterend", group);
}
