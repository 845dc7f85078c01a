/** `imagebuild stop`: stops a queued or running build (DLC StopJob); a finished one is left as it is. */
import { TERMINAL_JOB_STATUSES } from "@imagebuild/pai-client";
import type { DlcJob } from "@imagebuild/schema";
import { z } from "zod";
import { onlyJobOrBuildId, resolveJobId } from "../build-job-id.ts";
import { type Command, EXIT_OK } from "../command.ts";
import { clientFromSettings } from "../client-from-settings.ts";
import { envFlag, jsonFlag, pollFlag, targetEnvHelp } from "../flag-schemas.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { resolveSettings } from "../settings.ts";

const FLAGS = z.object({
  wait: z.boolean().default(false),
  poll: pollFlag,
  env: envFlag,
  json: jsonFlag,
});

const HELP = `Usage: imagebuild stop JOB|BUILD [options]

Stops a queued or running build, given its job id (dlc-…) or build id (build-…), with PAI-DLC
StopJob. A build that already ended is left as it is and reported. Nothing is added to the
workspace by a stopped build; submitting the spec again starts a new one only with a new
ClientToken.

Options:
  --wait            wait until the job has stopped
  --poll SECONDS    first interval between status polls with --wait (default 2; grows to 30)
${targetEnvHelp(20)}
  --json            print {ok, jobId, previousStatus, stopped, job} as JSON
  -h, --help        show this help

Exit codes: 0 stopped, or already ended; 1 the call failed, 2 usage.

Examples:
  imagebuild stop dlc-1a2b3c4d
  imagebuild stop build-1a2b3c4d --wait --json
`;

/**
 * The `stop` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["dlc-1a2b3c4d", "--wait"], io);
 */
export const command: Command = {
  name: "stop",
  summary: "stop a queued or running build",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      schema: FLAGS,
      positionals: true,
    });
    const id = onlyJobOrBuildId(positionals);
    const client = clientFromSettings(await resolveSettings({ io, env: flags.env }), {
      pollMs: flags.poll,
    });
    let before: DlcJob;
    let job: DlcJob;
    let stopped = false;
    try {
      const jobId = await resolveJobId(client, id);
      before = await client.getJob(jobId);
      job = before;
      if (!TERMINAL_JOB_STATUSES.has(before.Status)) {
        await client.stopJob(jobId);
        stopped = true;
        job = flags.wait
          ? await client.waitForJob(jobId, io.signal ? { signal: io.signal } : {})
          : await client.getJob(jobId);
      }
    } finally {
      await client.close?.();
    }
    if (flags.json) {
      writeJson(io.stdout, {
        ok: true,
        jobId: job.JobId,
        previousStatus: before.Status,
        stopped,
        job,
      });
    } else if (stopped) {
      io.stdout.write(`${job.JobId}: stop requested (was ${before.Status}); now ${job.Status}\n`);
    } else {
      io.stdout.write(`${job.JobId}: already ${before.Status}; nothing to stop\n`);
    }
    return EXIT_OK;
  },
};
