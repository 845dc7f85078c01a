/** Compares specs at a base git ref with the head and says what a merge would build. */
import { directorySource } from "./directory-source.ts";
import type { EnvironmentDefaults } from "./environment-defaults.ts";
import { gitSource } from "./git-source.ts";
import { imageExists } from "./image-exists.ts";
import { loadSpecs } from "./load-specs.ts";
import type { PaiClientLike } from "./pai-client-like.ts";
import { prepareBuild } from "./prepare-build.ts";
import { renderRequest } from "./render-request.ts";
import { rebuildWithBase } from "./plan-with-base.ts";
import { resolveBaseRef } from "./resolve-base-ref.ts";
import type { SecretHosts } from "./secret-hosts.ts";
import type { PlanEntry, PlanResult, ResolvedSpec } from "./types.ts";

/** Options of `plan`. */
export interface PlanOptions {
  repoDir: string;
  /** Default: the merge base of HEAD with `main` (or `origin/main`). */
  base?: string;
  /** A revision; default: the working tree. */
  head?: string;
  env?: string;
  /** Registry and workspace per environment beneath every spec layer (see `LoadSpecsOptions`). */
  environmentDefaults?: EnvironmentDefaults;
  specsDir?: string;
  /** When given, versions whose image already exists in the workspace are marked `skip`. */
  client?: PaiClientLike;
  /** Used for dated tags and their ClientTokens; default now. */
  now?: Date;
  /** The secret → registry hosts binding (see `loadSpecs`); default none. */
  secretHosts?: SecretHosts;
}

/**
 * Plans a merge: for every spec at the head, `create` (new), `rebuild` (changed and allowed),
 * `skip` (the image already exists in the workspace), or `unchanged`; for every spec only at the base,
 * `removed`. Head problems come back too, including `immutable-version` against the base. A spec with
 * `policy.rebuild: with-base` whose base is built is rebuilt after it; entries come in build order
 * (bases first, then by file; removed ones last) and `graph` is the graph of what the merge builds.
 *
 * @example
 * const result = await plan({ repoDir: ".", base: "origin/main", env: "prod" });
 * console.log(formatPlan(result, "markdown"));
 */
export async function plan({
  repoDir,
  base,
  head,
  env,
  environmentDefaults = {},
  specsDir = "specs",
  client,
  now = new Date(),
  secretHosts = {},
}: PlanOptions): Promise<PlanResult> {
  const baseRef = await resolveBaseRef({ repoDir, base });
  const baseSource = gitSource({ repoDir, revision: baseRef });
  const headSource =
    head === undefined ? directorySource(repoDir) : gitSource({ repoDir, revision: head });
  const envOption = env === undefined ? { environmentDefaults } : { env, environmentDefaults };
  const [headLoad, baseLoad, baseFiles] = await Promise.all([
    loadSpecs({ source: headSource, specsDir, baseSource, secretHosts, ...envOption }),
    loadSpecs({ source: baseSource, specsDir, secretHosts, ...envOption }),
    baseSource.listFiles(specsDir),
  ]);
  const baseSpecs = new Map(baseLoad.specs.map((spec) => [spec.file, spec]));
  const baseFileSet = new Set(baseFiles);
  const tokenOf = (spec: ResolvedSpec) =>
    prepareBuild(spec, { secrets: "reference", now }).clientToken;

  const entries: PlanEntry[] = [];
  for (const spec of headLoad.specs) {
    const { request, clientToken } = prepareBuild(spec, { secrets: "reference", now });
    const imageUri = request.Image.Uri;
    const { action, reason } = compare(
      spec,
      baseFileSet.has(spec.file),
      baseSpecs.get(spec.file),
      clientToken,
      tokenOf,
    );
    const entry: PlanEntry = {
      file: spec.file,
      imageName: spec.imageName,
      version: spec.version,
      imageUri,
      action,
      reason,
      clientToken,
    };
    if (
      client &&
      (action === "create" || action === "rebuild") &&
      spec.policy.tag !== "overwrite"
    ) {
      const workspaceId = spec.request.WorkspaceId;
      if (await imageExists({ client, workspaceId, imageUri })) {
        entry.action = "skip";
        entry.reason = `image ${imageUri} already exists in workspace ${workspaceId}`;
      }
    }
    entries.push(entry);
  }
  const headFiles = new Set(await headSource.listFiles(specsDir));
  for (const file of baseFiles) {
    if (headFiles.has(file) || !isVersionFile(file, specsDir)) continue;
    const old = baseSpecs.get(file);
    const [imageName = "", version = ""] = file
      .slice(specsDir.length + 1)
      .replace(/\.yaml$/, "")
      .split("/");
    entries.push({
      file,
      imageName,
      version,
      imageUri: old ? renderRequest(old, { secrets: "reference", now }).Image.Uri : undefined,
      action: "removed",
      reason: "spec deleted; the image stays in the registry and the workspace",
      clientToken: undefined,
    });
  }
  const { ordered, graph } = rebuildWithBase({ entries, specs: headLoad.specs });
  return {
    entries: ordered,
    problems: headLoad.problems,
    base: baseRef,
    head: head ?? "working tree",
    graph,
  };
}

function compare(
  spec: ResolvedSpec,
  existedAtBase: boolean,
  baseSpec: ResolvedSpec | undefined,
  clientToken: string,
  tokenOf: (spec: ResolvedSpec) => string,
): { action: PlanEntry["action"]; reason: string } {
  const mayRebuild = spec.policy.tag !== "immutable";
  if (!existedAtBase) return { action: "create", reason: "new version" };
  if (!baseSpec || baseSpec.contentKey !== spec.contentKey) {
    return mayRebuild
      ? { action: "rebuild", reason: `spec changed; policy.tag is ${spec.policy.tag}` }
      : {
          action: "rebuild",
          reason: "spec changed, but the version is immutable (see the immutable-version problem)",
        };
  }
  if (tokenOf(baseSpec) !== clientToken) {
    return mayRebuild
      ? {
          action: "rebuild",
          reason: `inherited defaults changed the request; policy.tag is ${spec.policy.tag}`,
        }
      : {
          action: "unchanged",
          reason: "inherited defaults changed the request; immutable versions are not rebuilt",
        };
  }
  return { action: "unchanged", reason: "no change" };
}

function isVersionFile(file: string, specsDir: string): boolean {
  const parts = file.slice(specsDir.length + 1).split("/");
  return (
    parts.length === 2 && (parts[1] ?? "").endsWith(".yaml") && !(parts[1] ?? "").startsWith("_")
  );
}
