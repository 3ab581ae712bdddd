/*
 * Jervis's four worlds (chapter: the core logic, docs/core-logic/index.md).
 *
 * The chapter holds the whole explorable as a plain table: two column headers (which
 * side has the advantage), two row headers (can the postures be told apart) and four
 * cells, one per world, each with its label, prediction and example. Without this
 * script the table is the explorable. With it, the table becomes a compact grid of
 * buttons, two radio groups choose a world by its conditions, and a live panel shows
 * the chosen world's content, copied from its cell. No content lives in this file.
 *
 * Markup contract (all on [data-sd-explorable="four-worlds"]):
 *   data-sd-questions   "question about the columns|question about the rows"
 *   data-sd-default     id of the world shown first (a #world-id in the URL wins)
 *   th[scope=col|row][data-sd-value]   the conditions; cells carry
 *   td[id][data-sd-col][data-sd-row]   the values of their column and row header.
 * Set up on every page shown (onPage, so after instant navigation too); each element once.
 */
import { onPage } from "../core/start.js";

var SELECTOR = '[data-sd-explorable="four-worlds"]';
var counter = 0;

function text(el) { return el.textContent.replace(/\s+/g, " ").trim(); }

function radioGroup(legendText, name, headers, onChange) {
  var fieldset = document.createElement("fieldset");
  fieldset.className = "sd-four-worlds__group";
  var legend = document.createElement("legend");
  legend.textContent = legendText;
  fieldset.appendChild(legend);
  headers.forEach(function (th) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = th.dataset.sdValue;
    input.addEventListener("change", function () { if (input.checked) onChange(); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text(th)));
    fieldset.appendChild(label);
  });
  return fieldset;
}

function setUp(root) {
  if (root.dataset.sdReady) return;
  var table = root.querySelector("table");
  var cells = Array.prototype.slice.call(root.querySelectorAll("td[data-sd-col][data-sd-row]"));
  var cols = Array.prototype.slice.call(root.querySelectorAll('th[scope="col"][data-sd-value]'));
  var rows = Array.prototype.slice.call(root.querySelectorAll('th[scope="row"][data-sd-value]'));
  if (!table || cells.length !== cols.length * rows.length || !cells.length) {
    console.error("four-worlds: the table does not have one cell per pair of conditions");
    return;
  }
  root.dataset.sdReady = "true";
  var questions = (root.dataset.sdQuestions || "|").split("|");
  var id = "sd-four-worlds-" + (++counter);

  var controls = document.createElement("div");
  controls.className = "sd-four-worlds__controls";
  var colGroup = radioGroup(questions[0], id + "-col", cols, fromRadios);
  var rowGroup = radioGroup(questions[1], id + "-row", rows, fromRadios);
  controls.appendChild(colGroup);
  controls.appendChild(rowGroup);

  var panel = document.createElement("div");
  panel.className = "sd-four-worlds__panel";
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-live", "polite");
  panel.setAttribute("aria-label", "The world you chose");

  // Each world's label becomes a button that selects it.
  cells.forEach(function (cell) {
    var name = cell.querySelector(".sd-four-worlds__name");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sd-four-worlds__pick";
    button.innerHTML = name.innerHTML;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () { select(cell); });
    name.replaceWith(button);
  });

  table.parentNode.insertBefore(controls, table);
  table.parentNode.insertBefore(panel, table.nextSibling);
  root.classList.add("sd-four-worlds--enhanced");

  function checked(group) {
    var input = group.querySelector("input:checked");
    return input ? input.value : null;
  }

  function fromRadios() {
    var col = checked(colGroup), row = checked(rowGroup);
    var cell = cells.filter(function (c) {
      return c.dataset.sdCol === col && c.dataset.sdRow === row;
    })[0];
    if (cell) select(cell);
  }

  function select(cell) {
    cells.forEach(function (c) {
      var chosen = c === cell;
      c.classList.toggle("is-selected", chosen);
      c.querySelector(".sd-four-worlds__pick").setAttribute("aria-pressed", String(chosen));
    });
    colGroup.querySelector('input[value="' + cell.dataset.sdCol + '"]').checked = true;
    rowGroup.querySelector('input[value="' + cell.dataset.sdRow + '"]').checked = true;
    var copy = cell.cloneNode(true);
    var pick = copy.querySelector(".sd-four-worlds__pick");
    var heading = document.createElement("p");
    heading.className = "sd-four-worlds__name";
    heading.innerHTML = pick.innerHTML;
    pick.replaceWith(heading);
    panel.innerHTML = copy.innerHTML;
    root.dataset.sdSelected = cell.id;
  }

  root.sdSelect = function (worldId) {
    var cell = cells.filter(function (c) { return c.id === worldId; })[0];
    if (cell) select(cell);
    return Boolean(cell);
  };
  var wanted = decodeURIComponent((location.hash || "").slice(1));
  if (!root.sdSelect(wanted)) root.sdSelect(root.dataset.sdDefault) || select(cells[0]);
}

function setUpAll() {
  document.querySelectorAll(SELECTOR).forEach(setUp);
}

// A link to #jervis-world-3 (from this page or another chapter) shows that world.
window.addEventListener("hashchange", function () {
  var wanted = decodeURIComponent(location.hash.slice(1));
  document.querySelectorAll(SELECTOR).forEach(function (root) {
    if (root.sdSelect) root.sdSelect(wanted);
  });
});

onPage(setUpAll);
