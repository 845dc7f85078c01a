#!/usr/bin/env node
// `imagebuild`: runs the prebuilt bundle in ../dist when it matches the sources (one stat per
// input), rebuilds it when they changed, and runs the TypeScript sources through tsx when it cannot
// be built (no esbuild, a source that does not compile) or IMAGEBUILD_FROM_SOURCE=1 asks for it.
// IMAGEBUILD_BIN_TRACE=1 prints which of the three it did on stderr.
import { pathToFileURL } from "node:url";
import { checkBundle, DIST_DIR, ROOT_DIR } from "../scripts/bundle-stamp.mjs";

const trace = process.env.IMAGEBUILD_BIN_TRACE === "1";
const say = (line) => process.stderr.write(`imagebuild: ${line}\n`);

let entry;
let fallback = "IMAGEBUILD_FROM_SOURCE=1";
if (process.env.IMAGEBUILD_FROM_SOURCE !== "1") {
  const found = checkBundle({ root: ROOT_DIR, distDir: DIST_DIR });
  if (found.current) {
    entry = found.entry;
    if (trace) say(`bundle current: ${entry}`);
  } else {
    try {
      const { buildBundle } = await import("../scripts/build-bundle.mjs");
      const build = await buildBundle();
      entry = build.entry;
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
  await import(pathToFileURL(entry).href);
} else {
  if (trace) say(`tsx: ${fallback}`);
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/imagebuild.ts");
}
