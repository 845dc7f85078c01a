/** Resolves one version file: layers its defaults and overlay, builds the request, and runs the per-spec lints. */
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import { canonicalJson } from "@imagebuild/pai-client/canonical-json";
import { checkBaseDigest } from "./check-base-digest.ts";
import { checkFromRegistry } from "./check-from-registry.ts";
import { checkPathNameTag } from "./check-path-name-tag.ts";
import { checkRequestSchema } from "./check-request-schema.ts";
import { checkSecretScope } from "./check-secret-scope.ts";
import type { CheckedFile } from "./check-spec-file.ts";
import { composeRequest } from "./compose-request.ts";
import type { EnvironmentDefaults } from "./environment-defaults.ts";
import { layerSpec } from "./layer-spec.ts";
import { lintDockerfile } from "./lint-dockerfile.ts";
import { problemLocator } from "./problem-locator.ts";
import { resolveBases } from "./resolve-bases.ts";
import { resolveBuildArgs } from "./resolve-build-args.ts";
import { resolveDockerfile } from "./resolve-dockerfile.ts";
import { resolvePolicy } from "./resolve-policy.ts";
import type { SecretHosts } from "./secret-hosts.ts";
import type { CredentialRef, InsideRead, Problem, ResolvedSpec } from "./types.ts";

/**
 * Resolves a version file given its checked defaults (root first) and itself.
 *
 * @example
 * const { spec, problems } = await resolveSpec({ file, imageName, version, defaults, self, env, secretHosts, readSidecar });
 */
export async function resolveSpec({
  file,
  imageName,
  version,
  defaults,
  self,
  env,
  environmentDefaults,
  secretHosts,
  readSidecar,
}: {
  file: string;
  imageName: string;
  version: string;
  defaults: CheckedFile[];
  self: CheckedFile;
  env: string | undefined;
  /** Registry and workspace per environment beneath every layer (see `LoadSpecsOptions`). */
  environmentDefaults?: EnvironmentDefaults | undefined;
  /** The secret → registry hosts binding every RegistryAuths reference is checked against. */
  secretHosts: SecretHosts;
  readSidecar: (path: string, folder: string) => Promise<InsideRead>;
}): Promise<{ spec: ResolvedSpec | undefined; problems: Problem[]; notInEnv?: boolean }> {
  const layered = layerSpec({ defaults, self, env, environmentDefaults });
  if (layered.notInEnv) return { spec: undefined, problems: [], notInEnv: true };
  const { spec, layers, environments } = layered;
  const problemAt = problemLocator({ file, layers, self: self.parsed });
  const build = spec.build ?? {};
  const buildConfig = build.BuildConfig ?? {};
  const dockerfile = await resolveDockerfile({ file, buildConfig, layers, problemAt, readSidecar });
  const withArgs = resolveBuildArgs({
    file,
    dockerfile: dockerfile.dockerfile,
    origin: dockerfile.origin,
    args: build.args,
    problemAt,
  });
  const problems = [...dockerfile.problems, ...withArgs.problems];
  // Linted with the args in place: a `FROM ${BASE}` pinned by build.args.BASE is pinned.
  if (withArgs.dockerfile !== undefined && dockerfile.origin !== undefined)
    problems.push(...lintDockerfile(withArgs.dockerfile, dockerfile.origin));
  const { policy, problems: policyProblems } = resolvePolicy(spec.policy, problemAt);
  problems.push(...policyProblems);
  const registryAuthRefs = (buildConfig.RegistryAuths ?? {}) as Record<string, CredentialRef>;
  problems.push(...checkSecretScope({ refs: registryAuthRefs, secretHosts, problemAt }));
  const { request, name, uri, composedUri } = composeRequest({
    build,
    buildType: dockerfile.buildType,
    dockerfile: withArgs.dockerfile,
    tag: policy.tag,
    registry: spec.registry,
    imageName,
    version,
  });
  const bases = resolveBases({
    dockerfile: withArgs.dockerfile,
    origin: dockerfile.origin,
    packagesBase: buildConfig.Packages?.Base,
    problemAt,
  });
  problems.push(
    ...checkBaseDigest({ file, bases, tagPolicy: policy.tag, rendered: !dockerfile.origin }),
  );
  problems.push(
    ...checkFromRegistry({ bases, env, environments, registry: spec.registry, imageUri: uri }),
    ...checkPathNameTag({ file, imageName, version, name, uri, composedUri, problemAt }),
    ...checkRequestSchema({
      request,
      dockerfileFound: dockerfile.dockerfile !== undefined,
      composedUri,
      env,
      environments,
      problemAt,
    }),
  );
  if (problems.some((p) => p.severity === "error")) return { spec: undefined, problems };
  const resolved = new LoadedSpec({
    file,
    imageName,
    version,
    env,
    policy,
    bases,
    request: request as unknown as CreateImageBuildRequest,
    registryAuthRefs,
    sourceText: self.parsed.text,
    contentOf: { spec: self.parsed.value, dockerfile: dockerfile.sidecarText },
  });
  if (dockerfile.origin && "sidecar" in dockerfile.origin) {
    resolved.dockerfileFile = dockerfile.origin.sidecar;
  }
  return { problems, spec: resolved };
}

/**
 * A resolved spec whose `contentKey` is computed on first read (only plans and the immutability lint
 * need it). A class, because an object literal with a getter is kept in V8's slow dictionary mode,
 * and validate keeps thousands of these.
 */
class LoadedSpec implements ResolvedSpec {
  file: string;
  imageName: string;
  version: string;
  env: string | undefined;
  policy: ResolvedSpec["policy"];
  bases: ResolvedSpec["bases"];
  request: CreateImageBuildRequest;
  registryAuthRefs: Record<string, CredentialRef>;
  sourceText: string;
  declare dockerfileFile?: string;
  #contentOf: { spec: unknown; dockerfile: string | undefined };
  #contentKey: string | undefined;

  constructor(
    fields: Omit<ResolvedSpec, "contentKey" | "dockerfileFile"> & {
      contentOf: { spec: unknown; dockerfile: string | undefined };
    },
  ) {
    this.file = fields.file;
    this.imageName = fields.imageName;
    this.version = fields.version;
    this.env = fields.env;
    this.policy = fields.policy;
    this.bases = fields.bases;
    this.request = fields.request;
    this.registryAuthRefs = fields.registryAuthRefs;
    this.sourceText = fields.sourceText;
    this.#contentOf = fields.contentOf;
  }

  get contentKey(): string {
    this.#contentKey ??= canonicalJson(this.#contentOf);
    return this.#contentKey;
  }
}
