/** `imagebuild status`: a build job's DLC status, once or followed until it ends. */
import type { DlcJob } from "@imagebuild/schema";
import { z } from "zod";
import { onlyJobOrBuildId, resolveJobId } from "../build-job-id.ts";
import { type Command, EXIT_FAILED, EXIT_OK } from "../command.ts";
import { clientFromSettings } from "../client-from-settings.ts";
import { envFlag, jsonFlag, pollFlag, targetEnvHelp } from "../flag-schemas.ts";
import { createProgressRenderer } from "../output/progress-renderer.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { resolveSettings } from "../settings.ts";

const FLAGS = z.object({
  watch: z.boolean().default(false),
  poll: pollFlag,
  env: envFlag,
  json: jsonFlag,
});
const UNSUCCESSFUL = new Set(["Failed", "Stopped"]);

const HELP = `Usage: imagebuild status JOB|BUILD [options]

Shows the status of a build job (the ImageBuildJobId that build prints; a PAI-DLC job), given the
job id (dlc-…) or the build id (build-…, an image's SourceId):
Creating, Queuing, Running, … and finally Succeeded, Failed or Stopped, with the reason.

Options:
  --watch        follow the job until it ends (live on a terminal, a line per change otherwise)
  --poll SECONDS first interval between polls with --watch (default 2; grows to 30)
${targetEnvHelp(17)}
  --json         print {ok, job} (the DLC job) as JSON
  -h, --help     show this help

Exit codes: 0 ok (the job has not failed), 1 the job failed or was stopped, or the call failed,
2 usage.

Examples:
  imagebuild status dlc-1a2b3c4d
  imagebuild status dlc-1a2b3c4d --watch
  imagebuild status build-1a2b3c4d --json
`;

/**
 * The `status` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["dlc-1a2b3c4d", "--watch"], io); // 1 if the job failed
 */
export const command: Command = {
  name: "status",
  summary: "show a build job's status",
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
    let job: DlcJob;
    try {
      const jobId = await resolveJobId(client, id);
      if (flags.watch) {
        const progress = createProgressRenderer({
          stream: flags.json ? io.stderr : io.stdout,
          isTTY: flags.json ? false : io.isTTY,
        });
        job = await client.waitForJob(jobId, {
          onStatus: (j: DlcJob) => progress.update(jobId, j.Status),
          ...(io.signal ? { signal: io.signal } : {}),
        });
        progress.done();
      } else {
        job = await client.getJob(jobId);
      }
    } finally {
      await client.close?.();
    }
    const ok = !UNSUCCESSFUL.has(job.Status);
    if (flags.json) writeJson(io.stdout, { ok, job });
    else io.stdout.write(describeJob(job));
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};

function describeJob(job: DlcJob): string {
  const lines = [`${job.JobId}  ${job.Status}`];
  if (job.ReasonCode || job.ReasonMessage) {
    lines.push(`reason: ${[job.ReasonCode, job.ReasonMessage].filter(Boolean).join(": ")}`);
  }
  if (job.GmtCreateTime) lines.push(`created: ${job.GmtCreateTime}`);
  if (job.GmtFinishTime) lines.push(`finished: ${job.GmtFinishTime}`);
  return `${lines.join("\n")}\n`;
}
