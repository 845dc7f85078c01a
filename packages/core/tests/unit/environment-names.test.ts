/** environmentNames: the `environments` keys of every file, read from the entry alone where the layout allows. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { environmentNames, memorySource } from "../../src/index.ts";

const FILES: Record<string, string> = {
  "specs/_defaults.yaml":
    "apiVersion: imagebuild/v1\nenvironments:\n  prod:\n    build: {}\n  local: # the laptop\n    registry: 127.0.0.1:5000/pai\n# a comment at column 0\n\n  stage:\n    x: 1\npolicy:\n  tag: dated\n",
  "specs/a/1.0.0.yaml": "environments: # overlays\n  qa: {}\n",
  "specs/a/1.1.0.yaml": '{"environments": {"flow": 1}}\n',
  "specs/a/1.2.0.yaml": "a: 1\nenvironments: {dev: 1, test: 2}\nb: 2\n",
  "specs/a/1.3.0.yaml":
    "build:\n  Image:\n    Description: |\n      environments:\n        notakey: 1\n",
  "specs/a/1.4.0.yaml": "environments:\n  broken: [\n",
  "specs/a/1.5.0.yaml":
    "environments:\n  prod:\n    build:\n      Image:\n        Description: >\n          folded\n  # indented comment\n\n  edge.cn-1:\n    registry: r\nkind: ImageBuild\n",
  "specs/a/1.6.0.yaml": "environments:\n  'quoted': {}\n",
  "specs/b/1.0.0.yaml": "build: {}\n",
};

describe("environmentNames", () => {
  it("finds every environment key, block, flow and quoted, and none inside a string", async () => {
    const names = await environmentNames({ source: memorySource(FILES), specsDir: "specs" });
    expect(names).toEqual([
      "dev",
      "edge.cn-1",
      "flow",
      "local",
      "prod",
      "qa",
      "quoted",
      "stage",
      "test",
    ]);
  });

  it("agrees with parsing each whole file", async () => {
    const expected = new Set<string>();
    for (const text of Object.values(FILES)) {
      try {
        const environments = (parse(text) as { environments?: object } | null)?.environments;
        for (const name of Object.keys(environments ?? {})) expected.add(name);
      } catch {
        // a file that does not parse names nothing, as in environmentNames
      }
    }
    const names = await environmentNames({ source: memorySource(FILES), specsDir: "specs" });
    expect(names).toEqual([...expected].sort());
  });

  it("with until, stops at the first file that defines the name, reading no file after it", async () => {
    const read: string[] = [];
    const source = memorySource(FILES);
    const counting = {
      ...source,
      readFile: (file: string) => {
        read.push(file);
        return source.readFile(file);
      },
    };
    const names = await environmentNames({ source: counting, specsDir: "specs", until: "qa" });
    expect(names).toContain("qa");
    expect(read.at(-1)).toBe("specs/a/1.0.0.yaml");
    // A name no file defines is searched for in every file, and every name is found.
    const all = await environmentNames({ source, specsDir: "specs", until: "nowhere" });
    expect(all).toEqual(await environmentNames({ source, specsDir: "specs" }));
  });
});
