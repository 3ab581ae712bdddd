/*
 * Glossary marks (<abbr class="sd-term" title="definition">) show their definition in one
 * shared tooltip, on hover and on keyboard focus.
 *
 * Why not Material's `content.tooltips`: it mounts a tooltip component (with its own
 * observers) on every titled element when the page loads. On a chapter with 170 marks
 * that cost over a second of main-thread time on Lighthouse's mobile profile. Here one
 * listener on the document serves every mark, so the page's load does no work at all.
 *
 * The tooltip follows WCAG 1.4.13: it can be dismissed (Escape), hovered (the pointer
 * may move onto it) and it stays until focus or pointer leaves. While shown, the mark
 * is described by it (aria-describedby); the title moves to data-sd-title so that the
 * browser's own tooltip does not appear on top of it.
 */
import { onPage } from "../core/start.js";

var MARK = "abbr.sd-term";
var tip = null;
var current = null;
var hideTimer = null;

function tooltip() {
  if (tip && document.body.contains(tip)) return tip;
  tip = document.createElement("div");
  tip.id = "sd-tip";
  tip.className = "sd-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  tip.addEventListener("mouseleave", function () { hideSoon(); });
  document.body.appendChild(tip);
  return tip;
}

function definition(mark) {
  var title = mark.getAttribute("title");
  if (title) {
    mark.setAttribute("data-sd-title", title);
    mark.removeAttribute("title");
  }
  return mark.getAttribute("data-sd-title") || "";
}

function place(box, mark) {
  var rect = mark.getBoundingClientRect();
  var margin = 8;
  var width = Math.min(box.offsetWidth, window.innerWidth - 2 * margin);
  var left = Math.max(margin, Math.min(rect.left + rect.width / 2 - width / 2,
                                       window.innerWidth - width - margin));
  var below = rect.bottom + margin;
  var top = below + box.offsetHeight > window.innerHeight && rect.top > box.offsetHeight + margin
    ? rect.top - box.offsetHeight - margin
    : below;
  box.style.left = (left + window.scrollX) + "px";
  box.style.top = (top + window.scrollY) + "px";
}

function show(mark) {
  clearTimeout(hideTimer);
  var box = tooltip();
  if (current && current !== mark) current.removeAttribute("aria-describedby");
  current = mark;
  box.textContent = definition(mark);
  box.hidden = false;
  mark.setAttribute("aria-describedby", box.id);
  place(box, mark);
}

function hide() {
  clearTimeout(hideTimer);
  if (tip) tip.hidden = true;
  if (current) current.removeAttribute("aria-describedby");
  current = null;
}

// A short delay lets the pointer cross the gap from the mark onto the tooltip.
function hideSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, 150);
}

function markOf(event) {
  return event.target && event.target.closest ? event.target.closest(MARK) : null;
}

document.addEventListener("mouseover", function (event) {
  var mark = markOf(event);
  if (mark) show(mark);
});
document.addEventListener("mouseout", function (event) {
  if (markOf(event) && !(event.relatedTarget && tip && tip.contains(event.relatedTarget))) hideSoon();
});
document.addEventListener("focusin", function (event) {
  var mark = markOf(event);
  if (mark) show(mark);
});
document.addEventListener("focusout", function (event) {
  if (markOf(event)) hide();
});
document.addEventListener("keydown", function (event) {
  if (event.key === "Escape" && current) hide();
});
// Material's instant navigation swaps the page without a reload.
window.addEventListener("scroll", function () { if (current) place(tip, current); }, { passive: true });
onPage(hide);
