/** parseDockerfile and FROM pinning checks. */
import { describe, expect, it } from "vitest";
import { checkFromPinning } from "../../src/check-from-pinning.ts";
import { parseDockerfile } from "../../src/parse-dockerfile.ts";

describe("parseDockerfile", () => {
  it("joins continuations, skips comments inside them, and keeps the first line's position", () => {
    const { instructions, issues } = parseDockerfile(
      '# comment\nFROM busybox:1.36 AS base\n\n  RUN echo a \\\n# inside\n    && echo b\nCMD ["sh"]\n',
    );
    expect(issues).toEqual([]);
    expect(instructions).toEqual([
      { keyword: "FROM", args: "busybox:1.36 AS base", line: 2, column: 1, endLine: 2 },
      { keyword: "RUN", args: "echo a     && echo b", line: 4, column: 3, endLine: 6 },
      { keyword: "CMD", args: '["sh"]', line: 7, column: 1, endLine: 7 },
    ]);
  });

  it("honours the escape directive and skips heredoc bodies", () => {
    const text =
      "# escape=`\nFROM busybox:1.36\nRUN echo a `\n  b\nRUN <<EOF\nnot an instruction\nEOF\nUSER nobody\n";
    const { instructions, issues } = parseDockerfile(text);
    expect(issues).toEqual([]);
    expect(instructions.map((i) => [i.keyword, i.line])).toEqual([
      ["FROM", 2],
      ["RUN", 3],
      ["RUN", 5],
      ["USER", 8],
    ]);
  });

  it("reports unknown instructions, missing arguments, a missing FROM and a dangling continuation", () => {
    expect(parseDockerfile("FROM a:1\nRUNN x\nWORKDIR\n").issues).toEqual([
      { line: 2, column: 1, message: 'unknown instruction "RUNN"' },
      { line: 3, column: 1, message: "WORKDIR needs arguments" },
    ]);
    expect(parseDockerfile("# only a comment\n").issues).toEqual([
      { line: 1, column: 1, message: "no FROM instruction" },
    ]);
    expect(parseDockerfile("FROM a:1\nRUN echo \\\n").issues).toEqual([
      { line: 2, column: 1, message: "line continuation at the end of the file" },
    ]);
  });
});

describe("checkFromPinning", () => {
  const check = (text: string) => checkFromPinning(parseDockerfile(text).instructions);

  it("accepts tags, digests, scratch, stage names and defaulted ARGs", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    expect(
      check(
        `ARG V=1.36\nARG REG\nFROM busybox:\${V} AS one\nFROM debian@${digest}\nFROM scratch\nFROM one\nFROM \${REG:-docker.io}/library/debian:bookworm\n`,
      ),
    ).toEqual([]);
  });

  it("rejects a missing tag, latest and malformed references; warns on ARGs without defaults", () => {
    expect(
      check("FROM debian\nFROM debian:latest\nFROM ubuntu:18:04\nARG X\nFROM $X\n"),
    ).toMatchObject([
      { ruleId: "dockerfile-pinned-from", severity: "error", line: 1 },
      { ruleId: "dockerfile-pinned-from", severity: "error", line: 2 },
      { ruleId: "dockerfile-parse", severity: "error", line: 3 },
      { ruleId: "dockerfile-pinned-from", severity: "warning", line: 5 },
    ]);
    expect(check("ARG BASE\nFROM $BASE\n")).toMatchObject([
      { ruleId: "dockerfile-pinned-from", severity: "warning", line: 2 },
    ]);
  });
});
