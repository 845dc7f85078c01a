/** Node built-ins that core loads on first use, not at start: loading them cost ~5 ms of every `validate`, which neither hashes nor starts git outside a repository. */
import type * as ChildProcess from "node:child_process";
import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * `node:crypto`, loaded when first called.
 *
 * @example
 * crypto().createHash("sha256").update("x").digest("hex");
 */
export function crypto(): typeof Crypto {
  return require("node:crypto");
}

/**
 * `node:child_process`, loaded when first called.
 *
 * @example
 * childProcess().execFile("git", ["--version"], () => {});
 */
export function childProcess(): typeof ChildProcess {
  return require("node:child_process");
}
