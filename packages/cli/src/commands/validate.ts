/** `imagebuild validate`: schema and lint problems of specs, as `file:line:col: rule-id: message` lines. */
import { directorySource, formatProblem, gitSource, loadSpecs } from "@imagebuild/core";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK } from "../command.ts";
import { baseFlag, dirFlag, envFlag, jsonFlag } from "../flag-schemas.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { specPaths, specsLocation } from "../specs-location.ts";

const FLAGS = z.object({ dir: dirFlag, env: envFlag, base: baseFlag, json: jsonFlag });

const HELP = `Usage: imagebuild validate [PATH…] [options]

Checks spec files against the imagebuild/v1 schema and the lints (path/name/tag agree, pinned
FROM lines, no literal credentials, unique image URIs, …). Prints one line per problem,
file:line:col: rule-id: message, then a count. PATHs are spec files or image folders;
default: every spec under --dir.

Options:
  --dir PATH     the specs folder (default: specs)
  --env NAME     apply this environment overlay (e.g. local, prod) and check the full request
  --base REF     also check that built versions did not change since this git revision
  --json         print {ok, specs, problems, errors, warnings} as JSON
  -h, --help     show this help

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage.

Examples:
  imagebuild validate
  imagebuild validate --env prod specs/pytorch-train/2.4.0.yaml
  imagebuild validate --base origin/main --json
`;

/** The `validate` command. */
export const command: Command = {
  name: "validate",
  summary: "check specs against the schema and the lints",
  help: HELP,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      options: {
        dir: { type: "string" },
        env: { type: "string" },
        base: { type: "string" },
      },
      schema: FLAGS,
      positionals: true,
    });
    const location = specsLocation({ dir: flags.dir, cwd: io.cwd });
    const paths =
      positionals.length > 0
        ? await specPaths({ args: positionals, cwd: io.cwd, location })
        : undefined;
    const { specs, problems } = await loadSpecs({
      source: directorySource(location.rootDir),
      specsDir: location.specsDir,
      ...(paths ? { paths } : {}),
      ...(flags.env ? { env: flags.env } : {}),
      ...(flags.base
        ? { baseSource: gitSource({ repoDir: location.rootDir, revision: flags.base }) }
        : {}),
    });
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    if (flags.json) {
      writeJson(io.stdout, {
        ok: errors === 0,
        env: flags.env ?? null,
        specs: specs.map((s) => ({ file: s.file, imageUri: s.request.Image.Uri })),
        problems,
        errors,
        warnings,
      });
    } else {
      for (const problem of problems) io.stdout.write(`${formatProblem(problem)}\n`);
      const where = flags.env ? ` (env ${flags.env})` : "";
      io.stdout.write(
        `${specs.length} spec${specs.length === 1 ? "" : "s"} checked${where}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`,
      );
    }
    return errors > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
