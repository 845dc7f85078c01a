/** A build page's live feed: new log lines as they are written, the summary when it changes, the full log at the end. */
import type { ServiceContext } from "../http/service-context.ts";
import { failingStep } from "./build-facts.ts";
import { buildRecord } from "./build-record.ts";
import type { EventStream } from "./event-stream.ts";
import { readAllLogLines, readLogLines } from "./read-log-lines.ts";
import { renderLog, renderSummary } from "./render-build-page.ts";

/** How often a running build's log file and status are read. */
export const BUILD_POLL_MS = 250;

/**
 * Streams one build from a log offset: `line` events (id = the offset after the line), `summary`
 * when the status changes, and once the job is over and its log read, `log` (the full log with the
 * failing step marked) and `end`; then the stream closes.
 *
 * @example
 * streamBuild({ service, jobId: "dlc-abc", offset: 0, stream: openEventStream(res) });
 */
export function streamBuild({
  service,
  jobId,
  offset,
  stream,
}: {
  service: ServiceContext;
  jobId: string;
  offset: number;
  stream: EventStream;
}): void {
  const { dataDir } = service;
  let position = offset;
  let lastSummary = "";
  const tick = () => {
    const build = buildRecord(service, jobId);
    if (!build) return stream.end();
    // Read the log after the status: a terminal status is written after the builder's last line.
    for (;;) {
      const next = readLogLines({ dataDir, jobId, offset: position });
      if (next.offset === position) break;
      position = next.offset;
      next.lines.forEach((line, i) => {
        stream.send("line", line, i === next.lines.length - 1 ? String(position) : undefined);
      });
    }
    // Only a finished build's summary reads its log (the digest, the failing step).
    const all = build.terminal ? readAllLogLines({ dataDir, jobId }).lines : [];
    const summary = renderSummary(build, all);
    if (summary !== lastSummary) stream.send("summary", summary);
    lastSummary = summary;
    if (build.terminal) {
      stream.send(
        "log",
        renderLog(all, build.job.Status === "Failed" ? failingStep(all) : undefined),
      );
      stream.send("end", build.job.Status);
      stream.end();
    }
  };
  const safeTick = () => {
    try {
      tick();
    } catch {
      // The database closes when the service stops: end the stream, the browser reconnects.
      stream.end();
    }
  };
  const timer = setInterval(safeTick, BUILD_POLL_MS);
  timer.unref();
  stream.onClose(() => clearInterval(timer));
  safeTick();
}
