/** Rewrites base references in place, one line at a time, leaving every other byte of the file as it was. */

/** One reference to replace on one line (1-based), at or after `column`. */
export interface LineEdit {
  line: number;
  column: number;
  keyword: "FROM" | "COPY";
  from: string;
  to: string;
}

/** The new text, and the lines that changed as `[line, before, after]`. */
export interface RewrittenText {
  text: string;
  changed: [number, string, string][];
  /** Edits whose reference was not found on their line (e.g. written over a continuation). */
  missed: LineEdit[];
}

/**
 * Replaces each edit's reference (`FROM <ref>` as a word, `COPY --from=<ref>`) on its line. Line
 * endings, comments, `--platform=`, `AS name` and the rest of the file are kept byte for byte.
 *
 * @example
 * rewriteBaseLines("FROM --platform=$BUILDPLATFORM debian:bookworm AS build\n", [
 *   { line: 1, column: 1, keyword: "FROM", from: "debian:bookworm", to: "debian:bookworm@sha256:…" },
 * ]).text;
 * // "FROM --platform=$BUILDPLATFORM debian:bookworm@sha256:… AS build\n"
 */
export function rewriteBaseLines(text: string, edits: LineEdit[]): RewrittenText {
  // Split keeping each line's own ending, so CRLF files stay CRLF.
  const lines = text.split(/(?<=\n)/);
  const changed: [number, string, string][] = [];
  const missed: LineEdit[] = [];
  for (const edit of edits) {
    const index = edit.line - 1;
    const before = lines[index];
    if (before === undefined) {
      missed.push(edit);
      continue;
    }
    const after = replaceOnLine(before, edit);
    if (after === undefined) {
      missed.push(edit);
      continue;
    }
    lines[index] = after;
    const earlier = changed.find(([line]) => line === edit.line);
    if (earlier) earlier[2] = after;
    else changed.push([edit.line, before, after]);
  }
  changed.sort((a, b) => a[0] - b[0]);
  return { text: lines.join(""), changed, missed };
}

/**
 * A unified diff of the changed lines of one file, as `--dry-run` prints it.
 *
 * @example
 * formatLineDiff("specs/a/Dockerfile", [[2, "FROM debian:bookworm\n", "FROM debian:bookworm@sha256:…\n"]]);
 * // "--- a/specs/a/Dockerfile\n+++ b/specs/a/Dockerfile\n@@ -2 +2 @@\n-FROM debian:bookworm\n+FROM debian:bookworm@sha256:…\n"
 */
export function formatLineDiff(file: string, changed: [number, string, string][]): string {
  const hunks = changed.map(
    ([line, before, after]) =>
      `@@ -${line} +${line} @@\n-${withoutEnding(before)}\n+${withoutEnding(after)}\n`,
  );
  return `--- a/${file}\n+++ b/${file}\n${hunks.join("")}`;
}

function replaceOnLine(line: string, edit: LineEdit): string | undefined {
  const start = Math.max(0, edit.column - 1);
  const prefix = edit.keyword === "COPY" ? "--from=" : "";
  // The reference as a whole word: after a blank or a YAML quote (FROM, Packages.Base) or `--from=`
  // (COPY), before a blank, a quote, the end of the line, or a YAML escape of a quoted inline Dockerfile.
  const pattern = new RegExp(
    `(${prefix ? escapeRegExp(prefix) : "(?<=[\\s\"'])"})${escapeRegExp(edit.from)}(?=[\\s"'\\\\]|$)`,
    "g",
  );
  // From the column on, with what comes before still visible to the lookbehind.
  pattern.lastIndex = start;
  const match = pattern.exec(line);
  if (!match) return undefined;
  const at = match.index + (match[1]?.length ?? 0);
  return line.slice(0, at) + edit.to + line.slice(at + edit.from.length);
}

function withoutEnding(line: string): string {
  return line.replace(/\r?\n$/, "");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
