/** rewriteBaseLines: one reference replaced per line, every other byte kept; formatLineDiff's hunks. */
import { describe, expect, it } from "vitest";
import { formatLineDiff, type LineEdit, rewriteBaseLines } from "../../src/rewrite-base-lines.ts";

const DIGEST = `sha256:${"c".repeat(64)}`;

/** Pins `from` at `line:column` of `text`, as pin does with a resolved digest. */
const pinAt = (
  text: string,
  { line = 1, column = 1, keyword = "FROM", from }: Partial<LineEdit> & { from: string },
) => rewriteBaseLines(text, [{ line, column, keyword, from, to: `${from}@${DIGEST}` }]);

describe("rewriteBaseLines", () => {
  it("keeps --platform, AS name, comments and CRLF line endings", () => {
    const text =
      "# base\r\nFROM --platform=$BUILDPLATFORM debian:bookworm AS build\r\nRUN true\r\n";
    const result = pinAt(text, { line: 2, from: "debian:bookworm" });
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
    const result = pinAt(line, { column: 7, keyword: "COPY", from: "busybox:1.36" });
    expect(result.text).toBe(
      `      COPY --from=busybox:1.36-musl /a /a && COPY --from=busybox:1.36@${DIGEST} /b /b\n`,
    );
  });

  it("edits a reference before a YAML escape of a quoted inline Dockerfile", () => {
    const yaml = '    Dockerfile: "FROM busybox:1.36\\nRUN true\\n"\n';
    const result = pinAt(yaml, { column: 18, from: "busybox:1.36" });
    expect(result.text).toBe(`    Dockerfile: "FROM busybox:1.36@${DIGEST}\\nRUN true\\n"\n`);
  });

  it("edits a quoted Packages.Base from its value's column", () => {
    const yaml = '      Base: "debian:bookworm" # comment\n';
    const result = pinAt(yaml, { column: 13, from: "debian:bookworm" });
    expect(result.text).toBe(`      Base: "debian:bookworm@${DIGEST}" # comment\n`);
  });

  it("reports an edit whose reference is not on its line, and changes nothing for it", () => {
    const text = "FROM \\\n  debian:bookworm\n";
    const result = pinAt(text, { from: "debian:bookworm" });
    expect(result.text).toBe(text);
    expect(result.missed).toHaveLength(1);
    expect(result.changed).toEqual([]);
  });
});
