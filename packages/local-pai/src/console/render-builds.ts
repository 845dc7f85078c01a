/** The console's front page: the builds, newest first, and the workspace images with their labels. */
import type { WorkspaceImage } from "@imagebuild/schema";
import type { BuildRecord } from "./build-record.ts";
import { escapeHtml, formatDuration, timeHtml } from "./html.ts";
import { renderLayout } from "./render-layout.ts";
import { statusBadge, triggerHtml } from "./render-status.ts";

/**
 * The rows of the builds table (the part the event stream replaces).
 *
 * @example
 * renderBuildRows(recentBuilds(service, 50))
 */
export function renderBuildRows(builds: readonly BuildRecord[]): string {
  if (builds.length === 0) {
    return '<tr><td colspan="6" class="empty">No builds yet. Submit one with <code>imagebuild build SPEC</code> or CreateImageBuild.</td></tr>';
  }
  return builds
    .map(
      (build) => `<tr data-job-id="${escapeHtml(build.job.JobId)}">
<td data-label="Status"><span>${statusBadge(build.job.Status)}</span></td>
<td data-label="Image"><span><a href="/builds/${encodeURIComponent(build.job.JobId)}">${escapeHtml(build.imageName)}<span class="tag">:${escapeHtml(build.tag)}</span></a></span></td>
<td data-label="Trigger"><span>${triggerHtml(build.trigger)}</span></td>
<td data-label="Duration"><span>${durationHtml(build)}</span></td>
<td data-label="Job"><span><code>${escapeHtml(build.job.JobId)}</code></span></td>
<td data-label="Created"><span>${timeHtml(build.job.GmtCreateTime)}</span></td>
</tr>`,
    )
    .join("\n");
}

/**
 * A build's duration: fixed once it ended, ticking (by the script) while it runs, a dash before.
 *
 * @example
 * durationHtml(record) // '<span data-running-since="2026-…">12s</span>'
 */
export function durationHtml(build: BuildRecord): string {
  const { job } = build;
  if (job.GmtRunningTime === undefined) return '<span class="muted">—</span>';
  const text = formatDuration(job.Duration ?? 0);
  return build.terminal
    ? text
    : `<span data-running-since="${escapeHtml(job.GmtRunningTime)}">${text}</span>`;
}

/**
 * The images table (the part the event stream replaces).
 *
 * @example
 * renderImageRows(service.images.list({ verbose: true, pageNumber: 1, pageSize: 100, order: "DESC" }).images)
 */
export function renderImageRows(images: readonly WorkspaceImage[]): string {
  if (images.length === 0) {
    return '<tr><td colspan="5" class="empty">No images yet: a build that succeeds adds one.</td></tr>';
  }
  return images
    .map((image) => {
      const labels = (image.Labels ?? [])
        .map((l) => `<li><code>${escapeHtml(l.Key ?? "")}=${escapeHtml(l.Value ?? "")}</code></li>`)
        .join("");
      return `<tr>
<td data-label="Name"><span>${escapeHtml(image.Name)}</span></td>
<td data-label="URI"><span><code class="uri">${escapeHtml(image.ImageUri)}</code></span></td>
<td data-label="Labels"><span>${labels === "" ? '<span class="muted">none</span>' : `<ul class="labels">${labels}</ul>`}</span></td>
<td data-label="Workspace"><span>${escapeHtml(image.WorkspaceId ?? "")}</span></td>
<td data-label="Modified"><span>${timeHtml(image.GmtModifiedTime)}</span></td>
</tr>`;
    })
    .join("\n");
}

/**
 * The whole front page, around rows from `renderBuildRows` and `renderImageRows`.
 *
 * @example
 * renderBuildsPage({ buildRows: renderBuildRows(builds), imageRows: renderImageRows(images) })
 */
export function renderBuildsPage({
  buildRows,
  imageRows,
}: {
  buildRows: string;
  imageRows: string;
}): string {
  return renderLayout({
    title: "Builds",
    page: "builds",
    main: `<h1>Builds</h1>
<p class="live" id="live" role="status">Updates arrive by themselves.</p>
<section aria-labelledby="builds-heading">
<h2 id="builds-heading" class="visually-hidden">Builds, newest first</h2>
<table class="builds">
<thead><tr><th scope="col">Status</th><th scope="col">Image</th><th scope="col">Trigger</th><th scope="col">Duration</th><th scope="col">Job</th><th scope="col">Created</th></tr></thead>
<tbody id="builds-body">
${buildRows}
</tbody>
</table>
</section>
<section aria-labelledby="images" class="images">
<h2 id="images">Images</h2>
<table>
<thead><tr><th scope="col">Name</th><th scope="col">URI</th><th scope="col">Labels</th><th scope="col">Workspace</th><th scope="col">Modified</th></tr></thead>
<tbody id="images-body">
${imageRows}
</tbody>
</table>
</section>`,
  });
}
