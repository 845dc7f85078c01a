/** outlineYaml: where keys, values and items start in block-style YAML, the same as the full parser says, or nothing. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type OutlineNode, outlineYaml } from "../../src/outline-yaml.ts";
import { locate, type ParsedYaml, parseYaml, positionInString } from "../../src/parsed-yaml.ts";

const REPO = path.resolve(import.meta.dirname, "../../../..");

const SPEC = `# yaml-language-server: $schema=../../spec.schema.json
apiVersion: imagebuild/v1
build:
  BuildConfig:
    Dockerfile: |
      FROM debian:bookworm
      RUN apt-get update
    Packages:
      Apt: [curl, "jq=1.6-2.1", 'git']
      Pip:
      - numpy==1.26
      -   "pandas>=2.2"
    RegistryAuths:
      127.0.0.1:5000:
        secret: local-pull
policy:   # trailing comment
  tag: "immutable"
environments:
  prod:

    build:
      Resource:
        EcsSpec: ecs.c6.large
`;

/** Every file the outline may be asked about: the repository's specs and core's fixtures. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".yaml"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The same file with the outline switched off, so `locate` asks the full parser. */
function withoutOutline(parsed: ParsedYaml): ParsedYaml {
  return { ...parsed, outline: () => undefined };
}

/** Every path the outline knows, with its node. */
function outlinePaths(node: OutlineNode, prefix: string[] = []): [string[], OutlineNode][] {
  const children = [
    ...[...(node.entries ?? [])].map(([key, entry]) => [key, entry.value] as const),
    ...(node.items ?? []).map((item, index) => [String(index), item] as const),
  ];
  return [
    [prefix, node],
    ...children.flatMap(([segment, child]) => outlinePaths(child, [...prefix, segment])),
  ];
}

describe("outlineYaml", () => {
  it("places keys, inline, quoted and block scalars, block and flow sequence items", () => {
    const outline = outlineYaml(SPEC);
    const build = outline?.entries?.get("build")?.value.entries?.get("BuildConfig")?.value;
    expect(build?.entries?.get("Dockerfile")).toMatchObject({
      line: 5,
      column: 5,
      value: { line: 5, column: 17, block: true },
    });
    const packages = build?.entries?.get("Packages")?.value;
    expect(packages?.entries?.get("Apt")?.value.items).toEqual([
      { line: 9, column: 13 },
      { line: 9, column: 19 },
      { line: 9, column: 33 },
    ]);
    expect(packages?.entries?.get("Pip")?.value.items).toEqual([
      { line: 11, column: 9 },
      { line: 12, column: 11 },
    ]);
    expect(
      build?.entries?.get("RegistryAuths")?.value.entries?.get("127.0.0.1:5000")?.value,
    ).toMatchObject({ line: 15, column: 9 });
    expect(outline?.entries?.get("policy")?.value.entries?.get("tag")?.value).toEqual({
      line: 17,
      column: 8,
    });
  });

  it.each([
    ["a flow mapping", "a:\n  b: {c: 1}\n"],
    ["an anchor", "a: &x 1\nb: 2\n"],
    ["an alias", "a: 1\nb: *a\n"],
    ["a tag", "a: !!str 1\n"],
    ["a quoted key", '"a": 1\n'],
    ["a key the parser reads as a number", "1.10: x\n"],
    ["a key the parser reads as a boolean", "True: x\n"],
    ["a multi-line plain scalar", "a: one\n  two\nb: 1\n"],
    ["a quoted scalar going on to the next line", 'a: "one\n  two"\n'],
    ["an empty value", "a:\nb: 1\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a document marker", "---\na: 1\n"],
    ["a tab", "a:\n\tb: 1\n"],
    ["a CR", "a: 1\r\nb: 2\r\n"],
    ["a block scalar with an indentation indicator", "a: |2\n    x\n"],
    ["a nested flow sequence", "a: [b, [c]]\n"],
    ["a flow sequence with a trailing comma", "a: [b, c,]\n"],
    ["a key and value written as a plain scalar", "a: b: c\n"],
    ["a sequence of sequences", "a:\n- - b\n"],
    ["a deeper line where none belongs", "a: 1\n  b: 2\n"],
    ["a scalar document", "just text\n"],
    ["an empty document", "# nothing\n"],
  ])("gives up on %s", (_, text) => {
    expect(outlineYaml(text)).toBeUndefined();
  });

  it("agrees with the full parser on every key, value, item and block line of the specs and fixtures", () => {
    const files = [
      ...yamlFiles(path.join(REPO, "specs")),
      ...yamlFiles(path.join(REPO, "packages/core/tests/fixtures")),
    ];
    let outlined = 0;
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const parsed = parseYaml({ file, text });
      const outline = parsed.outline();
      if (!outline) continue;
      outlined += 1;
      const full = withoutOutline(parsed);
      for (const [at, node] of outlinePaths(outline)) {
        expect([file, at, locate(parsed, at)]).toEqual([file, at, locate(full, at)]);
        expect([file, at, locate(parsed, at, { at: "key" })]).toEqual([
          file,
          at,
          locate(full, at, { at: "key" }),
        ]);
        if (node.block) {
          expect(positionInString(parsed, at, 1, 3)).toEqual(positionInString(full, at, 1, 3));
        }
        compared += 1;
      }
    }
    // The outline must answer for most files, or the comparison proves nothing.
    expect(outlined).toBeGreaterThan(files.length * 0.8);
    expect(compared).toBeGreaterThan(1000);
  });

  it("leaves a path the outline lacks to the full parser", () => {
    const parsed = parseYaml({ file: "a.yaml", text: "a:\n  b: 1\n" });
    // The deepest parent that exists, as the full parser places it.
    expect(locate(parsed, ["a", "c"])).toEqual({ line: 1, column: 1, found: false });
    expect(locate(withoutOutline(parsed), ["a", "c"])).toEqual(locate(parsed, ["a", "c"]));
  });
});
