/*
 * Progress kept privately: quiz answers and "What do you think?" answers, in this browser's
 * localStorage only. Nothing is sent anywhere; export and import use a file the reader
 * saves and opens, and reset deletes the one key this book stores.
 *
 * - The quiz feature announces every checked answer as a DOM event (sdbook:quiz-answered); this file
 *   records it under the chapter's key (its folder: "naval-race") and, on the next visit,
 *   puts the reader's answers back into the quiz so its score survives a reload.
 * - The before/after forms (sdbook/platform/reflections.py) stay hidden until this file enables them.
 * - The progress page (progress.md) gets its table filled and its buttons wired here.
 * Set up on every page shown (onPage), so it works after instant navigation.
 */
import { onPage } from "../core/start.js";

var KEY = "sdbook-progress";
var FORMAT = "security-dilemma-progress";
var restoring = false;

function empty() { return { format: FORMAT, version: 1, chapters: {} }; }

function valid(data) {
  return data && data.format === FORMAT && data.version === 1 &&
    data.chapters && typeof data.chapters === "object" && !Array.isArray(data.chapters);
}

function read() {
  try {
    var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
    return valid(data) ? data : empty();
  } catch (error) {
    return empty();
  }
}

function write(data) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(data));
    return true;
  } catch (error) {
    return false;  // storage refused (private mode, full, or disabled)
  }
}

// The page's path below the site's root, e.g. "naval-race" (Material's config gives the root).
function chapterKey() {
  var config = document.getElementById("__config");
  var base = "./";
  try { base = JSON.parse(config.textContent).base || base; } catch (error) { /* default */ }
  var root = new URL(base.replace(/\/?$/, "/"), window.location.href).pathname;
  var path = window.location.pathname;
  var key = path.indexOf(root) === 0 ? path.slice(root.length) : path;
  return key.replace(/index\.html$/, "").replace(/\/$/, "");
}

function chapter(data, key) {
  if (!data.chapters[key]) data.chapters[key] = { title: "", quizzes: {}, thoughts: {} };
  var record = data.chapters[key];
  var heading = document.querySelector(".md-content h1");
  if (heading && key === chapterKey()) record.title = heading.textContent.replace(/¶$/, "").trim();
  record.quizzes = record.quizzes || {};
  record.thoughts = record.thoughts || {};
  return record;
}

function recordAnswer(event) {
  if (restoring) return;
  var detail = event.detail;
  var data = read();
  var record = chapter(data, chapterKey());
  var quiz = record.quizzes[detail.quiz] = record.quizzes[detail.quiz] || { total: detail.total, answers: {} };
  quiz.total = detail.total;
  var answer = quiz.answers[detail.question] = quiz.answers[detail.question] || { attempts: 0 };
  answer.attempts += 1;
  if (answer.attempts === 1) answer.firstCorrect = detail.correct;
  answer.correct = detail.correct;
  answer.choice = detail.choice;
  if (detail.correct) { answer.rightEver = true; answer.rightChoice = detail.choice; }
  write(data);
}

// The reader's answers back in the page's quizzes: quiz.js checks them again as if the
// reader had pressed "Check answer", so feedback and score come back too.
function restoreQuizzes() {
  var record = read().chapters[chapterKey()];
  document.querySelectorAll("[data-sd-quiz]").forEach(function (quiz) {
    if (quiz.dataset.sdRestored) return;
    quiz.dataset.sdRestored = "true";
    var note = document.createElement("p");
    note.className = "sd-quiz__saved";
    note.innerHTML = "Your answers are kept in this browser only. " +
      '<a href="' + progressHref() + '">Your progress</a>';
    quiz.insertBefore(note, quiz.querySelector(".sd-quiz__score"));
    var stored = record && record.quizzes[quiz.id];
    if (!stored) return;
    var forms = quiz.querySelectorAll(".sd-quiz__question");
    restoring = true;
    try {
      Object.keys(stored.answers).forEach(function (number) {
        var form = forms[Number(number) - 1];
        var answer = stored.answers[number];
        var choice = answer.rightEver ? answer.rightChoice : answer.choice;
        if (!form || choice === undefined) return;
        var inputs = form.querySelectorAll("input");
        if (form.dataset.kind === "numeric") inputs[0].value = choice;
        else inputs.forEach(function (input, n) { input.checked = choice.indexOf(n + 1) !== -1; });
        form.requestSubmit();
      });
    } finally {
      restoring = false;
    }
  });
}

function progressHref() {
  var link = document.querySelector(".sd-reflect__status a");
  if (link) return link.getAttribute("href");
  var config = document.getElementById("__config");
  try { return JSON.parse(config.textContent).base.replace(/\/?$/, "/") + "progress/"; }
  catch (error) { return "progress/"; }
}

function scaleLabel(form, value) {
  var input = form && form.querySelector('input[value="' + value + '"]');
  var label = input && form.querySelector('label[for="' + input.id + '"]');
  return label ? label.textContent : String(value);
}

function showThen(thought) {
  var after = document.querySelector('[data-sd-reflect="after"]');
  var before = document.querySelector('[data-sd-reflect="before"]');
  if (!after) return;
  after.querySelector("[data-sd-reflect-then]").textContent =
    thought && thought.value ? scaleLabel(before || after, thought.value) : "nothing yet";
  after.querySelector("[data-sd-reflect-then-note]").textContent =
    thought && thought.note ? " (\u201c" + thought.note + "\u201d)" : "";
}

function setUpReflection(form) {
  if (form.dataset.sdReady) return;
  form.dataset.sdReady = "true";
  var stage = form.dataset.sdReflect;
  var key = form.dataset.chapter;
  var status = form.querySelector('[role="status"]');
  var saved = (read().chapters[key] || { thoughts: {} }).thoughts || {};
  var mine = saved[stage] || {};
  if (mine.value) form.querySelector('input[value="' + mine.value + '"]').checked = true;
  form.querySelector("textarea").value = mine.note || "";
  if (stage === "after") showThen(saved.before);
  function save() {
    var data = read();
    var record = chapter(data, key);
    var checked = form.querySelector("input:checked");
    record.thoughts[stage] = { value: checked ? Number(checked.value) : null,
                               note: form.querySelector("textarea").value.trim() };
    status.textContent = write(data) ? "Saved." : "This browser does not let the book keep anything.";
    if (stage === "before") showThen(record.thoughts.before);
  }
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
}

function thoughtText(table, thoughts) {
  var scale = JSON.parse(table.dataset.scale || "[]");
  var label = function (t) { return t && t.value ? scale[t.value - 1] || String(t.value) : "not yet"; };
  if (!thoughts || (!thoughts.before && !thoughts.after)) return "\u2014";
  return label(thoughts.before) + " \u2192 " + label(thoughts.after);
}

function renderProgress(table) {
  var data = read();
  var answeredAll = 0, rightAll = 0, totalAll = 0, started = 0;
  table.querySelectorAll("tbody tr[data-chapter]").forEach(function (row) {
    var record = data.chapters[row.dataset.chapter];
    var total = Number(row.dataset.total);
    var answers = [];
    if (record) {
      Object.keys(record.quizzes || {}).forEach(function (id) {
        var quiz = record.quizzes[id];
        Object.keys(quiz.answers).forEach(function (n) { answers.push(quiz.answers[n]); });
      });
    }
    var right = answers.filter(function (a) { return a.rightEver; }).length;
    var first = answers.filter(function (a) { return a.firstCorrect; }).length;
    var cell = function (name) { return row.querySelector('[data-sd-cell="' + name + '"]'); };
    cell("answered").textContent = answers.length + " of " + total;
    cell("right").textContent = answers.length ? String(right) : "\u2014";
    cell("first").textContent = answers.length ? String(first) : "\u2014";
    cell("thought").textContent = thoughtText(table, record && record.thoughts);
    answeredAll += answers.length; rightAll += right; totalAll += total;
    if (answers.length || (record && Object.keys(record.thoughts || {}).length)) started += 1;
  });
  var summary = document.querySelector("[data-sd-progress-summary]");
  summary.textContent = started
    ? "You have answered " + answeredAll + " of " + totalAll + " quiz questions, " + rightAll +
      " of them right, in " + started + " chapter" + (started === 1 ? "" : "s") + "."
    : "Nothing is stored in this browser yet: answer a chapter's quiz or its \u201cWhat do you think?\u201d question.";
  return summary;
}

function setUpProgressPage(table) {
  if (table.dataset.sdReady) return;
  table.dataset.sdReady = "true";
  var summary = renderProgress(table);
  var actions = document.querySelector("[data-sd-progress-actions]");
  actions.hidden = false;
  actions.querySelector("[data-sd-progress-export]").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(read(), null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "security-dilemma-progress.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
    summary.textContent = "Exported to security-dilemma-progress.json in your downloads.";
  });
  actions.querySelector("[data-sd-progress-import]").addEventListener("change", function (event) {
    var file = event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data = null;
      try { data = JSON.parse(reader.result); } catch (error) { data = null; }
      event.target.value = "";
      if (!valid(data)) {
        summary.textContent = "That file is not a progress file exported from this book; nothing was changed.";
        return;
      }
      write(data);
      renderProgress(table);
      summary.textContent = "Imported. " + summary.textContent;
    };
    reader.readAsText(file);
  });
  actions.querySelector("[data-sd-progress-reset]").addEventListener("click", function () {
    if (!window.confirm("Delete all your quiz answers and notes stored in this browser?")) return;
    try { window.localStorage.removeItem(KEY); } catch (error) { /* nothing stored */ }
    renderProgress(table);
    summary.textContent = "Everything this book stored in this browser has been deleted.";
  });
}

// The quiz feature is fetched beside this one; restore answers once it has set up the page.
function whenQuizzesReady(then, tries) {
  var quizzes = Array.prototype.slice.call(document.querySelectorAll("[data-sd-quiz]"));
  if (quizzes.every(function (q) { return q.dataset.sdReady; }) || (tries || 0) > 100) then();
  else setTimeout(function () { whenQuizzesReady(then, (tries || 0) + 1); }, 50);
}

function setUpAll() {
  document.querySelectorAll("form[data-sd-reflect]").forEach(setUpReflection);
  document.querySelectorAll("table[data-sd-progress]").forEach(setUpProgressPage);
  whenQuizzesReady(restoreQuizzes);
}

document.addEventListener("sdbook:quiz-answered", recordAnswer);
onPage(setUpAll);
