/** Compiles the CLI bundle (a CommonJS script) with V8's code cache of the command being run, and writes that cache after a run that had none. */
"use strict";
// CommonJS, as the bin that loads it (see scripts/bundle-stamp.cjs).
const { isAscii } = require("node:buffer");
const { createRequire } = require("node:module");
const path = require("node:path");
const vm = require("node:vm");
const { readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");

/**
 * How much bytecode a function runs before V8 considers optimizing it with TurboFan: 8x V8's default
 * (67,584). A command is one short burst of mostly cold code, where the default has TurboFan compile
 * hundreds of functions that finish before the code pays back; the hottest loops still get there
 * (docs/decisions/cli-prebuilt-bundle.md, "a later TurboFan").
 */
const TIERING_FLAGS = "--interrupt-budget=540672";

/** The first argument names the command; anything else (a flag, nothing) shares one cache. */
const COMMAND_NAME = /^[a-z][a-z-]{0,30}$/;
/** The same wrapper as Node's CommonJS loader, so the bundle sees `require`, `module` and `__filename`. */
const WRAPPER_START = "(function (exports, require, module, __filename, __dirname) {";

/**
 * The code cache file of a command in a bundle's folder: one per command, since each compiles other
 * functions (`--help` none of validate's parsers and lints).
 *
 * @example
 * codeCacheFile("/repo/packages/cli/dist/bundle-3f2a/imagebuild.cjs", ["validate", "--env", "prod"])
 * // "/repo/packages/cli/dist/bundle-3f2a/code-cache-validate.bin" (no command: code-cache-.bin)
 * @param {string} entry
 * @param {string[]} args
 */
function codeCacheFile(entry, args) {
  const command = COMMAND_NAME.test(args[0] ?? "") ? args[0] : "";
  return path.join(path.dirname(entry), `code-cache-${command}.bin`);
}

/**
 * Compiles the bundle with the command's code cache when there is one V8 accepts (`cache: "used"`);
 * otherwise (`"none"`, `"rejected"`: another Node or other V8 flags) the cache is written when the
 * process exits, holding every function the run compiled, through a temporary file and a rename so
 * concurrent runs never read half of one. `run` evaluates the bundle and runs the command.
 *
 * @example
 * const { cache, run } = compileBundle({ entry, args: process.argv.slice(2) });
 * await run();
 * @param {{ entry: string, args: string[] }} options
 * @returns {{ cache: "used" | "none" | "rejected", run: () => Promise<void> }}
 */
function compileBundle({ entry, args }) {
  // Before the script is compiled: the code cache is valid only for the flags it was made with.
  require("node:v8").setFlagsFromString(TIERING_FLAGS);
  const bytes = readFileSync(entry);
  const source = isAscii(bytes) ? bytes.latin1Slice() : bytes.toString("utf8");
  const cacheFile = codeCacheFile(entry, args);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: this run writes it.
  }
  const script = new vm.Script(`${WRAPPER_START}${source}\n})`, { filename: entry, cachedData });
  const cache = cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "used";
  if (cache !== "used") process.once("exit", () => writeCodeCache(cacheFile, script));
  return {
    cache,
    async run() {
      const module = { exports: {} };
      script.runInThisContext()(
        module.exports,
        createRequire(entry),
        module,
        entry,
        path.dirname(entry),
      );
      await module.exports.runCli();
    },
  };
}

/**
 * @param {string} file
 * @param {import("node:vm").Script} script
 */
function writeCodeCache(file, script) {
  const temporary = `${file}.${process.pid}`;
  try {
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, file);
  } catch {
    // A read-only install, or the bundle removed meanwhile: the next run compiles without it.
    rmSync(temporary, { force: true });
  }
}

module.exports = { codeCacheFile, compileBundle };
