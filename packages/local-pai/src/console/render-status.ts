/** A job status as a coloured badge with its text, and the trigger of a build in words. */
import type { JobStatus } from "@imagebuild/schema";
import { escapeHtml } from "./html.ts";

/** A symbol per status, so the colour is never the only signal. */
const SYMBOLS: Partial<Record<JobStatus, string>> = {
  Creating: "○",
  Queuing: "…",
  EnvPreparing: "◔",
  Running: "●",
  Succeeded: "✓",
  Failed: "✗",
  Stopped: "■",
};

/**
 * `<span class="status status-running">● Running</span>`.
 *
 * @example
 * statusBadge("Failed") // '<span class="status status-failed" data-status="Failed">…✗… Failed</span>'
 */
export function statusBadge(status: JobStatus): string {
  const symbol = SYMBOLS[status] ?? "◌";
  return `<span class="status status-${status.toLowerCase()}" data-status="${escapeHtml(status)}"><span aria-hidden="true">${symbol}</span> ${escapeHtml(status)}</span>`;
}

/**
 * The trigger header's value in words: `push 9fceb02`, `OSS specs/a/1.0.yaml`, `timer 2026-…`, `CLI`.
 *
 * @example
 * triggerHtml("oss:specs/a/1.0.yaml") // 'OSS <code>specs/a/1.0.yaml</code>'
 */
export function triggerHtml(trigger: string | undefined): string {
  if (trigger === undefined) return '<span class="muted">not recorded</span>';
  const colon = trigger.indexOf(":");
  const kind = colon < 0 ? trigger : trigger.slice(0, colon);
  const detail = colon < 0 ? "" : trigger.slice(colon + 1);
  const label = kind === "oss" || kind === "cli" ? kind.toUpperCase() : kind;
  return detail === ""
    ? escapeHtml(label)
    : `${escapeHtml(label)} <code>${escapeHtml(detail)}</code>`;
}
