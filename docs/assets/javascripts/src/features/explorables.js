/*
 * The explorables of the modelling chapter, in one file: the pages that show one show
 * both. Each module sets up its own [data-sd-explorable="<name>"] elements (explorables/ui.js).
 */
import "../explorables/richardson.js";
import "../explorables/spiral-game.js";
