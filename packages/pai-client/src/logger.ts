/** The one `Logger` shape every package writes through, and a logger that drops everything. */

/** Structured fields added to a log line (never credentials: writers redact by field name). */
export type LogFields = Record<string, unknown>;

/**
 * What every package logs through: the function's redacting JSON logger and the local service's
 * JSON/plain logger both implement it. `child` returns a logger adding `fields` to every line.
 *
 * @example
 * const log: Logger = SILENT_LOGGER;
 * log.child({ requestId: "r-1" }).info("push accepted", { specs: 3 });
 */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/**
 * Discards every message; the default where a caller passes no logger (tests, embedding).
 *
 * @example
 * const log = options.log ?? SILENT_LOGGER;
 */
export const SILENT_LOGGER: Logger = {
  info() {},
  warn() {},
  error() {},
  child: () => SILENT_LOGGER,
};
