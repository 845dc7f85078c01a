/** The shape every `imagebuild` subcommand shares, and the errors that map to exit codes. */
import type { Writable } from "node:stream";
import type { z } from "zod";

/** Where a command reads its environment and writes its output; tests pass their own. */
export interface Io {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal: live progress instead of plain lines. */
  isTTY: boolean;
  cwd: string;
  /** Aborted on the first Ctrl-C: long waits stop, work already submitted is left running. */
  signal?: AbortSignal;
}

/** One subcommand, loaded lazily by `main.ts`. */
export interface Command {
  /** As typed, e.g. `build` or `local serve`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text: usage, options, examples. */
  help: string;
  /**
   * The flags, declared once: `parseFlags` parses the command line by it, completion offers its keys
   * as kebab-case flags, and a test checks `help` documents each one.
   */
  flags: z.ZodObject;
  /** Runs the command; resolves to the exit code (0 ok, 1 invalid or failed, 2 usage). */
  run(args: string[], io: Io): Promise<number>;
}

/** Exit codes, shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * A bad command line: unknown flag, missing argument. `main` prints it with the command's usage and exits 2.
 *
 * @example
 * throw new UsageError("build: give at least one spec path");
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code = "USAGE";
}
