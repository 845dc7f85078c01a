/** `imagebuild graph`: the dependency graph of the specs (in-repo edges, external bases, build order). */
import { directorySource, formatGraph, loadSpecs, SpecError, specGraph } from "@imagebuild/core";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK } from "../command.ts";
import { dirFlag, envFlag, jsonFlag } from "../flag-schemas.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { environmentDefaultsFor } from "../local-registry.ts";
import { resolveSettings } from "../settings.ts";

const FLAGS = z.object({
  dir: dirFlag,
  env: envFlag,
  format: z.enum(["text", "json", "mermaid"], "must be text, json or mermaid").default("text"),
  json: jsonFlag,
});

const HELP = `Usage: imagebuild graph [options]

Prints which specs are built on which: an edge for every FROM (or COPY --from) that names another
spec (imagebuild:<image>:<version> or imagebuild:<image>:latest), and the external base images.
Specs come in build order, bases first. A cycle is an error that names every file in it.

Options:
  --env NAME                     apply this environment overlay (e.g. local, prod; default:
                                 IMAGEBUILD_ENV, else none: the config's defaultEnv does not apply)
  --format text|json|mermaid     output format (default: text); mermaid renders in a PR or README
  --dir PATH                     the specs folder (default: specsDir in imagebuild.config.yaml,
                                 else specs/ at the repository root)
  --json                         same as --format json, plus "ok"
  -h, --help                     show this help

Exit codes: 0 ok, 1 a spec is invalid (a cycle, an unknown spec reference, …), 2 usage.

Examples:
  imagebuild graph --env local
  imagebuild graph --env prod --format mermaid
`;

/**
 * The `graph` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["--env", "local", "--format", "mermaid"], io);
 */
export const command: Command = {
  name: "graph",
  summary: "which specs are built on which, in build order",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags } = parseFlags({
      args,
      schema: FLAGS,
    });
    const settings = await resolveSettings({ io, env: flags.env, dir: flags.dir });
    const location = settings.location();
    const env = settings.explicitEnv;
    const { specs, problems } = await loadSpecs({
      source: directorySource(location.rootDir),
      specsDir: location.specsDir,
      environmentDefaults: await environmentDefaultsFor({ settings, env }),
      ...(env ? { env } : {}),
    });
    const errors = problems.filter((p) => p.severity === "error");
    if (errors.length > 0) throw new SpecError({ problems: errors });
    const graph = specGraph(specs);
    if (flags.json || flags.format === "json") writeJson(io.stdout, { ok: true, ...graph });
    else io.stdout.write(formatGraph(graph, flags.format));
    return graph.cycles.length > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
