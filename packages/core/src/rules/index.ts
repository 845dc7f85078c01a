/** The lint rules, keyed by rule id: the one list of every id a `Problem` can carry. */
import { buildArgs } from "./build-args.ts";
import { buildConfig } from "./build-config.ts";
import { dockerfileParse } from "./dockerfile-parse.ts";
import { dockerfilePinnedFrom } from "./dockerfile-pinned-from.ts";
import { dependencyCycle } from "./dependency-cycle.ts";
import { duplicateImageUri } from "./duplicate-image-uri.ts";
import { foreignRegistry } from "./foreign-registry.ts";
import { immutableVersion } from "./immutable-version.ts";
import { noLiteralCredentials } from "./no-literal-credentials.ts";
import { packageSyntax } from "./package-syntax.ts";
import { pathNameTag } from "./path-name-tag.ts";
import { policyRebuild } from "./policy-rebuild.ts";
import { pinBaseDigest } from "./pin-base-digest.ts";
import { policySchedule } from "./policy-schedule.ts";
import { requestSchema } from "./request-schema.ts";
import { schema } from "./schema.ts";
import { secretScope } from "./secret-scope.ts";
import { specKind } from "./spec-kind.ts";
import { specReference } from "./spec-reference.ts";
import { unknownEnvironment } from "./unknown-environment.ts";
import { unknownKey } from "./unknown-key.ts";
import { yamlSyntax } from "./yaml-syntax.ts";

export type { LintRule } from "./define-rule.ts";

// The registration list: a new rule is one file in src/rules/ plus one line here.
const ALL = [
  yamlSyntax,
  schema,
  unknownKey,
  specKind,
  noLiteralCredentials,
  secretScope,
  pathNameTag,
  buildConfig,
  packageSyntax,
  buildArgs,
  dockerfileParse,
  dockerfilePinnedFrom,
  foreignRegistry,
  pinBaseDigest,
  policySchedule,
  policyRebuild,
  requestSchema,
  duplicateImageUri,
  unknownEnvironment,
  specReference,
  dependencyCycle,
  immutableVersion,
] as const;

/**
 * Every lint rule, in the order the README lists them (file checks, spec checks, cross-spec checks).
 * Keyed by each rule's own `id`, so key and id cannot disagree. After adding one, `npm run generate -w
 * @imagebuild/core` updates the README table.
 *
 * @example
 * RULES["path-name-tag"].severities // ["error"]
 */
export const RULES = Object.fromEntries(ALL.map((rule) => [rule.id, rule])) as {
  readonly [Rule in (typeof ALL)[number] as Rule["id"]]: Rule;
};

/** A rule id; `Problem.ruleId` has this type, so an id missing from `RULES` does not compile. */
export type RuleId = keyof typeof RULES;
