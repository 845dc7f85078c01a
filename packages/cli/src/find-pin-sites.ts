/** Finds the base references `imagebuild pin` acts on: one per Dockerfile line, with the specs built on it. */
import {
  byLocation,
  type CredentialRef,
  hasTag,
  needsDigest,
  type ResolvedSpec,
} from "@imagebuild/core";
import { parseImageReference } from "@imagebuild/pai-client/registry";

/** One `FROM`/`COPY --from` reference of a Dockerfile, where a person edits it. */
export interface PinSite {
  /** The file holding the line: a sidecar Dockerfile, or the spec (or defaults) YAML of an inline one. */
  file: string;
  line: number;
  column: number;
  keyword: "FROM" | "COPY";
  /** As written, e.g. `debian:bookworm` or `debian:bookworm@sha256:…` (with `--update`). */
  reference: string;
  /** `unpinned`: a tag alone; `pinned`: a tag and a digest, re-resolved with `--update`. */
  state: "unpinned" | "pinned";
  /** The specs asked for that build on this line. */
  specs: string[];
  /** The RegistryAuths references those specs give for the reference's registry host. */
  auths: { file: string; ref: CredentialRef }[];
}

/** A spec asked for whose policy leaves its bases to their tags. */
export interface SkippedSpec {
  file: string;
  reason: string;
}

/**
 * The sites of the specs asked for (loaded in one or more environments: a line seen in several is one
 * site), and the specs left alone because their `policy.tag` is not `immutable`.
 *
 * @example
 * findPinSites({ specs, update: false });
 * // { sites: [{ file: "specs/a/Dockerfile", line: 2, reference: "debian:bookworm", state: "unpinned", … }], skipped: [] }
 */
export function findPinSites({ specs, update }: { specs: ResolvedSpec[]; update: boolean }): {
  sites: PinSite[];
  skipped: SkippedSpec[];
} {
  const sites = new Map<string, PinSite>();
  const skipped = new Map<string, SkippedSpec>();
  for (const spec of specs) {
    if (spec.policy.tag !== "immutable") {
      skipped.set(spec.file, {
        file: spec.file,
        reason: `policy.tag is ${spec.policy.tag}: it is rebuilt under its tag, so its bases follow their tags`,
      });
      continue;
    }
    for (const base of spec.bases) {
      const state = siteState(base.reference, update);
      if (state === undefined) continue;
      const key = `${base.file}:${base.line}:${base.column}:${base.reference}`;
      let site = sites.get(key);
      if (!site) {
        site = {
          file: base.file,
          line: base.line,
          column: base.column,
          keyword: base.keyword,
          reference: base.reference,
          state,
          specs: [],
          auths: [],
        };
        sites.set(key, site);
      }
      if (!site.specs.includes(spec.file)) site.specs.push(spec.file);
      const host = hostOf(base.reference);
      for (const [registry, ref] of Object.entries(spec.registryAuthRefs)) {
        if (registry.toLowerCase() === host) site.auths.push({ file: spec.file, ref });
      }
    }
  }
  const ordered = [...sites.values()].sort(byLocation);
  return { sites: ordered, skipped: [...skipped.values()] };
}

function siteState(reference: string, update: boolean): PinSite["state"] | undefined {
  if (needsDigest(reference)) return "unpinned";
  // A digest without a tag names nothing to re-resolve.
  if (update && reference.includes("@sha256:") && hasTag(reference) && !reference.includes("$")) {
    return parseImageReference(reference).ok ? "pinned" : undefined;
  }
  return undefined;
}

function hostOf(reference: string): string | undefined {
  const parsed = parseImageReference(reference);
  return parsed.ok ? parsed.value.host.toLowerCase() : undefined;
}
