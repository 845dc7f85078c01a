/** `imagebuild validate`: schema and lint problems of specs, as `file:line:col: rule-id: message` lines. */
import path from "node:path";
import {
  byLocation,
  directorySource,
  formatProblem,
  gitSource,
  loadSpecs,
  type Problem,
  readOnceSource,
  specFileChecks,
  type SpecSource,
} from "@imagebuild/core";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK } from "../command.ts";
import { environmentsToCheck } from "../check-environment.ts";
import { baseFlag, dirFlag, envFlag, jsonFlag } from "../flag-schemas.ts";
import { immutabilityBase } from "../immutability-base.ts";
import { plural } from "../output/plural.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { secretHostsFromEnv } from "../secret-hosts-from-env.ts";
import { filesNotInEnv } from "../split-by-environment.ts";
import { environmentDefaultsFor } from "../local-registry.ts";
import { resolveSettings } from "../settings.ts";
import { specPaths } from "../specs-location.ts";

const FLAGS = z.object({ dir: dirFlag, env: envFlag, base: baseFlag, json: jsonFlag });

const HELP = `Usage: imagebuild validate [PATH…] [options]

Checks spec files against the imagebuild/v1 schema and the lints (path/name/tag agree, pinned
FROM lines, no literal credentials, unique image URIs, …) with each environment overlay applied,
so the full CreateImageBuild request is checked. Prints one line per problem,
file:line:col: rule-id: message, then a count. PATHs are spec files or image folders;
default: every spec under --dir. A spec that does not define an environment is not built there.

Options:
  --dir PATH     the specs folder (default: specsDir in imagebuild.config.yaml, else specs/ at the
                 repository root, so validate works from any subfolder)
  --env NAME     only this environment (default: IMAGEBUILD_ENV, else every environment the specs
                 define; the config's defaultEnv does not narrow it)
  --base REF     check that built versions did not change since this git revision (default: the
                 merge base with main, as plan; without one, that check is skipped with a note)
  --json         print {ok, base, environments, problems, errors, warnings} as JSON
  -h, --help     show this help

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage.

Examples:
  imagebuild validate
  imagebuild validate --env prod specs/pytorch-train/2.4.0.yaml
  imagebuild validate --base origin/main --json
`;

/** What one environment's pass found. */
interface EnvPass {
  env: string | null;
  specs: { file: string; imageUri: string }[];
  notInEnv: string[];
}

/**
 * The `validate` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["--env", "prod"], io); // 0 when every spec is valid
 */
export const command: Command = {
  name: "validate",
  summary: "check specs against the schema and the lints",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      schema: FLAGS,
      positionals: true,
    });
    const settings = await resolveSettings({ io, env: flags.env, dir: flags.dir });
    const location = settings.location();
    // git runs while the specs are listed and read.
    const pendingBase = immutabilityBase({ base: flags.base, repoDir: location.rootDir });
    // Its error (a bad --base) is thrown where it is awaited, after any --env error, as before.
    pendingBase.catch(() => {});
    const source = readOnceSource(directorySource(location.rootDir));
    const paths = await specPaths({
      args: positionals.length > 0 ? positionals : [path.join(location.rootDir, location.specsDir)],
      cwd: io.cwd,
      location,
      source,
    });
    const { envs, defined } = await environmentsToCheck(settings, source);
    const base = await pendingBase;
    if (base.skipped) {
      io.stderr.write(`imagebuild validate: immutable-version not checked: ${base.skipped}\n`);
    }
    const baseSource: SpecSource | undefined = base.revision
      ? gitSource({ repoDir: location.rootDir, revision: base.revision })
      : undefined;

    const secretHosts = secretHostsFromEnv(io.env);
    const passes: EnvPass[] = [];
    // Each file is parsed and checked once, whatever the number of environments.
    const fileChecks = specFileChecks();
    const problems = new Map<string, Problem>();
    for (const env of envs) {
      const loaded = await loadSpecs({
        source,
        specsDir: location.specsDir,
        ...(positionals.length > 0 ? { paths } : {}),
        ...(env ? { env } : {}),
        environmentDefaults: await environmentDefaultsFor({ settings, env }),
        ...(baseSource ? { baseSource } : {}),
        secretHosts,
        fileChecks,
      });
      // The same problem seen in several environments is reported once.
      // checkEnvironment found the environment in the specs folder; when the PATHs given define
      // none of it, those specs are not built there, which is no error.
      const found = loaded.problems.filter(
        (p) =>
          !(positionals.length > 0 && defined.length > 0 && p.ruleId === "unknown-environment"),
      );
      for (const p of found) problems.set(formatProblem(p), p);
      passes.push({
        env: env ?? null,
        specs: loaded.specs.map((s) => ({ file: s.file, imageUri: s.request.Image.Uri })),
        notInEnv: filesNotInEnv({ env, candidates: paths, specs: loaded.specs, problems: found }),
      });
    }
    const sorted = [...problems].sort(([, a], [, b]) => byLocation(a, b));
    const all = sorted.map(([, problem]) => problem);
    const errors = all.filter((p) => p.severity === "error").length;
    const warnings = all.length - errors;
    if (flags.json) {
      writeJson(io.stdout, {
        ok: errors === 0,
        base: base.revision ?? null,
        environments: passes,
        problems: all,
        errors,
        warnings,
      });
    } else {
      // One write: a line per write is a system call per problem when stdout is a pipe.
      const lines = sorted.map(([line]) => line);
      for (const pass of passes) {
        for (const file of pass.notInEnv) lines.push(`${file}: not built in env ${pass.env}`);
      }
      const checked = passes
        .map((p) => `${plural(p.specs.length, "spec")}${p.env ? ` in env ${p.env}` : ""}`)
        .join(", ");
      lines.push(`checked ${checked}: ${plural(errors, "error")}, ${plural(warnings, "warning")}`);
      io.stdout.write(`${lines.join("\n")}\n`);
    }
    return errors > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
