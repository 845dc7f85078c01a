/** HTML escaping and the few formatting helpers the console's renderers share. */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for an HTML element or a quoted attribute.
 *
 * @example
 * escapeHtml('<a href="x">') // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * A `<time>` element for an ISO timestamp, shown as UTC to the second.
 *
 * @example
 * timeHtml("2026-11-01T10:00:00.000Z") // '<time datetime="2026-11-01T10:00:00.000Z">2026-11-01 10:00:00 UTC</time>'
 */
export function timeHtml(iso: string | undefined): string {
  if (!iso) return "—";
  const shown = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(shown)}</time>`;
}

/**
 * Seconds as `42s`, `3m 05s` or `1h 02m`.
 *
 * @example
 * formatDuration(185) // "3m 05s"
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
}
