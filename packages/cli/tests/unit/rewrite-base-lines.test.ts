/** rewriteBaseLines: one reference replaced per line, every other byte kept; formatLineDiff's hunks. */
import { describe, expect, it } from "vitest";
import { formatLineDiff, rewriteBaseLines } from "../../src/rewrite-base-lines.ts";

const DIGEST = `sha256:${"c".repeat(64)}`;

describe("rewriteBaseLines", () => {
  it("keeps --platform, AS name, comments and CRLF line endings", () => {
    const text =
      "# base\r\nFROM --platform=$BUILDPLATFORM debian:bookworm AS build\r\nRUN true\r\n";
    const result = rewriteBaseLines(text, [
      {
        line: 2,
        column: 1,
        keyword: "FROM",
        from: "debian:bookworm",
        to: `debian:bookworm@${DIGEST}`,
      },
    ]);
    expect(result.text).toBe(
      `# base\r\nFROM --platform=$BUILDPLATFORM debian:bookworm@${DIGEST} AS build\r\nRUN true\r\n`,
    );
    expect(result.missed).toEqual([]);
    expect(formatLineDiff("specs/a/Dockerfile", result.changed)).toBe(
      `--- a/specs/a/Dockerfile\n+++ b/specs/a/Dockerfile\n@@ -2 +2 @@\n-FROM --platform=$BUILDPLATFORM debian:bookworm AS build\n+FROM --platform=$BUILDPLATFORM debian:bookworm@${DIGEST} AS build\n`,
    );
  });

  it("replaces a COPY --from image, not a longer name that starts alike, and from the column on", () => {
    const line = "      COPY --from=busybox:1.36-musl /a /a && COPY --from=busybox:1.36 /b /b\n";
    const result = rewriteBaseLines(line, [
      { line: 1, column: 7, keyword: "COPY", from: "busybox:1.36", to: `busybox:1.36@${DIGEST}` },
    ]);
    expect(result.text).toBe(
      `      COPY --from=busybox:1.36-musl /a /a && COPY --from=busybox:1.36@${DIGEST} /b /b\n`,
    );
  });

  it("edits a reference before a YAML escape of a quoted inline Dockerfile", () => {
    const yaml = '    Dockerfile: "FROM busybox:1.36\\nRUN true\\n"\n';
    const result = rewriteBaseLines(yaml, [
      { line: 1, column: 18, keyword: "FROM", from: "busybox:1.36", to: `busybox:1.36@${DIGEST}` },
    ]);
    expect(result.text).toBe(`    Dockerfile: "FROM busybox:1.36@${DIGEST}\\nRUN true\\n"\n`);
  });

  it("edits a quoted Packages.Base from its value's column", () => {
    const yaml = '      Base: "debian:bookworm" # comment\n';
    const result = rewriteBaseLines(yaml, [
      {
        line: 1,
        column: 13,
        keyword: "FROM",
        from: "debian:bookworm",
        to: `debian:bookworm@${DIGEST}`,
      },
    ]);
    expect(result.text).toBe(`      Base: "debian:bookworm@${DIGEST}" # comment\n`);
  });

  it("reports an edit whose reference is not on its line, and changes nothing for it", () => {
    const text = "FROM \\\n  debian:bookworm\n";
    const result = rewriteBaseLines(text, [
      { line: 1, column: 1, keyword: "FROM", from: "debian:bookworm", to: "x" },
    ]);
    expect(result.text).toBe(text);
    expect(result.missed).toHaveLength(1);
    expect(result.changed).toEqual([]);
  });
});
