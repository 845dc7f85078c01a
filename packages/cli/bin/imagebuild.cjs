#!/usr/bin/env node
// `imagebuild`: runs the prebuilt bundle in ../dist when it matches the sources (one stat per
// input), rebuilds it when they changed, and runs the TypeScript sources through tsx when it cannot
// be built (no esbuild, a source that does not compile) or IMAGEBUILD_FROM_SOURCE=1 asks for it.
// IMAGEBUILD_BIN_TRACE=1 prints which of the three it did on stderr (and whether V8's code cache
// was used); IMAGEBUILD_BIN_TRACE=modules also lists the bundle's modules the run evaluated.
// CommonJS: an ES module entry costs every start the module loader (~8 ms).
"use strict";
const { checkBundle, DIST_DIR, ROOT_DIR } = require("../scripts/bundle-stamp.cjs");
const { compileBundle } = require("../scripts/compile-bundle.cjs");

const traceModules = process.env.IMAGEBUILD_BIN_TRACE === "modules";
const trace = process.env.IMAGEBUILD_BIN_TRACE === "1" || traceModules;
const say = (line) => process.stderr.write(`imagebuild: ${line}\n`);

// No top-level await in a script: the launch is one async function, and a failure in it is an
// unhandled rejection, which prints it and exits 1 as the ES module did.
main();

async function main() {
  let entry;
  let justBuilt = false;
  let fallback = "IMAGEBUILD_FROM_SOURCE=1";
  if (process.env.IMAGEBUILD_FROM_SOURCE !== "1") {
    const found = checkBundle({ root: ROOT_DIR, distDir: DIST_DIR });
    if (found.current) {
      entry = found.entry;
    } else {
      try {
        const { buildBundle } = await import("../scripts/build-bundle.mjs");
        const build = await buildBundle();
        entry = build.entry;
        justBuilt = true;
        if (trace)
          say(
            `bundle ${build.built ? "built" : "built meanwhile by another process"} (${found.reason}): ${entry}`,
          );
      } catch (error) {
        // esbuild's own errors carry the file and line; its message only counts them.
        const [first] = error?.errors ?? [];
        fallback = first?.location
          ? `${first.location.file}:${first.location.line}: ${first.text}`
          : (error instanceof Error ? error.message : String(error)).split("\n")[0];
        say(`running the TypeScript sources through tsx (bundle not built: ${fallback})`);
      }
    }
  }
  if (entry) {
    const args = process.argv.slice(2);
    const { cache, run } = compileBundle({ entry, args });
    if (trace && !justBuilt) say(`bundle current: ${entry} (code cache ${cache})`);
    if (traceModules) {
      const evaluated = [];
      globalThis.__imagebuildEvaluated = evaluated;
      process.once("exit", () => say(`evaluated: ${evaluated.join(" ")}`));
    }
    await run();
  } else {
    if (trace) say(`tsx: ${fallback}`);
    const { register } = await import("tsx/esm/api");
    register();
    await import("../src/imagebuild.ts");
  }
}
