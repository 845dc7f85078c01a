/** `imagebuild images`: a workspace's images (ListImages), every page, as a table or JSON. */
import type { ListImagesQuery, WorkspaceImage } from "@imagebuild/schema";
import { z } from "zod";
import { type Command, EXIT_OK, UsageError } from "../command.ts";
import { clientFromSettings } from "../client-from-settings.ts";
import { envFlag, jsonFlag, targetEnvHelp } from "../flag-schemas.ts";
import { formatTable } from "../output/format-table.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { resolveSettings } from "../settings.ts";

const FLAGS = z.object({
  workspace: z.string().min(1, "must not be empty").max(64, "is too long").optional(),
  env: envFlag,
  name: z.string().min(1, "must not be empty").max(128, "is too long").optional(),
  labels: z
    .string()
    .regex(/^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$/, "must be key=value pairs separated by commas")
    .optional(),
  verbose: z.boolean().default(false),
  json: jsonFlag,
});

const HELP = `Usage: imagebuild images [--workspace ID] [options]

Lists the images of a PAI workspace (all pages), including the custom images builds added
(SOURCE shows Build and the build id).

Options:
  --workspace ID       the workspace id (default: the environment's workspace in
                       imagebuild.config.yaml; the local service uses e.g. "local")
  --name TEXT          only images whose name contains TEXT
  --labels k=v,…       only images with every one of these labels
  --verbose            also show labels
${targetEnvHelp(23)}
  --json               print {ok, totalCount, images} as JSON
  -h, --help           show this help

Exit codes: 0 ok, 1 the call failed, 2 usage.

Examples:
  imagebuild images --workspace local
  imagebuild images --workspace 268451 --labels system.chipType=GPU --verbose
`;

/**
 * The `images` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["--workspace", "local", "--json"], io);
 */
export const command: Command = {
  name: "images",
  summary: "list a workspace's images",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags } = parseFlags({
      args,
      schema: FLAGS,
    });
    const settings = await resolveSettings({ io, env: flags.env });
    const workspace = flags.workspace ?? settings.workspace;
    if (workspace === undefined) {
      const where = settings.env
        ? `environments.${settings.env}.workspace`
        : "an environment's workspace";
      throw new UsageError(`--workspace: is required (or set ${where} in imagebuild.config.yaml)`);
    }
    const query: ListImagesQuery = { WorkspaceId: workspace };
    if (flags.name) query.Name = flags.name;
    if (flags.labels) query.Labels = flags.labels;
    if (flags.verbose) query.Verbose = "true";
    const client = clientFromSettings(settings);
    const images: WorkspaceImage[] = [];
    try {
      for await (const page of client.listAllImages(query)) images.push(...page.Images);
    } finally {
      await client.close?.();
    }
    if (flags.json) {
      writeJson(io.stdout, { ok: true, totalCount: images.length, images });
      return EXIT_OK;
    }
    io.stdout.write(
      formatTable({
        rows: images,
        columns: [
          { header: "NAME", value: (i) => i.Name },
          { header: "URI", value: (i) => i.ImageUri },
          { header: "SOURCE", value: (i) => [i.SourceType, i.SourceId].filter(Boolean).join(" ") },
          { header: "CREATED", value: (i) => i.GmtCreateTime },
          ...(flags.verbose
            ? [
                {
                  header: "LABELS",
                  value: (i: WorkspaceImage) =>
                    (i.Labels ?? []).map((l) => `${l.Key}=${l.Value}`).join(","),
                },
              ]
            : []),
        ],
      }),
    );
    io.stdout.write(`${images.length} image${images.length === 1 ? "" : "s"}\n`);
    return EXIT_OK;
  },
};
