/*
 * The HTML under a chart that replaces plotly's own toolbar and menus: on phones plotly's
 * toolbar covers titles, it adds eight tab stops per chart, its buttons are not themed,
 * and its menu buttons are SVG without keyboard focus. These work offline and from the
 * keyboard: download a PNG, reset zoom, and the figure's view switches.
 */
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
    Plotly.downloadImage(el, { format: "png", filename: name, width: el.clientWidth,
                               height: el.clientHeight, scale: 2 });
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
