/** The function's JSON log line as a short readable one. */

/**
 * `fn    [trigger] level msg key=value …`; a line that is not JSON is passed through.
 *
 * @example
 * formatLogLine('{"time":"…","level":"info","msg":"spec submitted","trigger":"http","file":"a"}') // "fn    [http] info spec submitted file=a"
 */
export function formatLogLine(line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return `fn    ${line.trimEnd()}`;
  }
  if (parsed === null || typeof parsed !== "object") return `fn    ${line.trimEnd()}`;
  const {
    time: _time,
    level,
    msg,
    requestId: _requestId,
    trigger,
    ...fields
  } = parsed as Record<string, unknown>;
  const rest = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  return `fn    [${String(trigger ?? "-")}] ${String(level)} ${String(msg)}${rest ? ` ${rest}` : ""}`;
}
