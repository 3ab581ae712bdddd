/*
 * The script of every page (built to docs/assets/javascripts/book.js by build.mjs).
 *
 * It holds the core every feature builds on, and publishes it as the book's one global,
 * window.sdbook: a feature script fetched later (features.js) reaches these same modules,
 * not copies of them, because the build turns its `import … from "../core/<name>.js"`
 * into window.sdbook.<name>. tools/book_pdf.py calls window.sdbook.print.prepare().
 */
import * as start from "./core/start.js";
import * as theme from "./core/theme.js";
import * as lazy from "./core/lazy.js";
import * as plotly from "./core/plotly.js";
import * as print from "./core/print.js";
import * as features from "./core/features.js";
import * as blocking from "./core/blocking.js";
import "./anchors.js";
import "./tables.js";

window.sdbook = Object.freeze({ start, theme, lazy, plotly, print, features, blocking });
