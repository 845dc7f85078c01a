/** `imagebuild plan`: what merging the working tree (or a head ref) would build, against a git base ref. */
import { formatPlan, plan } from "@imagebuild/core";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK } from "../command.ts";
import { clientFromEnv, hasEndpoint } from "../client-from-env.ts";
import { baseFlag, dirFlag, envFlag, jsonFlag } from "../flag-schemas.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { secretHostsFromEnv } from "../secret-hosts-from-env.ts";
import { specsLocation } from "../specs-location.ts";

const FLAGS = z.object({
  dir: dirFlag,
  env: envFlag,
  base: baseFlag,
  head: baseFlag,
  format: z.enum(["table", "markdown", "json"], "must be table, markdown or json").default("table"),
  offline: z.boolean().default(false),
  json: jsonFlag,
});

const HELP = `Usage: imagebuild plan [options]

Says, for every spec, what a merge would do: create, rebuild, skip (the image already exists in
the workspace), unchanged or removed, with the reason and the ClientToken the build would carry.
Compares the working tree (or --head) with --base. When an endpoint is configured
(IMAGEBUILD_ENDPOINT or a region), existing images are looked up in the workspace.

Options:
  --base REF                       git base revision (default: the merge base with main)
  --head REF                       compare this revision instead of the working tree
  --env NAME                       apply this environment overlay (e.g. prod)
  --format table|markdown|json     output format (default: table); markdown suits a PR summary
  --offline                        do not ask the workspace which images exist
  --dir PATH                       the specs folder (default: specs)
  --json                           same as --format json, plus "ok"
  -h, --help                       show this help

Exit codes: 0 ok, 1 a spec is invalid (e.g. a built version changed), 2 usage.

Examples:
  imagebuild plan
  imagebuild plan --base origin/main --env prod --format markdown >> "$GITHUB_STEP_SUMMARY"
`;

/**
 * The `plan` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["--base", "origin/main", "--format", "markdown"], io);
 */
export const command: Command = {
  name: "plan",
  summary: "what a merge would build, against a git base ref",
  help: HELP,
  async run(args, io) {
    const { flags } = parseFlags({
      args,
      options: {
        dir: { type: "string" },
        env: { type: "string" },
        base: { type: "string" },
        head: { type: "string" },
        format: { type: "string" },
        offline: { type: "boolean" },
      },
      schema: FLAGS,
    });
    const format = flags.json ? "json" : flags.format;
    const location = specsLocation({ dir: flags.dir, cwd: io.cwd });
    const secretHosts = secretHostsFromEnv(io.env);
    const client = !flags.offline && hasEndpoint(io.env) ? clientFromEnv(io.env) : undefined;
    const result = await plan({
      repoDir: location.rootDir,
      specsDir: location.specsDir,
      ...(flags.base ? { base: flags.base } : {}),
      ...(flags.head ? { head: flags.head } : {}),
      ...(flags.env ? { env: flags.env } : {}),
      ...(client ? { client } : {}),
      secretHosts,
    }).finally(() => client?.close());
    const ok = !result.problems.some((p) => p.severity === "error");
    if (format === "json") {
      // The same document core formats, with the `ok` every command's JSON carries.
      writeJson(io.stdout, { ok, ...JSON.parse(formatPlan(result, "json")) });
    } else {
      io.stdout.write(ensureNewline(formatPlan(result, format)));
    }
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
