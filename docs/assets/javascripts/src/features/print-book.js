/*
 * The whole-book page (print-site plugin) gets a button that draws every chart, puts a
 * printable image of each beside it (prepare, core/print.js) and then opens the print
 * dialogue.
 */
import { prepare } from "../core/print.js";
import { onPage } from "../core/start.js";

const LABEL = "Print or save as PDF";

function addPrintButton() {
  const book = document.getElementById("print-site-page");
  if (!book || document.querySelector(".sd-print-button")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary sd-print-button";
  button.textContent = LABEL;
  button.addEventListener("click", () => {
    button.disabled = true;
    button.textContent = "Drawing every chart…";
    prepare().then(() => {
      button.disabled = false;
      button.textContent = LABEL;
      window.print();
    }, (err) => {
      button.disabled = false;
      button.textContent = LABEL;
      console.error(err);
    });
  });
  book.insertAdjacentElement("beforebegin", button);
}

onPage(addPrintButton);
