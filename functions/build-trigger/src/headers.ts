/** Case-insensitive access to the header map of a Function Compute HTTP event. */

/**
 * Returns the value of a header whatever the casing the gateway used (`X-Github-Event`, `x-github-event`).
 *
 * @example
 * headerValue({ "X-Hub-Signature-256": "sha256=…" }, "x-hub-signature-256") // "sha256=…"
 */
export function headerValue(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
