/** A build's page: summary (status, digest, stop), status history, the Dockerfile, the log with the failing step marked. */
import { type FailingStep, failingStep, pushedDigest } from "./build-facts.ts";
import type { BuildRecord } from "./build-record.ts";
import { escapeHtml, timeHtml } from "./html.ts";
import { durationHtml } from "./render-builds.ts";
import { renderLayout } from "./render-layout.ts";
import { statusBadge, triggerHtml } from "./render-status.ts";

/**
 * The summary section (replaced live): status, reason, failing step, digest, ids and the stop button.
 *
 * @example
 * renderSummary(record, readJobLog({ dataDir, jobId }))
 */
export function renderSummary(build: BuildRecord, lines: readonly string[]): string {
  const { job } = build;
  const pushed = job.Status === "Succeeded" ? pushedDigest(lines) : undefined;
  const step = job.Status === "Failed" ? failingStep(lines) : undefined;
  // Long values (a reason, a digest) take a whole row of the grid.
  const rows: [string, string, "wide"?][] = [
    ["Status", statusBadge(job.Status)],
    ["Image", `<code class="uri">${escapeHtml(build.imageUri)}</code>`],
    ["Trigger", triggerHtml(build.trigger)],
    ["Duration", durationHtml(build)],
    ["Job", `<code>${escapeHtml(job.JobId)}</code>`],
    ["Image build", `<code>${escapeHtml(build.imageBuildId)}</code>`],
    ["Workspace", escapeHtml(job.WorkspaceId ?? "")],
    ["Created", timeHtml(job.GmtCreateTime)],
  ];
  if (job.ReasonCode) {
    rows.push([
      "Reason",
      `<code>${escapeHtml(job.ReasonCode)}</code> ${escapeHtml(job.ReasonMessage ?? "")}`,
      "wide",
    ]);
  }
  if (step) {
    rows.push(["Failed at", `<a href="#failed-step"><code>${escapeHtml(step.title)}</code></a>`]);
  }
  if (pushed) {
    rows.push([
      "Pushed digest",
      `<code class="digest">${escapeHtml(pushed.digest)}</code> (${pushed.sizeBytes} bytes)`,
      "wide",
    ]);
  }
  const stop = build.terminal
    ? ""
    : `<p><button type="button" class="stop" data-stop="${escapeHtml(job.JobId)}">Stop build</button> <span class="stop-result" role="status"></span></p>`;
  const history = (job.StatusHistory ?? [])
    .map(
      (item) =>
        `<li>${statusBadge(item.Status)} ${timeHtml(item.Time)}${item.ReasonCode ? ` <code>${escapeHtml(item.ReasonCode)}</code>` : ""}</li>`,
    )
    .join("");
  return `<dl class="facts">
${rows.map(([term, value, wide]) => `<div${wide ? ' class="wide"' : ""}><dt>${term}</dt><dd>${value}</dd></div>`).join("\n")}
</dl>
${stop}
<h2 id="history-heading">Status history</h2>
<ol class="history" aria-labelledby="history-heading">${history}</ol>`;
}

/**
 * The log as lines; with a failing step, its lines sit in a `<mark id="failed-step">`.
 *
 * @example
 * renderLog(["STEP 1/1: FROM busybox"], undefined)
 */
export function renderLog(lines: readonly string[], step: FailingStep | undefined): string {
  const line = (text: string) => `<span class="line">${escapeHtml(text)}</span>\n`;
  if (!step) return lines.map(line).join("");
  return [
    lines.slice(0, step.start).map(line).join(""),
    `<mark class="failed-step" id="failed-step" tabindex="-1">`,
    lines.slice(step.start, step.end).map(line).join(""),
    "</mark>",
    lines.slice(step.end).map(line).join(""),
  ].join("");
}

/**
 * The whole build page. `logOffset` is where the live log stream resumes (the bytes already shown).
 *
 * @example
 * renderBuildPage({ build, lines, logOffset: 120 })
 */
export function renderBuildPage({
  build,
  lines,
  logOffset,
}: {
  build: BuildRecord;
  lines: readonly string[];
  logOffset: number;
}): string {
  const step = build.job.Status === "Failed" ? failingStep(lines) : undefined;
  const title = `${build.imageName}:${build.tag}`;
  return renderLayout({
    title: `${title} ${build.job.Status}`,
    page: "build",
    data: {
      "job-id": build.job.JobId,
      terminal: String(build.terminal),
      "log-offset": String(logOffset),
    },
    main: `<p class="back"><a href="/">← All builds</a></p>
<h1>${escapeHtml(title)}</h1>
<section id="summary" aria-label="Summary">
${renderSummary(build, lines)}
</section>
<section aria-labelledby="log-heading">
<h2 id="log-heading">Log</h2>
<pre class="log" id="log" tabindex="0" aria-labelledby="log-heading">${renderLog(lines, step)}</pre>
</section>
<section aria-labelledby="dockerfile-heading">
<h2 id="dockerfile-heading">Dockerfile</h2>
<pre class="dockerfile" tabindex="0" aria-labelledby="dockerfile-heading"><code>${escapeHtml(build.dockerfile)}</code></pre>
</section>`,
  });
}
