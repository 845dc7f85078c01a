/** Property test: the ajv fast path and the zod validators agree on generated specs. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validators } from "@imagebuild/schema";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { ajvAccepts, checkSchema } from "../../src/fast-check-schema.ts";

const FIXTURES = path.join(import.meta.dirname, "../fixtures");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".yaml"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("the ajv fast path agrees with the zod validators", () => {
  it("on every spec fixture, good and bad", () => {
    let compared = 0;
    for (const file of yamlFiles(FIXTURES)) {
      let value: unknown;
      try {
        value = load(readFileSync(file, "utf8"));
      } catch {
        continue;
      }
      expect([file, ajvAccepts("Spec", value)]).toEqual([
        file,
        validators.Spec.safeParse(value).ok,
      ]);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(60);
  });

  it("on string lengths beyond the Basic Multilingual Plane, both counting code points", () => {
    const valid = load(
      "apiVersion: imagebuild/v1\nkind: ImageBuild\nbuild:\n  BuildConfig:\n    Dockerfile: |\n      FROM busybox:1.36\n",
    ) as object;
    expect(validators.Spec.safeParse(valid).ok).toBe(true);
    const spec = (description: string) => ({ ...valid, description });
    // 1,000 emoji are 2,000 UTF-16 units but 1,000 code points, under the limit of 1,024.
    for (const description of ["😀".repeat(1000), "😀".repeat(1025), "a".repeat(1025)]) {
      expect([description.length, ajvAccepts("Spec", spec(description))]).toEqual([
        description.length,
        validators.Spec.safeParse(spec(description)).ok,
      ]);
    }
  });

  it("on golden requests and broken copies of them", () => {
    const golden = readdirSync(path.join(FIXTURES, "golden")).map(
      (name) => JSON.parse(readFileSync(path.join(FIXTURES, "golden", name), "utf8")).request,
    );
    const broken = golden.flatMap((request) => [
      { ...request, WorkspaceId: undefined },
      { ...request, Image: { ...request.Image, Name: "Bad Name" } },
      { ...request, BuildConfig: { ...request.BuildConfig, BuildType: "Other" } },
      { ...request, Extra: 1 },
    ]);
    for (const request of [...golden, ...broken]) {
      const plain = JSON.parse(JSON.stringify(request));
      expect(ajvAccepts("CreateImageBuildRequest", plain)).toBe(
        validators.CreateImageBuildRequest.safeParse(plain).ok,
      );
    }
    expect(checkSchema("CreateImageBuildRequest", { ...golden[0], Extra: 1 })).toEqual([
      { path: ["Extra"], code: "unknown", message: "is not a known field" },
    ]);
  });
});
