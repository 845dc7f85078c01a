/** `imagebuild builds`: recent builds, running, failed and succeeded, from ListJobs, newest first. */
import {
  type DlcJob,
  jsonSchemas,
  type ListJobsQuery,
  type WorkspaceImage,
} from "@imagebuild/schema";
import { z } from "zod";
import { buildIdOfJob } from "../build-job-id.ts";
import { type Command, EXIT_OK, UsageError } from "../command.ts";
import { clientFromSettings } from "../client-from-settings.ts";
import { envFlag, intFlag, jsonFlag, targetEnvHelp } from "../flag-schemas.ts";
import { formatTable } from "../output/format-table.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { resolveSettings } from "../settings.ts";

// ListJobs answers at most this many per page.
const PAGE_SIZE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 60 * 60_000, d: DAY_MS, w: 7 * DAY_MS };
// The DLC statuses (the schema's JobStatus) by their lower-case names, so `--status failed,running` works.
const STATUSES = jsonSchemas.DlcJobSchema.$defs.JobStatus.enum;
const BY_LOWER = new Map(STATUSES.map((s) => [s.toLowerCase(), s]));

const FLAGS = z.object({
  env: envFlag,
  spec: z
    .string()
    .regex(
      /(^|\/)[a-z0-9][a-z0-9._-]*\/[^/]+\.yaml$/,
      "must be a spec file like specs/IMAGE/VERSION.yaml",
    )
    .optional(),
  image: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, "must be an image name like busybox-hello")
    .optional(),
  status: z
    .string()
    .transform((v, ctx) => {
      const out = v.split(",").map((s) => BY_LOWER.get(s.trim().toLowerCase()));
      if (out.some((s) => s === undefined)) {
        ctx.addIssue({
          code: "custom",
          message: `must be DLC statuses separated by commas (${STATUSES.join(", ")})`,
        });
        return z.NEVER;
      }
      return out.join(",");
    })
    .optional(),
  since: z
    .string()
    .default("30d")
    .transform((v, ctx) => {
      const since = sinceDate(v);
      if (since === undefined) {
        ctx.addIssue({
          code: "custom",
          message: "must be a duration like 30m, 12h, 7d, 4w or a date like 2026-01-31",
        });
        return z.NEVER;
      }
      return since;
    }),
  workspace: z.string().min(1, "must not be empty").max(64, "is too long").optional(),
  limit: intFlag({ min: 1, max: 1000, fallback: 20 }),
  json: jsonFlag,
});

const HELP = `Usage: imagebuild builds [options]

Lists recent builds (PAI-DLC jobs, via ListJobs), newest first, whatever their status: queued,
running, failed, stopped or succeeded. A succeeded build shows the image it added (the image whose
SourceId is the build id). Without --since ListJobs only returns the last 7 days; this command asks
for the last 30 days.

Options:
  --spec FILE       only builds of this spec (its image; running and failed builds record no tag,
                    so they are matched by image name)
  --image NAME      only builds of this image name
  --status LIST     only these DLC statuses, e.g. Failed,Stopped or running (case does not matter)
  --since WHEN      a duration back from now (30m, 12h, 7d, 4w) or a date (default: 30d)
  --workspace ID    only this workspace (default: the environment's workspace in
                    imagebuild.config.yaml, else every workspace the keys can see)
  --limit N         at most N builds, 1-1000 (default: 20)
${targetEnvHelp(20)}
  --json            print {ok, totalCount, builds} as JSON
  -h, --help        show this help

Exit codes: 0 ok, 1 the call failed, 2 usage.

Examples:
  imagebuild builds
  imagebuild builds --status failed,stopped --since 7d
  imagebuild builds --spec specs/busybox-hello/1.0.0.yaml --json
`;

/** One row of the list. */
export interface BuildRow {
  jobId: string;
  buildId: string | undefined;
  image: string;
  imageUri: string | undefined;
  workspaceId: string | undefined;
  status: string;
  reason: string | undefined;
  created: string | undefined;
  finished: string | undefined;
  durationSeconds: number | undefined;
}

/**
 * The `builds` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["--status", "Failed", "--json"], io);
 */
export const command: Command = {
  name: "builds",
  summary: "list recent builds, failed and running ones too",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      schema: FLAGS,
      positionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const fromSpec = flags.spec ? specImage(flags.spec) : undefined;
    if (fromSpec && flags.image && fromSpec.name !== flags.image) {
      throw new UsageError(
        `--image: ${flags.image} is not the image of --spec ${flags.spec} (${fromSpec.name})`,
      );
    }
    const imageName = fromSpec?.name ?? flags.image;
    const query: ListJobsQuery = {
      StartTime: flags.since.toISOString(),
      SortBy: "GmtCreateTime",
      Order: "desc",
      PageSize: String(PAGE_SIZE),
    };
    const settings = await resolveSettings({ io, env: flags.env });
    const workspace = flags.workspace ?? settings.workspace;
    if (workspace) query.WorkspaceId = workspace;
    if (flags.status) query.Status = flags.status;
    // A build's job is named imagebuild-<image name> (unless the spec sets ImageBuildJobName).
    if (imageName) {
      query.DisplayName = `imagebuild-${imageName}`;
      query.DisplayNameSearchMode = "exact";
    }
    const client = clientFromSettings(settings);
    let rows: BuildRow[] = [];
    let totalCount = 0;
    try {
      const jobs: DlcJob[] = [];
      for (let page = 1; jobs.length < flags.limit; page++) {
        const answer = await client.listJobs({ ...query, PageNumber: String(page) });
        totalCount = answer.TotalCount ?? answer.Jobs?.length ?? 0;
        jobs.push(...(answer.Jobs ?? []));
        if ((answer.Jobs ?? []).length < PAGE_SIZE || jobs.length >= totalCount) break;
      }
      const images = await imagesBySource(client, jobs);
      rows = jobs.map((job) => toRow(job, images));
      if (fromSpec) {
        // Only a succeeded build names its tag; the others stay, matched by image name.
        rows = rows.filter(
          (r) => r.imageUri === undefined || r.imageUri.endsWith(`:${fromSpec.version}`),
        );
      }
      rows = rows.slice(0, flags.limit);
    } finally {
      await client.close?.();
    }
    if (flags.json) {
      writeJson(io.stdout, { ok: true, totalCount, builds: rows });
      return EXIT_OK;
    }
    io.stdout.write(
      formatTable({
        rows,
        columns: [
          { header: "JOB", value: (r) => r.jobId },
          { header: "BUILD", value: (r) => r.buildId },
          { header: "IMAGE", value: (r) => r.imageUri ?? r.image },
          { header: "STATUS", value: (r) => r.status },
          { header: "CREATED", value: (r) => r.created },
          {
            header: "DURATION",
            value: (r) => (r.durationSeconds === undefined ? undefined : `${r.durationSeconds}s`),
          },
          { header: "REASON", value: (r) => r.reason },
        ],
      }),
    );
    const more =
      totalCount > rows.length && !fromSpec ? ` (of ${totalCount}; --limit shows more)` : "";
    io.stdout.write(`${rows.length} build${rows.length === 1 ? "" : "s"}${more}\n`);
    return EXIT_OK;
  },
};

function specImage(file: string): { name: string; version: string } {
  const parts = file.split("/");
  const name = parts.at(-2) ?? "";
  return { name, version: (parts.at(-1) ?? "").replace(/\.yaml$/, "") };
}

/** Workspace images keyed by SourceId (a build id), for the workspaces the jobs are in. */
async function imagesBySource(
  client: ReturnType<typeof clientFromSettings>,
  jobs: DlcJob[],
): Promise<Map<string, WorkspaceImage>> {
  const out = new Map<string, WorkspaceImage>();
  const workspaces = new Set(
    jobs.filter((j) => j.Status === "Succeeded").map((j) => j.WorkspaceId),
  );
  for (const workspace of workspaces) {
    if (!workspace) continue;
    for await (const page of client.listAllImages({ WorkspaceId: workspace })) {
      for (const image of page.Images) if (image.SourceId) out.set(image.SourceId, image);
    }
  }
  return out;
}

function toRow(job: DlcJob, images: Map<string, WorkspaceImage>): BuildRow {
  const buildId = buildIdOfJob(job.JobId);
  const image = buildId === undefined ? undefined : images.get(buildId);
  return {
    jobId: job.JobId,
    buildId,
    image: image?.Name ?? (job.DisplayName ?? "").replace(/^imagebuild-/, ""),
    imageUri: image?.ImageUri,
    workspaceId: job.WorkspaceId,
    status: job.Status,
    reason: [job.ReasonCode, job.ReasonMessage].filter(Boolean).join(": ") || undefined,
    created: job.GmtCreateTime,
    finished: job.GmtFinishTime,
    durationSeconds: job.Duration,
  };
}

function sinceDate(value: string, now = Date.now()): Date | undefined {
  const duration = /^([0-9]{1,6})([mhdw])$/.exec(value);
  if (duration)
    return new Date(now - Number(duration[1]) * (UNIT_MS[duration[2] as string] as number));
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
