/** The `x-imagebuild-trigger` header of CreateImageBuild: what started a build, made from a kind and a detail. */

/**
 * The header's name. Not `x-acs-*`, so it is never in the ACS3 signed header set (pai-api.md §5.2):
 * PAI ignores it, the local service records it for its console and build records.
 */
export const BUILD_TRIGGER_HEADER = "x-imagebuild-trigger";

/** The kinds the header accepts (schema `BuildTrigger`). */
export type BuildTriggerKind = "push" | "oss" | "timer" | "cli";

/** What a valid value is, in words, for the errors of the client and the local service. */
export const BUILD_TRIGGER_RULE =
  'must be push, oss, timer or cli, optionally followed by ":" and up to 256 printable ASCII characters (e.g. push:9fceb02)';

/** Longest detail after the colon (schema `BuildTrigger`). */
const DETAIL_MAX_CHARS = 256;
// TextEncoder turns a lone surrogate into U+FFFD, where encodeURIComponent would throw.
const UTF8 = new TextEncoder();

/**
 * A header value for `kind` and an optional `detail` (a commit, an object key, a schedule slot) that
 * always matches the `BuildTrigger` schema: characters outside printable ASCII (and `%`) are
 * percent-encoded, a leading space too, and the detail is cut to 256 characters, never inside a character.
 *
 * @example
 * buildTrigger({ kind: "oss", detail: "specs/数据/1.0.yaml" }) // "oss:specs/%E6%95%B0%E6%8D%AE/1.0.yaml"
 * buildTrigger({ kind: "cli" }) // "cli"
 */
export function buildTrigger({
  kind,
  detail,
}: {
  kind: BuildTriggerKind;
  detail?: string | undefined;
}): string {
  if (detail === undefined || detail === "") return kind;
  let out = "";
  for (const [index, char] of [...detail].entries()) {
    const printable = /^[\x20-\x24\x26-\x7e]$/.test(char) && !(index === 0 && char === " ");
    const piece = printable ? char : percentEncodeUtf8(char);
    if (out.length + piece.length > DETAIL_MAX_CHARS) break;
    out += piece;
  }
  return `${kind}:${out}`;
}

function percentEncodeUtf8(char: string): string {
  return Array.from(
    UTF8.encode(char),
    (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
  ).join("");
}
