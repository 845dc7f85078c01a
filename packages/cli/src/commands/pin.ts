/** `imagebuild pin`: writes the index digest of each external base into the Dockerfiles of immutable versions. */
import {
  directorySource,
  gitSource,
  loadSpecs,
  type ResolvedSpec,
  type SecretHosts,
} from "@imagebuild/core";
import path from "node:path";
import { z } from "zod";
import { type Command, EXIT_FAILED, EXIT_OK, type Io, UsageError } from "../command.ts";
import { environmentsToCheck } from "../check-environment.ts";
import { findPinSites, type PinSite } from "../find-pin-sites.ts";
import { baseFlag, dirFlag, envFlag, jsonFlag } from "../flag-schemas.ts";
import { immutabilityBase } from "../immutability-base.ts";
import { loadValidSpecs } from "../load-valid-specs.ts";
import { plural } from "../output/plural.ts";
import { writeJson } from "../output/write-json.ts";
import { parseFlags } from "../parse-flags.ts";
import { applyPins, type PinOutcome } from "../apply-pins.ts";
import { refuseBuiltVersions } from "../refuse-built-versions.ts";
import { resolvePinDigests } from "../resolve-pin-digests.ts";
import { secretHostsFromEnv } from "../secret-hosts-from-env.ts";
import { environmentDefaultsFor } from "../local-registry.ts";
import { resolveSettings, type Settings } from "../settings.ts";
import type { SpecsLocation } from "../specs-location.ts";

const FLAGS = z.object({
  dir: dirFlag,
  env: envFlag,
  base: baseFlag,
  check: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  update: z.boolean().default(false),
  force: z.boolean().default(false),
  json: jsonFlag,
});

const HELP = `Usage: imagebuild pin [SPEC|DIR…] [options]

Writes the digest of each external base image into the Dockerfiles of immutable versions
(policy.tag: immutable), so that rebuilding a version can never pull another image under the same
tag: FROM debian:bookworm becomes FROM debian:bookworm@sha256:…, the tag kept for readers, and
--platform=, AS name, comments and every other byte of the file left as they are. COPY --from=
images and a PackageInstallation's Packages.Base too; spec references (imagebuild:<image>:<version>)
and ARG-made references are not pinned.
The pin-base-digest lint of validate lists the same lines.

The digest is what a HEAD of the manifest answers (Docker-Content-Digest, not counted as a pull):
for a multi-platform image the index digest, valid on every architecture (never one platform's).
The registry asked is the one the reference names, never a local mirror, since the Dockerfile is
the same in every environment; credentials are the spec's RegistryAuths for that registry (its
secret, bound to the host in IMAGEBUILD_SECRET_HOSTS), else none. Sidecar Dockerfiles and inline
ones (in the spec YAML, whose comments and layout stay) are edited in place, atomically.

A version that was built (its file is in --base) is immutable: pinning it is refused, with the
command that makes a new version; a sidecar shared by several versions is pinned only when none
of them is built. --force pins them anyway.

Options:
  --check        write nothing; list the lines without a digest, exit 1 if any (for CI); lines
                 of built versions are listed but not counted
  --dry-run      print the change as a diff and write nothing
  --update       also re-resolve lines pinned already (by their tag) and write the new digest
  --force        pin built versions too
  --base REF     versions in this git revision count as built (default: the merge base with
                 main, as plan; without one, nothing counts as built and a note says so)
  --env NAME     read the specs with this environment only (default: every one they define)
  --dir PATH     the specs folder (default: specs)
  --json         print {ok, dryRun, base, pinned, upToDate, refused, failed, skipped, written};
                 with --check {ok, base, unpinned, built, refused, skipped}
  -h, --help     show this help

Exit codes: 0 done (or nothing to pin), 1 a line was refused or could not be resolved, or
--check found unpinned lines, 2 usage.

Examples:
  imagebuild pin specs/pytorch-train/2.5.0.yaml
  imagebuild pin specs/pytorch-train --dry-run
  imagebuild pin --check
  imagebuild pin specs/ml-base/2.0.0.yaml --update --json
`;

/**
 * The `pin` command, loaded by `main.ts`.
 *
 * @example
 * await command.run(["specs/tools/1.1.0.yaml"], io); // writes FROM debian:bookworm@sha256:… into its Dockerfile
 */
export const command: Command = {
  name: "pin",
  summary: "write base images' index digests into immutable versions' Dockerfiles",
  help: HELP,
  flags: FLAGS,
  async run(args, io) {
    const { flags, positionals } = parseFlags({
      args,
      positionals: true,
      schema: FLAGS,
    });
    if (flags.check && (flags.update || flags.dryRun || flags.force)) {
      throw new UsageError("--check only lists; leave out --update, --dry-run and --force");
    }
    const settings = await resolveSettings({ io, env: flags.env, dir: flags.dir });
    const location = settings.location();
    const { envs } = await environmentsToCheck(settings);
    const secretHosts = secretHostsFromEnv(io.env);
    const { selected, everySpec } = await loadInEveryEnv({
      specArgs:
        positionals.length > 0 ? positionals : [path.join(location.rootDir, location.specsDir)],
      settings,
      cwd: io.cwd,
      location,
      envs,
      secretHosts,
    });
    const { sites, skipped } = findPinSites({ specs: selected, update: flags.update });
    const base = await immutabilityBase({ base: flags.base, repoDir: location.rootDir });
    if (base.skipped && !flags.json) {
      io.stderr.write(`imagebuild pin: built versions not checked: ${base.skipped}\n`);
    }
    const refusals = await refuseBuiltVersions({
      files: sites.map((site) => site.file),
      everySpec,
      baseSource: base.revision
        ? gitSource({ repoDir: location.rootDir, revision: base.revision })
        : undefined,
      force: flags.force,
    });
    const allowed = sites.filter((site) => !refusals.has(site.file));
    const refused = [...refusals.values()];
    const common = { base: base.revision ?? null, refused, skipped };

    if (flags.check) {
      const unpinned = allowed.map(describeSite);
      const built = sites.filter((site) => refusals.has(site.file)).map(describeSite);
      if (flags.json) {
        writeJson(io.stdout, { ok: unpinned.length === 0, ...common, unpinned, built });
      } else printCheck(io, unpinned, built);
      return unpinned.length > 0 ? EXIT_FAILED : EXIT_OK;
    }

    const answers = await resolvePinDigests({ sites: allowed, env: io.env, secretHosts });
    const outcome = await applyPins({
      sites: allowed,
      answers,
      rootDir: location.rootDir,
      specsDir: location.specsDir,
      envs,
      secretHosts,
      write: !flags.dryRun,
    });
    const ok = refused.length === 0 && outcome.failed.length === 0;
    if (flags.json) {
      const { pinned, upToDate, failed, written } = outcome;
      writeJson(io.stdout, {
        ok,
        dryRun: flags.dryRun,
        ...common,
        pinned,
        upToDate,
        failed,
        written,
      });
    } else {
      printOutcome({ io, outcome, refused, skippedCount: skipped.length, dryRun: flags.dryRun });
    }
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};

/** Loads the specs asked for (valid, else SpecError) and every spec, in each environment. */
async function loadInEveryEnv({
  specArgs,
  settings,
  cwd,
  location,
  envs,
  secretHosts,
}: {
  specArgs: string[];
  settings: Settings;
  cwd: string;
  location: SpecsLocation;
  envs: (string | undefined)[];
  secretHosts: SecretHosts;
}): Promise<{ selected: ResolvedSpec[]; everySpec: ResolvedSpec[] }> {
  const source = directorySource(location.rootDir);
  const selected: ResolvedSpec[] = [];
  const everySpec: ResolvedSpec[] = [];
  for (const env of envs) {
    const valid = await loadValidSpecs({
      args: specArgs,
      settings: settings.inEnv(env),
      cwd,
      secretHosts,
    });
    selected.push(...valid.specs);
    // Every spec, to find the versions that share a Dockerfile with those asked for.
    const all = await loadSpecs({
      source,
      specsDir: location.specsDir,
      secretHosts,
      environmentDefaults: await environmentDefaultsFor({ settings, env }),
      ...(env ? { env } : {}),
    });
    everySpec.push(...all.specs);
  }
  return { selected, everySpec };
}

function printCheck(
  io: Io,
  unpinned: ReturnType<typeof describeSite>[],
  built: ReturnType<typeof describeSite>[],
): void {
  for (const site of unpinned) io.stdout.write(`${siteLine(site)}: no digest\n`);
  for (const site of built) {
    io.stdout.write(`${siteLine(site)}: no digest, in a built version (left as is)\n`);
  }
  const hint = unpinned.length > 0 ? ": imagebuild pin writes their digests" : "";
  io.stdout.write(`${plural(unpinned.length, "unpinned base")}${hint}\n`);
}

function printOutcome({
  io,
  outcome,
  refused,
  skippedCount,
  dryRun,
}: {
  io: Io;
  outcome: PinOutcome;
  refused: { file: string; reason: string }[];
  skippedCount: number;
  dryRun: boolean;
}): void {
  if (dryRun) for (const diff of outcome.diffs) io.stdout.write(diff);
  else {
    for (const pin of outcome.pinned) io.stdout.write(`${siteLine(pin)} -> ${pin.pinned}\n`);
  }
  for (const refusal of refused) io.stdout.write(`${refusal.file}: refused: ${refusal.reason}\n`);
  for (const failure of outcome.failed)
    io.stdout.write(`${siteLine(failure)}: not pinned: ${failure.reason}\n`);
  const files = new Set(outcome.pinned.map((pin) => pin.file)).size;
  const done = `${dryRun ? "would pin" : "pinned"} ${plural(outcome.pinned.length, "base")} in ${plural(files, "file")}`;
  const notes = [
    outcome.upToDate.length > 0 ? `${outcome.upToDate.length} up to date` : "",
    skippedCount > 0 ? `${plural(skippedCount, "spec")} skipped (policy.tag not immutable)` : "",
    dryRun ? "dry run: nothing written" : "",
  ].filter(Boolean);
  io.stdout.write(`${done}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}\n`);
}

function describeSite(site: PinSite) {
  const { file, line, column, keyword, reference, specs } = site;
  return { file, line, column, keyword, reference, specs };
}

function siteLine(site: {
  file: string;
  line: number;
  column: number;
  keyword: string;
  reference: string;
}): string {
  return `${site.file}:${site.line}:${site.column}: ${site.keyword} ${site.reference}`;
}
