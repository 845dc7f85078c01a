/** readBlockYaml: the value js-yaml gives and where keys, values and items start, the same as the full parsers say, or nothing. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { readBlockYaml } from "../../src/read-block-yaml.ts";
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

/** Every path of a value: its keys and item indexes, down to the scalars. */
function valuePaths(value: unknown, prefix: string[] = []): string[][] {
  const children =
    value !== null && typeof value === "object"
      ? Object.entries(value as Record<string, unknown>)
      : [];
  return [
    prefix,
    ...children.flatMap(([segment, child]) => valuePaths(child, [...prefix, segment])),
  ];
}

/** What js-yaml makes of a text, or the error it throws. */
function loadOrError(text: string): unknown {
  try {
    return { value: load(text, { schema: CORE_SCHEMA }) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Whether readBlockYaml answers for a text; when it does, its value must be js-yaml's. */
function answersAsJsYaml(text: string, label = "text"): boolean {
  const block = readBlockYaml(text);
  if (block) expect([label, { value: block.value }]).toEqual([label, loadOrError(text)]);
  return block !== undefined;
}

/** Every spec and fixture file of the repository. */
function repositoryFiles(): string[] {
  return [
    ...yamlFiles(path.join(REPO, "specs")),
    ...yamlFiles(path.join(REPO, "packages/core/tests/fixtures")),
  ];
}

describe("readBlockYaml", () => {
  it("places keys, inline, quoted and block scalars, block and flow sequence items", () => {
    const outline = readBlockYaml(SPEC)?.outline;
    if (!outline) throw new Error("SPEC is block style");
    const node = (path: string) => outline.find(path.split(".")) ?? -1;
    const dockerfile = node("build.BuildConfig.Dockerfile");
    expect([outline.keyAt(dockerfile), outline.at(dockerfile)]).toEqual([
      { line: 5, column: 5 },
      { line: 5, column: 17 },
    ]);
    expect(outline.isBlock(dockerfile)).toBe(true);
    expect(
      ["0", "1", "2"].map((item) => outline.at(node(`build.BuildConfig.Packages.Apt.${item}`))),
    ).toEqual([
      { line: 9, column: 13 },
      { line: 9, column: 19 },
      { line: 9, column: 33 },
    ]);
    expect(
      ["0", "1"].map((item) => outline.at(node(`build.BuildConfig.Packages.Pip.${item}`))),
    ).toEqual([
      { line: 11, column: 9 },
      { line: 12, column: 11 },
    ]);
    expect(outline.find(["build", "BuildConfig", "Packages", "Pip", "2"])).toBeUndefined();
    const auths = outline.find(["build", "BuildConfig", "RegistryAuths", "127.0.0.1:5000"]);
    expect(outline.at(auths ?? -1)).toEqual({ line: 15, column: 9 });
    expect(outline.at(node("policy.tag"))).toEqual({ line: 17, column: 8 });
    expect(outline.find(["policy", "tag", "more"])).toBeUndefined();
    expect(outline.find(["environments", "staging"])).toBeUndefined();
  });

  it.each([
    ["a flow mapping", "a:\n  b: {c: 1}\n"],
    ["an anchor", "a: &x 1\nb: 2\n"],
    ["an alias", "a: 1\nb: *a\n"],
    ["a tag", "a: !!str 1\n"],
    ["a quoted key", '"a": 1\n'],
    ["an escape in a double-quoted scalar", 'a: "x\\ny"\n'],
    ["a folded block scalar", "a: >\n  x\n"],
    ["a flow mapping item", "a: [b, {c: 1}]\n"],
    ["a key the parser reads as a hex number", "0x1F: x\n"],
    ["a __proto__ key", "__proto__: x\n"],
    ["a comment right after a quoted scalar", "a: 'x'#c\n"],
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
    expect(readBlockYaml(text)).toBeUndefined();
  });

  it.each([
    [
      "typed plain scalars",
      "a: 1\nb: -1.5\nc: 0x1F\nd: 1e3\ne: .inf\nf: ~\ng: null\nh: True\ni: FALSE\nj: .NaN\nk: 0o17\nl: +12\n",
    ],
    [
      "strings that look typed",
      "a: '1'\nb: \"true\"\nc: 1.2.3\nd: yes\ne: 12:30\nf: -foo\ng: ::1\nh: 1_000\n",
    ],
    ["comments and hashes", "a: x #c\nb: x#y\nc: 'it''s' # c\nd: \"#not\"\n# last\n"],
    ["flow sequences", "a: [1, x, 'y z', \"w\", -x, true, ~]\nb: []\nc: [ a , b ]\n"],
    [
      "literal block scalars",
      "a: |\n  x\n\n   y\n  z  \nb: |-\n  x\n\nc: |+\n  x\n\n\nd: |\n\n  x\ne: 1\n",
    ],
    ["a literal block scalar at the end without a line break", "a: |\n  x\n  y"],
    ["a kept block scalar at the end", "a: |+\n  x\n\n"],
    ["a line of spaces ending the text inside a block scalar", "a: |\n  x\n   "],
    ["an empty block scalar", "a: |\nb: 1\n"],
    ["a block scalar with a deeper blank line", "a: |\n  x\n      \n  y\n"],
    ["sequences", "a:\n- x\n- k: v\n  l: [1]\n-   y\nb:\n  - 1\n  - - no\n"],
    ["nested and indentless sequences", "a:\n  b:\n  - 1\n  - c: |\n      t\n    d: 2\n"],
    ["keys with ports and numbers", "127.0.0.1:5000:\n  secret: x\n10: ten\nconstructor: c\n"],
  ])("gives js-yaml's value for %s", (_, text) => {
    const read = readBlockYaml(text);
    const expected = loadOrError(text);
    if (read) expect({ value: read.value }).toEqual(expected);
    else expect(expected).toBeDefined();
  });

  it("answers for the block-style cases above that it models", () => {
    for (const text of [
      "a: 1\nb: -1.5\nc: 0x1F\n",
      "a: [1, x, 'y z']\n",
      "a: |\n  x\n\n   y\nb: |+\n  x\n\n",
      "a:\n- x\n- k: v\n",
    ]) {
      expect(readBlockYaml(text)).toBeDefined();
    }
  });

  it("gives js-yaml's value for every spec and fixture file, and answers for most", () => {
    const files = repositoryFiles();
    let read = 0;
    for (const file of files) {
      if (answersAsJsYaml(readFileSync(file, "utf8"), file)) read += 1;
    }
    expect(read).toBeGreaterThan(files.length * 0.8);
  });

  it("never answers where js-yaml disagrees or refuses: documents js-yaml writes, and specs with edits", () => {
    const key = fc.oneof(
      { arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_./-]{0,6}$/), weight: 10 },
      {
        arbitrary: fc.constantFrom(
          "1",
          "10",
          "1.10",
          "true",
          "null",
          "a b",
          "-a",
          "x:1",
          "#",
          "__proto__",
        ),
        weight: 1,
      },
    );
    const scalar = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9 ._:#'"=<>/-]{0,12}$/),
      fc.stringMatching(/^[a-z \n]{0,12}\n?$/),
      fc.string({ maxLength: 12 }),
      fc.string({
        unit: fc.constantFrom(..."ab #:-'\"\\|>[]{},&*!%@`?~.0123456789\n "),
        maxLength: 10,
      }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    // Mostly the shapes specs have (the reader gives up on `{}` and on a sequence in a sequence).
    const { value, mapping } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        scalar,
        fc.array(fc.oneof(scalar, tie("mapping")), { maxLength: 4 }),
        tie("mapping"),
        fc.array(tie("value"), { maxLength: 2 }),
      ),
      mapping: fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 4 }),
    }));
    const document = fc.record({
      value: fc.oneof(
        mapping,
        fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }),
        fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { minKeys: 1 }),
      ),
      flowLevel: fc.constantFrom(-1, -1, 2),
      indent: fc.constantFrom(1, 2, 4),
      noArrayIndent: fc.boolean(),
    });
    let answered = 0;
    fc.assert(
      fc.property(document, ({ value, ...options }) => {
        if (answersAsJsYaml(dump(value, { ...options, lineWidth: -1 }))) answered += 1;
      }),
      { numRuns: 1500 },
    );
    // Enough documents read, or the comparison proves little.
    expect(answered).toBeGreaterThan(200);

    const spec = readFileSync(path.join(REPO, "specs/pytorch-train/2.4.0.yaml"), "utf8");
    const edit = fc.record({
      at: fc.nat({ max: spec.length }),
      remove: fc.nat({ max: 3 }),
      insert: fc.string({ unit: fc.constantFrom(..." \n#:-'\"|[],x1"), maxLength: 3 }),
    });
    let editedAnswers = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = spec;
        for (const { at, remove, insert } of edits) {
          text = text.slice(0, at) + insert + text.slice(at + remove);
        }
        if (answersAsJsYaml(text)) editedAnswers += 1;
      }),
      { numRuns: 3000 },
    );
    expect(editedAnswers).toBeGreaterThan(1000);
  });

  it("agrees with the full parser on every key, value, item and block line of the specs and fixtures", () => {
    const files = repositoryFiles();
    let outlined = 0;
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const parsed = parseYaml({ file, text });
      const outline = parsed.outline();
      if (!outline) continue;
      outlined += 1;
      const full = withoutOutline(parsed);
      for (const at of valuePaths(parsed.value)) {
        expect([file, at, locate(parsed, at)]).toEqual([file, at, locate(full, at)]);
        expect([file, at, locate(parsed, at, { at: "key" })]).toEqual([
          file,
          at,
          locate(full, at, { at: "key" }),
        ]);
        if (outline.isBlock(outline.find(at) ?? -1)) {
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
