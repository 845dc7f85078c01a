/** The `foreign-registry` lint: a FROM must not pull from a registry that belongs to another environment. */
import { isPlainObject } from "./merge-layers.ts";
import { isSpecReference } from "./spec-reference.ts";
import type { Problem, SpecBase } from "./types.ts";

/**
 * Flags a base image whose registry host is another environment's `registry` (and not this one's), or a
 * loopback registry (`127.0.0.1`, `localhost`, `[::1]`) in an environment whose own registry is not one.
 * Only checked with an environment; ARG-dependent references are not (they are only known at build time).
 *
 * @example
 * checkFromRegistry({ bases, env: "prod", environments: { local: { registry: "127.0.0.1:5000/pai" } },
 *   registry: "acr.example.com/ml", imageUri: "acr.example.com/ml/a:1" })
 * // [{ ruleId: "foreign-registry", message: 'FROM 127.0.0.1:5000/pai/b:1 pulls from 127.0.0.1:5000, the registry of environment "local", …' }]
 */
export function checkFromRegistry({
  bases,
  env,
  environments,
  registry,
  imageUri,
}: {
  bases: SpecBase[];
  env: string | undefined;
  environments: Record<string, unknown>;
  registry: string | undefined;
  imageUri: string | undefined;
}): Problem[] {
  if (env === undefined) return [];
  const own = new Set(
    [registry, imageUri].map((text) => (text ? hostOf(text) : undefined)).filter(Boolean),
  );
  const ownIsLoopback = [...own].some((host) => isLoopback(host as string));
  const owners = new Map<string, string>();
  for (const [name, overlay] of Object.entries(environments)) {
    const other = isPlainObject(overlay) ? overlay.registry : undefined;
    if (name === env || typeof other !== "string") continue;
    const host = hostOf(other);
    if (host && !owners.has(host)) owners.set(host, name);
  }
  const problems: Problem[] = [];
  for (const base of bases) {
    if (base.reference.includes("$") || isSpecReference(base.reference)) continue;
    const host = hostOf(base.reference);
    if (!host || own.has(host)) continue;
    const owner = owners.get(host);
    const why = owner
      ? `${host}, the registry of environment "${owner}", not of "${env}"`
      : isLoopback(host) && !ownIsLoopback
        ? `the loopback registry ${host}, which builds in "${env}" cannot reach`
        : undefined;
    if (!why) continue;
    problems.push({
      ruleId: "foreign-registry",
      severity: "error",
      file: base.file,
      line: base.line,
      column: base.column,
      message: `${base.keyword} ${base.reference} pulls from ${why}: name the spec (imagebuild:<image>:<version>) so each environment gets its own image, or an image "${env}" can pull`,
    });
  }
  return problems;
}

/** The registry host of a reference or `host/namespace`, when its first part is one (has `.` or `:`, or is localhost). */
function hostOf(reference: string): string | undefined {
  const slash = reference.indexOf("/");
  if (slash < 0) return undefined;
  const first = reference.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : undefined;
}

function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, "");
  return name === "localhost" || /^127\./.test(name) || name === "[::1]";
}
