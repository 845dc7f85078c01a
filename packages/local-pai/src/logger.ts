/** A tiny structured logger: one line per event, JSON or plain text, never throwing. */
import type { Writable } from "node:stream";
import type { Logger } from "@imagebuild/pai-client/logger";

// The one Logger shape and the silent logger live in pai-client; re-exported for this package's modules.
export type { Logger };
export { SILENT_LOGGER } from "@imagebuild/pai-client/logger";

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
  base = {},
}: {
  format?: LogFormat;
  stream: Writable;
  /** Fields added to every line; `child` adds more. */
  base?: Record<string, unknown>;
}): Logger {
  const write = (level: string, msg: string, fields: Record<string, unknown> = {}) => {
    const time = new Date().toISOString();
    const all = { ...base, ...fields };
    const line =
      format === "json"
        ? JSON.stringify({ time, level, msg, ...all })
        : `${time} ${level.padEnd(5)} ${msg}${formatFields(all)}`;
    stream.write(`${line}\n`);
  };
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger({ format, stream, base: { ...base, ...fields } }),
  };
}

function formatFields(fields: Record<string, unknown>): string {
  const parts = Object.entries(fields).map(
    ([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}
