/** A tiny structured logger: one line per event, JSON or plain text, never throwing. */
import type { Writable } from "node:stream";

/**
 * What every part of the service logs through; the system module uses the same shape.
 *
 * @example
 * const log: Logger = createLogger({ format: "plain", stream: process.stderr });
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** The two log formats of `imagebuild local serve`. */
export type LogFormat = "json" | "plain";

/**
 * Creates a logger writing one line per call to `stream`.
 *
 * @example
 * const log = createLogger({ format: "json", stream: process.stderr });
 * log.info("build started", { jobId: "dlc-abc" });
 */
export function createLogger({
  format = "plain",
  stream,
}: {
  format?: LogFormat;
  stream: Writable;
}): Logger {
  const write = (level: string, msg: string, fields: Record<string, unknown> = {}) => {
    const time = new Date().toISOString();
    const line =
      format === "json"
        ? JSON.stringify({ time, level, msg, ...fields })
        : `${time} ${level.padEnd(5)} ${msg}${formatFields(fields)}`;
    stream.write(`${line}\n`);
  };
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  };
}

/** A logger that drops everything; the default for tests and embedding. */
export const SILENT_LOGGER: Logger = { info() {}, warn() {}, error() {} };

function formatFields(fields: Record<string, unknown>): string {
  const parts = Object.entries(fields).map(
    ([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}
