/*
 * Bundles the ES modules in this folder into the classic scripts the site serves:
 *   book.js              every page: the core (core/*.js), published as window.sdbook
 *   features/<name>.js   one per entry of features.js, fetched only where it is needed
 * Classic scripts, not `type="module"`: the book must work opened from a folder (file://),
 * where Chromium refuses module scripts. Run through build.py, which pins esbuild.
 *
 *   node build.mjs <path of esbuild's main module> <output folder>
 */
import { readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { FEATURES } from "./features.js";

const SRC = dirname(fileURLToPath(import.meta.url));
const CORE = join(SRC, "core");
const [esbuildPath, outDir] = process.argv.slice(2);
const esbuild = await import(pathToFileURL(esbuildPath).href);

// Every core module must be published by book.js, or a feature would find it missing.
const CORE_NAMES = readdirSync(CORE).filter((f) => f.endsWith(".js")).map((f) => basename(f, ".js"));
const entry = readFileSync(join(SRC, "book.js"), "utf8");
for (const name of CORE_NAMES) {
  if (!entry.includes(`import * as ${name} from "./core/${name}.js";`) || !/window\.sdbook = /.test(entry)) {
    throw new Error(`book.js does not publish core/${name}.js as window.sdbook.${name}`);
  }
}

// In a feature's file, `import … from "../core/<name>.js"` reads window.sdbook.<name>: the
// modules book.js already runs, with their one observer, queue and theme, not a copy.
const coreFromNamespace = {
  name: "core-from-window.sdbook",
  setup(build) {
    build.onResolve({ filter: /core\/[a-z-]+\.js$/ }, (args) => {
      const file = resolve(args.resolveDir, args.path);
      if (dirname(file) !== CORE) return undefined;
      return { path: basename(file, ".js"), namespace: "sdbook-core" };
    });
    build.onLoad({ filter: /.*/, namespace: "sdbook-core" }, (args) => ({
      contents: `module.exports = window.sdbook[${JSON.stringify(args.path)}];`, loader: "js"
    }));
  }
};

const BANNER = "/* Built by docs/assets/javascripts/src/build.py from src/ (ES modules): edit those. */";
const COMMON = {
  bundle: true, format: "iife", target: "es2018", minify: true, charset: "utf8",
  legalComments: "none", banner: { js: BANNER }, logLevel: "warning", write: true
};

await esbuild.build({ ...COMMON, entryPoints: [join(SRC, "book.js")], outfile: join(outDir, "book.js") });
for (const feature of FEATURES) {
  await esbuild.build({
    ...COMMON,
    entryPoints: [join(SRC, "features", feature.name + ".js")],
    outfile: join(outDir, "features", feature.name + ".js"),
    plugins: [coreFromNamespace],
    // runs once per page, however many times it is fetched (core/features.js, ran)
    banner: { js: `${BANNER}\nif(!window.sdbook.features.ran.has(${JSON.stringify(feature.name)})){` +
                  `window.sdbook.features.ran.add(${JSON.stringify(feature.name)});` },
    footer: { js: "}" }
  });
}
