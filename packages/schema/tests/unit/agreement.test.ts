/** The zod validators agree with ajv, schema by schema, on valid and invalid documents. */
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { schemasByFile } from "../../src/generated/schemas.ts";
import * as validators from "../../src/generated/validators.ts";
import type { Validator } from "../../src/define-validator.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ajv = new Ajv2020({ allErrors: true, strict: false });
const jsonValue = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, "", "x", "PUBLIC", "ecs.c6.large", [], {}),
  fc.string({ maxLength: 70 }),
  fc.integer(),
);

type Mutation = {
  kind: "replace" | "delete" | "add" | "keep";
  steps: number[];
  key: string;
  value: Json;
};

/** A mutation: replace, delete or add at a random depth, driven by fast-check's random choices. */
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation["kind"]>("replace", "delete", "add", "keep"),
  steps: fc.array(fc.nat(), { maxLength: 5 }),
  key: fc.constantFrom("Extra", "Name", "Uri", "Type", "WorkspaceId", "Auth", "key"),
  value: jsonValue,
});

function mutate(doc: Json, { kind, steps, key, value }: Mutation): Json {
  const copy = structuredClone(doc);
  let parent: Json = copy;
  for (const step of steps) {
    const children: Json[] | undefined = Array.isArray(parent)
      ? parent
      : parent && typeof parent === "object"
        ? Object.values(parent)
        : undefined;
    const next: Json | undefined = children?.[step % Math.max(children.length, 1)];
    if (next === undefined || next === null || typeof next !== "object") break;
    parent = next;
  }
  if (kind === "keep") return copy;
  // A scalar document (a header value): "replace" swaps it, the rest append to a string.
  if (copy === null || typeof copy !== "object")
    return kind === "replace" || typeof copy !== "string" ? value : `${copy}${String(value)}`;
  if (parent === null || typeof parent !== "object") return copy;
  if (Array.isArray(parent)) {
    if (kind === "delete") parent.pop();
    else parent.push(value);
    return copy;
  }
  const keys = Object.keys(parent);
  const target = keys[(steps.at(-1) ?? 0) % Math.max(keys.length, 1)];
  if (kind === "delete" && target !== undefined) delete parent[target];
  else if (kind === "replace" && target !== undefined) parent[target] = value;
  else parent[key] = value;
  return copy;
}

const cases = Object.entries(schemasByFile).map(([file, schema]) => {
  const title = (schema as { title: string }).title;
  const validator = (validators as Record<string, Validator<unknown>>)[title];
  // The runtime copy carries no examples (scripts/strip-prose.ts): they come from the source file.
  const source = JSON.parse(
    readFileSync(new URL(`../../schemas/${file}`, import.meta.url), "utf8"),
  ) as { examples?: Json[] };
  return { file, schema, title, validator, examples: source.examples ?? [] };
});

describe("zod validators agree with ajv", () => {
  it.each(cases)("$file", ({ schema, validator, examples }) => {
    expect(validator).toBeDefined();
    const check = ajv.compile(schema);
    expect(examples.length).toBeGreaterThan(0);
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(mutation, { maxLength: 3 }),
        (example, mutations) => {
          const doc = mutations.reduce(mutate, example);
          const byAjv = check(doc);
          const byZod = validator?.safeParse(doc).ok;
          seen[byAjv ? "valid" : "invalid"] += 1;
          expect(byZod, JSON.stringify(doc)).toBe(byAjv);
        },
      ),
      { numRuns: 300 },
    );
    expect(seen.valid).toBeGreaterThan(0);
    expect(seen.invalid).toBeGreaterThan(0);
  });
});
