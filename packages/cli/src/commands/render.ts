/** `imagebuild render`: the exact CreateImageBuild request of one spec, with secret references shown, never values. */
import { formatProblem, prepareBuild } from "@imagebuild/core";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from "../command.ts";
import { dirFlag, envFlag, jsonFlag } from "../flag-schemas.ts";
import { loadValidSpecs } from "../load-valid-specs.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { secretHostsFromEnv } from "../secret-hosts-from-env.ts";
import { resolveSettings } from "../settings.ts";

const FLAGS = z.object({ dir: dirFlag, env: envFlag, json: jsonFlag });

const HELP = `Usage: imagebuild render SPEC [options]

Shows the CreateImageBuild call a build of SPEC would send: the ClientToken and the JSON body,
after defaults, the environment overlay, the sidecar Dockerfile and package lists. Registry
credentials appear as references (e.g. "<from env ACR_AUTH>"), never as values.

Options:
  --env NAME     apply this environment overlay (e.g. local, prod; default: IMAGEBUILD_ENV, else
                 defaultEnv in imagebuild.config.yaml, else none)
  --dir PATH     the specs folder (default: specsDir in the config, else specs/ at the root)
  --json         print {file, env, clientToken, request} as JSON
  -h, --help     show this help

Exit codes: 0 ok, 1 the spec is invalid or not built in this environment, 2 usage.

Examples:
  imagebuild render specs/debian-tools/1.0.0.yaml --env local
  imagebuild render specs/pytorch-train/2.4.0.yaml --env prod --json | jq .request.Image
`;

/**
 * The `render` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["specs/debian-tools/1.0.0.yaml", "--env", "local"], io);
 */
export const command: Command = {
  name: "render",
  summary: "show the exact CreateImageBuild request of a spec",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      schema: FLAGS,
      positionals: true,
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one SPEC file");
    const settings = await resolveSettings({ io, env: flags.env, dir: flags.dir });
    const { specs, notInEnv, warnings } = await loadValidSpecs({
      args: positionals,
      settings,
      cwd: io.cwd,
      secretHosts: secretHostsFromEnv(io.env),
    });
    // Warnings do not stop a build; stderr keeps them out of --json output.
    for (const warning of warnings) io.stderr.write(`${formatProblem(warning)}\n`);
    const spec = specs[0];
    if (!spec) {
      const message = `${notInEnv[0] ?? positionals[0]}: not built in env ${settings.env ?? "(none)"}: the spec has no overlay for it`;
      if (flags.json) writeJson(io.stdout, { ok: false, error: { code: "NOT_IN_ENV", message } });
      else io.stderr.write(`imagebuild render: ${message}\n`);
      return EXIT_FAILED;
    }
    const { request, clientToken } = prepareBuild(spec, { secrets: "reference" });
    if (flags.json) {
      writeJson(io.stdout, {
        ok: true,
        file: spec.file,
        env: spec.env ?? null,
        clientToken,
        request,
      });
    } else {
      io.stdout.write(`# ${spec.file}${spec.env ? ` (env ${spec.env})` : ""}\n`);
      io.stdout.write(`POST /api/v1/imagebuilds?ClientToken=${clientToken}\n`);
      io.stdout.write(`${JSON.stringify(request, null, 2)}\n`);
    }
    return EXIT_OK;
  },
};
