/** A logger that drops everything, the default when the caller passes none. */
import type { Logger } from "./types.ts";

/**
 * Discards every message.
 *
 * @example
 * const log = opts.log ?? SILENT_LOGGER;
 */
export const SILENT_LOGGER: Logger = {
  info() {},
  warn() {},
  error() {},
};
