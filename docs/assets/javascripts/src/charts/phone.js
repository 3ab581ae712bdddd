/*
 * A chart's layout on a phone: a title too long for one line wraps at word boundaries;
 * the legend moves under the chart, where its entries get their own room; the chart
 * grows by what the title and legend need, so the plot itself keeps its height.
 */
import { axisNames } from "../core/theme.js";

export const PHONE_WIDTH = 600;
const TITLE_PX_PER_CHAR = 8.2;  // 15 px system font, measured on the book's titles

export function wrapTitle(el, text) {
  if (!text || el.clientWidth >= PHONE_WIDTH) return text;
  const limit = Math.max(20, Math.floor((el.clientWidth - 16) / TITLE_PX_PER_CHAR));
  const lines = [];
  let line = "";
  String(text).split(/\s+/).forEach((word) => {
    if (line && (line + " " + word).length > limit) { lines.push(line); line = word; }
    else line = line ? line + " " + word : word;
  });
  if (line) lines.push(line);
  return lines.join("<br>");
}

// Rows a horizontal legend will take at this width: entries are packed left to right
// (symbol and gap about 40 px, text about 6.2 px a character at 11 px); a group title
// takes a row of its own.
function legendRows(figure, width) {
  let rows = 0, used = width;
  const groups = {};
  (figure.data || []).forEach((trace) => {
    if (trace.showlegend === false || !trace.name) return;
    const title = trace.legendgrouptitle && trace.legendgrouptitle.text;
    if (title && !groups[trace.legendgroup]) {
      groups[trace.legendgroup] = true;
      rows += 1;
      used = width;
    }
    const entry = 40 + 6.2 * String(trace.name).length;
    if (used + entry > width) { rows += 1; used = 0; }
    used += entry;
  });
  return rows;
}

/** The layout changes a chart needs at el's width (none on a wide screen). */
export function narrowPatch(el, figure) {
  const layout = figure.layout || {};
  if (el.clientWidth >= PHONE_WIDTH) return {};
  const margin = layout.margin || {};
  let top = margin.t === undefined ? 70 : margin.t, bottom = margin.b === undefined ? 50 : margin.b;
  const title = layout.title && layout.title.text;
  const wrapped = wrapTitle(el, title);
  const extraTop = wrapped ? (wrapped.split("<br>").length - 1) * 19 : 0;
  const patch = { "title.font.size": 15, "xaxis.title.font.size": 11, "yaxis.title.font.size": 11 };
  if (title) patch["title.text"] = wrapped;
  let extraBottom = 0;
  const rows = layout.showlegend === false ? 0 : legendRows(figure, el.clientWidth - 20);
  if (rows > 0) {
    // The legend's room replaces whatever the wide layout kept at the bottom (menus,
    // a legend of fewer rows): tick labels and the axis title, then the legend's rows.
    const xTitle = axisNames(layout).some((axis) =>
      axis.charAt(0) === "x" && layout[axis] && layout[axis].title && layout[axis].title.text);
    const newBottom = (xTitle ? 78 : 52) + 21 * rows + 12;
    extraBottom = newBottom - bottom;
    bottom = newBottom;
    Object.assign(patch, { "legend.yref": "container", "legend.y": 0, "legend.yanchor": "bottom",
                           "legend.font.size": 11 });
    top = Math.min(top, 60);  // the legend no longer sits above the plot
  }
  patch["margin.t"] = top + extraTop;
  patch["margin.b"] = rows > 0 ? bottom : bottom + extraBottom;
  patch.height = (layout.height || 440) + extraTop + extraBottom - ((margin.t || 70) - top);
  return patch;
}
