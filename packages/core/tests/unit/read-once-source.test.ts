/** readOnceSource: each file read and each folder listed once, whatever the callers do with the answers. */
import { describe, expect, it } from "vitest";
import { memorySource, readOnceSource, type SpecSource } from "../../src/index.ts";

function countingSource(files: Record<string, string>) {
  const inner = memorySource(files);
  const counts = { reads: 0, listings: 0 };
  const source: SpecSource = {
    description: inner.description,
    readFile: (path) => {
      counts.reads += 1;
      return inner.readFile(path);
    },
    listFiles: (prefix) => {
      counts.listings += 1;
      return inner.listFiles(prefix);
    },
  };
  return { source, counts };
}

describe("readOnceSource", () => {
  it("reads a file once, also when it is absent, and lists a folder once", async () => {
    const { source, counts } = countingSource({ "specs/a/1.0.yaml": "kind: ImageBuild\n" });
    const once = readOnceSource(source);
    expect(await once.readFile("specs/a/1.0.yaml")).toBe("kind: ImageBuild\n");
    expect(await once.readFile("specs/a/1.0.yaml")).toBe("kind: ImageBuild\n");
    expect(await once.readFile("specs/b/1.0.yaml")).toBeUndefined();
    expect(await once.readFile("specs/b/1.0.yaml")).toBeUndefined();
    expect(await once.listFiles("specs")).toEqual(["specs/a/1.0.yaml"]);
    expect(await once.listFiles("specs")).toEqual(["specs/a/1.0.yaml"]);
    expect(counts).toEqual({ reads: 2, listings: 1 });
  });

  it("gives each caller its own copy of a listing", async () => {
    const once = readOnceSource(memorySource({ "specs/a/1.0.yaml": "", "specs/a/2.0.yaml": "" }));
    (await once.listFiles("specs")).reverse();
    expect(await once.listFiles("specs")).toEqual(["specs/a/1.0.yaml", "specs/a/2.0.yaml"]);
  });
});
