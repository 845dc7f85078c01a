/** `imagebuild logs`: a build's log through GetPodLogs, once or followed while the build runs. */
import { TERMINAL_JOB_STATUSES } from "@imagebuild/pai-client";
import type { DlcJob } from "@imagebuild/schema";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { onlyJobOrBuildId, resolveJobId } from "../build-job-id.ts";
import { type Command, EXIT_FAILED, EXIT_OK } from "../command.ts";
import { clientFromSettings } from "../client-from-settings.ts";
import { envFlag, intFlag, jsonFlag, pollFlag, targetEnvHelp } from "../flag-schemas.ts";
import { redactSecrets } from "../output/format-error.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { resolveSettings } from "../settings.ts";
import { readPodLog, unseenLines } from "../pod-logs.ts";

/** GetPodLogs' own default and the window `--follow` asks for on each poll. */
const DEFAULT_MAX_LINES = 2000;
const DEFAULT_FOLLOW_POLL_MS = 1000;
const UNSUCCESSFUL = new Set(["Failed", "Stopped"]);

const FLAGS = z.object({
  follow: z.boolean().default(false),
  tail: intFlag({ min: 1, max: 10_000, fallback: DEFAULT_MAX_LINES }),
  poll: pollFlag,
  env: envFlag,
  json: jsonFlag,
});

const HELP = `Usage: imagebuild logs JOB|BUILD [options]

Prints a build's log: the job id (dlc-…) or the build id (build-…). It is read with PAI-DLC
GetPodLogs from the job's pod (GetJob's Pods), so the same command works against the cloud and
the local service.

Options:
  -f, --follow      keep printing new lines while the build runs; stops when it ends
  --tail N          the last N lines, 1-10000 (default: ${DEFAULT_MAX_LINES}, GetPodLogs' default)
  --poll SECONDS    interval between reads with --follow (default: 1)
${targetEnvHelp(20)}
  --json            print {ok, jobId, podId, status, lines} as JSON (with --follow, once it ends)
  -h, --help        show this help

Exit codes: 0 ok (with --follow: the build succeeded), 1 the call failed (with --follow: the build
failed or was stopped), 2 usage.

Examples:
  imagebuild logs dlc-1a2b3c4d
  imagebuild logs build-1a2b3c4d --follow
  imagebuild logs dlc-1a2b3c4d --tail 50 --json
`;

/**
 * The `logs` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["dlc-1a2b3c4d", "--follow"], io); // 1 if the build failed
 */
export const command: Command = {
  name: "logs",
  summary: "print a build's log, or follow it while it runs",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      short: { follow: "f" },
      schema: FLAGS,
      positionals: true,
    });
    const id = onlyJobOrBuildId(positionals);
    const client = clientFromSettings(await resolveSettings({ io, env: flags.env }));
    const signal = io.signal;
    // The service masks the secrets it knows; the ones in this environment are masked here too.
    const print = (line: string) => {
      if (!flags.json) io.stdout.write(`${redactSecrets(line, io.env)}\n`);
    };
    const printed: string[] = [];
    let job: DlcJob;
    let podId: string | undefined;
    try {
      const jobId = await resolveJobId(client, id);
      let first = await readPodLog(client, jobId, {
        maxLines: flags.tail,
        ...(signal ? { signal } : {}),
      });
      ({ job, podId } = first);
      // Whether `printed` is the whole log from its first line, so new lines can be counted.
      let exact = first.lines.length < flags.tail;
      for (const line of first.lines) printed.push(line);
      first.lines.forEach(print);
      while (flags.follow && !TERMINAL_JOB_STATUSES.has(job.Status) && !signal?.aborted) {
        await sleep(
          flags.poll ?? DEFAULT_FOLLOW_POLL_MS,
          undefined,
          signal ? { signal } : {},
        ).catch(() => {});
        if (signal?.aborted) break;
        first = await readPodLog(client, jobId, { maxLines: DEFAULT_MAX_LINES });
        ({ job, podId } = first);
        exact &&= first.lines.length < DEFAULT_MAX_LINES;
        const fresh = unseenLines({ printed, fetched: first.lines, exact });
        printed.push(...fresh);
        fresh.forEach(print);
      }
    } finally {
      await client.close?.();
    }
    const ok = !flags.follow || !UNSUCCESSFUL.has(job.Status);
    if (flags.json) {
      writeJson(io.stdout, {
        ok,
        jobId: job.JobId,
        podId: podId ?? null,
        status: job.Status,
        lines: printed.map((line) => redactSecrets(line, io.env)),
      });
    } else if (podId === undefined) {
      io.stderr.write(
        `${job.JobId}: ${job.Status}: no pod yet, so no log; try again with --follow\n`,
      );
    } else if (flags.follow) {
      const reason = [job.ReasonCode, job.ReasonMessage].filter(Boolean).join(": ");
      io.stderr.write(`${job.JobId}: ${job.Status}${reason ? `: ${reason}` : ""}\n`);
    }
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};
