/**
 * Bundle-only stand-ins for two speed-ups of `@imagebuild/core` that would add ~160 KB to the function:
 * ajv's compiled fast path (here: never "valid", so core's zod validator, which is the judge of
 * what is wrong anyway, decides every document) and js-yaml's loader (here: `yaml`, which core
 * already uses for locations, with the same YAML 1.2 core schema). Without js-yaml's resolvers of plain
 * scalars, core's block-style reader leaves any file with a number or boolean to this `load`. The
 * function loads a handful of specs per event, so the speed-ups do not matter there. Tests run core
 * unchanged.
 */
import { parse } from "yaml";

/** Stand-in for `ajv/dist/2020.js`'s class: every compiled validator defers to the slow path. */
export class Ajv2020 {
  compile(): () => boolean {
    return () => false;
  }
}

/** Stand-in for js-yaml's `CORE_SCHEMA` marker. */
export const CORE_SCHEMA = "core";

/** Stand-in for js-yaml's `load`: YAML 1.2 core schema, no merge keys, duplicate keys rejected. */
export function load(text: string): unknown {
  return parse(text, { schema: "core", merge: false, uniqueKeys: true });
}
