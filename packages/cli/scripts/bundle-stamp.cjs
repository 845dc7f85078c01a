/** The stamp of the CLI bundle: which files it was built from (size, mtime, one content hash), and whether they still match. */
"use strict";
// CommonJS, as the bin that loads it: an ES module entry costs every start the module loader.
// node:crypto only when a time moved: loading it was ~1.5 ms of every start.
const path = require("node:path");
const { existsSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");

/** This package's folder, the repository root above it, and where bundles are built. */
const CLI_DIR = path.resolve(__dirname, "..");
const ROOT_DIR = path.resolve(CLI_DIR, "../..");
const DIST_DIR = path.join(CLI_DIR, "dist");
/** The stamp's name inside the dist folder. */
const STAMP_FILE = "stamp.json";
/** The bundle's entry inside its folder. */
const ENTRY_FILE = "imagebuild.cjs";

/**
 * @typedef {object} Stamp
 * @property {string} bundle the bundle's folder inside dist, e.g. "bundle-3f2a9c01d4e5"
 * @property {string} hash sha256 of the inputs' paths and contents ("" when one changed during the build)
 * @property {Record<string, [number, number]>} inputs path relative to the repository root → [mtimeMs, size]
 */

/**
 * One sha256 over the files' paths and contents, in the given order.
 *
 * @example
 * hashInputs("/repo", ["packages/cli/src/main.ts", "package-lock.json"]) // "9b1c…"
 * @param {string} root
 * @param {string[]} files paths relative to root
 * @returns {string}
 */
function hashInputs(root, files) {
  const hash = require("node:crypto").createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(inputPath(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * The [mtimeMs, size] of each file, or undefined for one that is gone.
 *
 * @example
 * fileStates("/repo", ["package-lock.json"]) // { "package-lock.json": [1764590000000, 401234] }
 * @param {string} root
 * @param {string[]} files paths relative to root
 * @returns {Record<string, [number, number] | undefined>}
 */
function fileStates(root, files) {
  /** @type {Record<string, [number, number] | undefined>} */
  const states = {};
  for (const file of files) {
    const stats = statSync(inputPath(root, file), { throwIfNoEntry: false });
    states[file] = stats ? [stats.mtimeMs, stats.size] : undefined;
  }
  return states;
}

/**
 * An input's path: joined as text, since the inputs are relative POSIX paths under a root that is
 * already absolute (path.resolve per input was ~2 ms of every start).
 *
 * @param {string} root
 * @param {string} file
 */
function inputPath(root, file) {
  return `${root}/${file}`;
}

/**
 * Writes the stamp through a temporary file and a rename, so a reader sees the old or the new one.
 *
 * @example
 * writeStamp("/repo/packages/cli/dist", { bundle: "bundle-3f2a", hash: "3f2a…", inputs: {} });
 * @param {string} distDir
 * @param {Stamp} stamp
 */
function writeStamp(distDir, stamp) {
  const temporary = path.join(distDir, `.${STAMP_FILE}.${process.pid}`);
  writeFileSync(temporary, `${JSON.stringify(stamp)}\n`);
  renameSync(temporary, path.join(distDir, STAMP_FILE));
}

/**
 * Whether the bundle in `distDir` was built from the files as they are now. Cheap when nothing
 * changed: one stat per input. When a size or mtime differs (an edit, a checkout, a fresh clone),
 * the contents are hashed: an unchanged hash refreshes the stamp's times instead of rebuilding.
 *
 * @example
 * const found = checkBundle({ root: "/repo", distDir: "/repo/packages/cli/dist" });
 * if (found.current) await compileBundle({ entry: found.entry, args }).run();
 * else console.error(found.reason); // "packages/core/src/lint.ts changed"
 * @param {{ root: string, distDir: string }} options
 * @returns {{ current: true, entry: string } | { current: false, reason: string }}
 */
function checkBundle({ root, distDir }) {
  /** @type {Stamp} */
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(distDir, STAMP_FILE), "utf8"));
  } catch {
    return { current: false, reason: "no bundle built yet" };
  }
  const entry = path.join(distDir, stamp.bundle ?? "", ENTRY_FILE);
  if (typeof stamp.bundle !== "string" || !existsSync(entry))
    return { current: false, reason: "the stamp names no complete bundle" };
  if (!stamp.hash) return { current: false, reason: "a source changed while it was built" };
  const files = Object.keys(stamp.inputs ?? {});
  const now = fileStates(root, files);
  const moved = files.filter((file) => {
    const [mtimeMs, size] = now[file] ?? [];
    const [stampedMtimeMs, stampedSize] = stamp.inputs[file] ?? [];
    return mtimeMs !== stampedMtimeMs || size !== stampedSize;
  });
  if (moved.length === 0) return { current: true, entry };
  const gone = moved.find((file) => now[file] === undefined);
  if (gone !== undefined) return { current: false, reason: `${gone} was removed` };
  if (hashInputs(root, files) !== stamp.hash)
    return {
      current: false,
      reason: `${moved[0]}${moved.length > 1 ? ` (and ${moved.length - 1} more)` : ""} changed`,
    };
  // Same contents with new times (git checkout, touch, a copied tree): keep the bundle, restamp.
  /** @type {Record<string, [number, number]>} */
  const inputs = {};
  for (const file of files) inputs[file] = /** @type {[number, number]} */ (now[file]);
  try {
    writeStamp(distDir, { ...stamp, inputs });
  } catch {
    // A read-only install still runs the bundle; it just hashes again next time.
  }
  return { current: true, entry };
}

module.exports = {
  CLI_DIR,
  ROOT_DIR,
  DIST_DIR,
  STAMP_FILE,
  ENTRY_FILE,
  hashInputs,
  fileStates,
  writeStamp,
  checkBundle,
};
