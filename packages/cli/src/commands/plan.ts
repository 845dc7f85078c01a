/** `imagebuild plan`: what merging the working tree (or a head ref) would build, against a git base ref. */
import { formatPlan, type PlanResult, plan } from "@imagebuild/core";
import { z } from "zod";
import { environmentsToCheck } from "../check-environment.ts";
import { type Command, EXIT_FAILED, EXIT_OK } from "../command.ts";
import { clientFromSettings, hasEndpoint } from "../client-from-settings.ts";
import { baseFlag, dirFlag, envFlag, jsonFlag } from "../flag-schemas.ts";
import { writeJson } from "../output/write-json.ts";
import { environmentDefaultsFor } from "../local-registry.ts";
import { parseFlags } from "../parse-flags.ts";
import { secretHostsFromEnv } from "../secret-hosts-from-env.ts";
import { resolveSettings } from "../settings.ts";

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
Compares the working tree (or --head) with --base. Without --env, plans every environment the
specs define, one group each (as validate checks them); the default environment of
imagebuild.config.yaml does not narrow it, --env or IMAGEBUILD_ENV does. Existing images are looked
up in the workspace when an endpoint is set (IMAGEBUILD_ENDPOINT or a region variable) or, for the
one environment named, configured in imagebuild.config.yaml.

Options:
  --base REF                       git base revision (default: the merge base with main)
  --head REF                       compare this revision instead of the working tree
  --env NAME                       only this environment (default: IMAGEBUILD_ENV, else every one
                                   the specs define)
  --format table|markdown|json     output format (default: table); markdown suits a PR summary
  --offline                        do not ask the workspace which images exist
  --dir PATH                       the specs folder (default: specsDir in the config, else specs/)
  --json                           same as --format json, plus "ok"; without --env the plans
                                   are under "environments": [{env, entries, problems, …}]
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
  flags: FLAGS,
  async run(args, io) {
    const { flags } = parseFlags({
      args,
      schema: FLAGS,
    });
    const format = flags.json ? "json" : flags.format;
    const settings = await resolveSettings({ io, env: flags.env, dir: flags.dir });
    const location = settings.location();
    const only = settings.explicitEnv;
    // One plan per environment; a repository whose specs define none is planned once, bare.
    const { envs } = await environmentsToCheck(settings);
    const secretHosts = secretHostsFromEnv(io.env);
    // Planning every environment asks a workspace only when a variable names the endpoint, so a
    // plain `plan` needs neither a running local service nor cloud keys; a named one uses its config.
    const target = only ? settings : settings.inEnv(undefined);
    const client = !flags.offline && hasEndpoint(target) ? clientFromSettings(target) : undefined;
    const results: { env: string | undefined; result: PlanResult }[] = [];
    try {
      for (const env of envs) {
        const result = await plan({
          repoDir: location.rootDir,
          specsDir: location.specsDir,
          ...(flags.base ? { base: flags.base } : {}),
          ...(flags.head ? { head: flags.head } : {}),
          ...(env ? { env } : {}),
          environmentDefaults: await environmentDefaultsFor({ settings, env }),
          ...(client ? { client } : {}),
          secretHosts,
        });
        results.push({ env, result });
      }
    } finally {
      await client?.close();
    }
    const ok = results.every(({ result }) => !result.problems.some((p) => p.severity === "error"));
    const grouped = only === undefined && envs[0] !== undefined;
    if (format === "json") {
      // The same document core formats, with the `ok` every command's JSON carries.
      const docs = results.map(({ env, result }) => ({
        ...(grouped ? { env } : {}),
        ...JSON.parse(formatPlan(result, "json")),
      }));
      writeJson(io.stdout, grouped ? { ok, environments: docs } : { ok, ...docs[0] });
    } else {
      for (const { env, result } of results) {
        if (grouped)
          io.stdout.write(format === "markdown" ? `### env \`${env}\`\n\n` : `env ${env}:\n`);
        io.stdout.write(ensureNewline(formatPlan(result, format)));
        if (grouped && results.at(-1)?.env !== env) io.stdout.write("\n");
      }
    }
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
