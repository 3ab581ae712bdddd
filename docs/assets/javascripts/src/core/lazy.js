/*
 * The one queue of things drawn when they come near the screen: charts, the explorables'
 * plots, and the check of which tables overflow. A reader who never scrolls to a chart
 * never pays for drawing it (nor for fetching plotly.js, if it is the page's only chart).
 *
 * Nothing is drawn before the page has been painted once: the figure data waits in its
 * attribute until the reader sees text. A page the reader leaves releases everything it
 * queued; printing draws everything still waiting (drawAllWaiting, core/print.js).
 */
import { onLeave } from "./start.js";

const NEAR = "400px 0px";
const waiting = new Map();  // element -> its draw function (the latest one given)

const observer = "IntersectionObserver" in window
  ? new IntersectionObserver((entries) => {
      entries.forEach((entry) => { if (entry.isIntersecting) drawNow(entry.target); });
    }, { rootMargin: NEAR })
  : null;

// After the first paint: a frame has been drawn once the task queued from a frame callback
// runs. A page opened in a background tab gets no frames; the timer lets it go on.
const painted = new Promise((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve, 0));
  setTimeout(resolve, 1000);
});

/** fn runs once the page has been painted (at once, in a task of its own, if it has been). */
export function afterFirstPaint(fn) {
  painted.then(fn);
}

function drawNow(el) {
  const draw = waiting.get(el);
  if (!draw) return Promise.resolve();
  waiting.delete(el);
  if (observer) observer.unobserve(el);
  try {
    return Promise.resolve(draw());
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Call draw() once el comes near the viewport (again: the newest draw replaces an older one). */
export function whenNear(el, draw) {
  waiting.set(el, draw);
  if (!observer) {
    painted.then(() => drawNow(el));
    return;
  }
  painted.then(() => { if (waiting.has(el)) observer.observe(el); });
}

/** Draw everything still waiting, now (synchronously where plotly.js is loaded already). */
export function drawAllWaiting() {
  // What is drawn may queue more (an explorable built now queues its plots): a few passes.
  const drawn = [];
  for (let pass = 0; pass < 4 && waiting.size; pass++) {
    drawn.push(...Array.from(waiting.keys()).map(drawNow));
  }
  return Promise.all(drawn);
}

/** The elements waiting (the tests check that a page left behind holds none). */
export function queued() {
  return Array.from(waiting.keys());
}

onLeave(() => {
  if (observer) observer.disconnect();
  waiting.clear();
});
