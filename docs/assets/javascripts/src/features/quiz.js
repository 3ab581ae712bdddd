/*
 * Self-check quizzes (HTML written at build by sdbook/platform/quiz.py).
 *
 * Checks an answer in the page when the reader presses "Check answer" (or Enter),
 * shows the explanation of what they chose, and announces it through the question's
 * live region. A right answer also reveals why every other option is right or wrong.
 * Nothing is sent anywhere; each checked answer is announced as a DOM event
 * (sdbook:quiz-answered) that features/progress.js keeps in this browser. Set up on every
 * page shown (onPage), so quizzes work after instant navigation.
 */
import { onPage } from "../core/start.js";

function parseNumber(text) {
  var cleaned = text.trim().replace(/\s|%/g, "").replace(/[\u2212\u2013]/g, "-");
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned)) cleaned = cleaned.replace(/,/g, "");
  else cleaned = cleaned.replace(",", ".");  // a decimal comma
  return /^-?(\d+\.?\d*|\.\d+)$/.test(cleaned) ? parseFloat(cleaned) : NaN;
}

function say(form, verdict, right, explanations) {
  var box = form.querySelector(".sd-quiz__feedback");
  box.className = "sd-quiz__feedback " + (right ? "is-right" : "is-wrong");
  box.innerHTML = "";
  var head = document.createElement("strong");
  head.textContent = verdict;
  box.appendChild(head);
  explanations.forEach(function (html) {
    var p = document.createElement("span");
    p.innerHTML = " " + html;
    box.appendChild(p);
  });
}

// The author's explanation, without the "Right answer." tag markOption may have added.
function explanation(item) {
  var why = item.querySelector(".sd-quiz__why").cloneNode(true);
  var tag = why.querySelector("strong.sd-quiz__tag");
  if (tag) tag.remove();
  return why.innerHTML;
}

function markOption(item, correct) {
  var why = item.querySelector(".sd-quiz__why");
  if (!why) return;
  why.hidden = false;
  if (!why.dataset.marked) {
    var tag = document.createElement("strong");
    tag.className = "sd-quiz__tag";
    tag.textContent = correct ? "Right answer. " : "Not this one. ";
    why.insertBefore(tag, why.firstChild);
    why.dataset.marked = "true";
  }
  item.classList.toggle("is-right", correct);
  item.classList.toggle("is-wrong", !correct);
}

function checkChoice(form) {
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var chosen = inputs.filter(function (i) { return i.checked; });
  if (!chosen.length) {
    say(form, "Choose an answer first.", false, []);
    return null;
  }
  var right = inputs.every(function (i) { return i.checked === (i.dataset.correct === "true"); });
  var texts = chosen.map(function (i) { return explanation(i.closest("li")); });
  var shown = right ? inputs : chosen;
  shown.forEach(function (i) { markOption(i.closest("li"), i.dataset.correct === "true"); });
  if (!right && form.dataset.kind === "multiple") {
    var missed = inputs.filter(function (i) { return i.dataset.correct === "true" && !i.checked; }).length;
    if (missed) texts.push("You have not yet chosen every right option (" + missed + " missing).");
  }
  say(form, right ? "Right." : "Not quite: try again.", right, texts);
  return right;
}

function checkNumber(form) {
  var input = form.querySelector("input");
  var value = parseNumber(input.value);
  if (isNaN(value)) {
    say(form, "Type a number, for example 1.61 or 56.", false, []);
    return null;
  }
  var tolerance = parseFloat(input.dataset.tolerance) || 0;
  var whys = Array.prototype.slice.call(form.querySelectorAll(".sd-quiz__why"));
  var close = function (why) {
    return Math.abs(parseFloat(why.dataset.value) - value) <= tolerance + 1e-9;
  };
  var match = whys.filter(function (w) { return w.dataset.role !== "other" && close(w); })[0]
    || whys.filter(function (w) { return w.dataset.role === "other"; })[0];
  var right = match.dataset.role === "right";
  input.setAttribute("aria-invalid", String(!right));
  say(form, right ? "Right." : "Not quite: try again.", right, [match.innerHTML]);
  return right;
}

function updateScore(quiz) {
  var score = quiz.querySelector(".sd-quiz__score");
  var right = quiz.querySelectorAll('.sd-quiz__question[data-result="right"]').length;
  score.textContent = "Answered correctly: " + right + " of " + score.dataset.total + ".";
}

// Tells the page an answer was checked; the progress feature keeps it in this browser.
function announce(quiz, form, correct) {
  var forms = Array.prototype.slice.call(quiz.querySelectorAll(".sd-quiz__question"));
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var choice = form.dataset.kind === "numeric" ? inputs[0].value
    : inputs.map(function (i, n) { return i.checked ? n + 1 : 0; }).filter(Boolean);
  form.dispatchEvent(new CustomEvent("sdbook:quiz-answered", { bubbles: true, detail: {
    quiz: quiz.id, question: forms.indexOf(form) + 1, total: forms.length,
    choice: choice, correct: correct } }));
}

function setUp(quiz) {
  if (quiz.dataset.sdReady) return;
  quiz.dataset.sdReady = "true";
  quiz.querySelectorAll(".sd-quiz__question").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var result = form.dataset.kind === "numeric" ? checkNumber(form) : checkChoice(form);
      if (result !== null && form.dataset.result !== "right") {
        form.dataset.result = result ? "right" : "wrong";
      }
      updateScore(quiz);
      if (result !== null) announce(quiz, form, result);
    });
  });
}

function setUpAll() {
  document.querySelectorAll("[data-sd-quiz]").forEach(setUp);
}

onPage(setUpAll);
