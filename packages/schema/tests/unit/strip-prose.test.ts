/** The runtime schemas carry no prose, only at schema positions; the source files keep it. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stripProse } from "../../scripts/strip-prose.ts";
import { schemasByFile } from "../../src/generated/schemas.ts";
import { validators } from "../../src/index.ts";

/** Every key of every object anywhere in `value`, with the key of its parent. */
function keysOf(value: unknown, parent = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keysOf(item, parent));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => [
    `${parent}>${key}`,
    ...keysOf(child, key),
  ]);
}

describe("stripProse", () => {
  it("drops description, examples and $comment from every subschema, and nothing else", () => {
    const schema = {
      $comment: "note",
      type: "object",
      description: "root",
      examples: [{ description: "kept in no copy" }],
      properties: {
        description: { type: "string", description: "a property named description" },
        kind: { enum: ["description"], default: "description", examples: ["x"] },
        list: {
          type: "array",
          items: { type: "string", $comment: "c" },
          prefixItems: [{ description: "p" }],
        },
      },
      $defs: { Other: { anyOf: [{ const: { description: "a value" }, description: "d" }] } },
      additionalProperties: { not: { description: "n" } },
    };
    expect(stripProse(schema)).toEqual({
      type: "object",
      properties: {
        description: { type: "string" },
        kind: { enum: ["description"], default: "description" },
        list: { type: "array", items: { type: "string" }, prefixItems: [{}] },
      },
      $defs: { Other: { anyOf: [{ const: { description: "a value" } }] } },
      additionalProperties: { not: {} },
    });
  });

  it("leaves the generated runtime copy with no prose, while the source files keep theirs", () => {
    const runtime = keysOf(schemasByFile).filter((key) =>
      /^(?!properties>).*>(description|examples|\$comment)$/.test(key),
    );
    expect(runtime).toEqual([]);
    const source = JSON.parse(
      readFileSync(new URL("../../schemas/spec.schema.json", import.meta.url), "utf8"),
    );
    expect(keysOf(source).filter((key) => key.endsWith(">description")).length).toBeGreaterThan(10);
  });

  it("keeps a spec's own description field valid and its type checked", () => {
    const spec = {
      apiVersion: "imagebuild/v1",
      kind: "Defaults",
      description: "tools images",
    };
    expect(validators.Spec.safeParse(spec).ok).toBe(true);
    expect(validators.Spec.safeParse({ ...spec, description: 42 }).ok).toBe(false);
  });
});
