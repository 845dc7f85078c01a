/** The `duplicate-image-uri` lint: no two specs push the same image URI, a `dated` spec's day tags included. */
import { locate, parseYaml } from "./parsed-yaml.ts";
import type { Problem, ResolvedSpec } from "./types.ts";

/** The suffix a `dated` spec's build appends to its tag: `-yyyymmdd`. */
const DATED_SUFFIX = /^-(\d{4})(\d{2})(\d{2})$/;
/** The same suffix at the end of a URI. */
const DAY_TAG_SUFFIX = /-\d{8}$/;

/**
 * Reports each spec whose `Image.Uri` another spec (earlier by file) already targets, and each spec whose
 * URI is a day tag a `dated` spec pushes (`tool:1.0.0` dated pushes `tool:1.0.0-20261201` on that day, the
 * explicit tag of `1.0.0-20261201.yaml`). Both files are named, with line and column.
 *
 * @example
 * checkDuplicateImageUris(specs); // [{ ruleId: "duplicate-image-uri", file: "specs/tool/1.0.0-20261201.yaml", … }]
 */
export function checkDuplicateImageUris(specs: ResolvedSpec[]): Problem[] {
  const sorted = [...specs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const firstByUri = new Map<string, ResolvedSpec>();
  const problems: Problem[] = [];
  for (const spec of sorted) {
    const uri = spec.request.Image.Uri;
    const first = firstByUri.get(uri);
    if (!first) {
      firstByUri.set(uri, spec);
      continue;
    }
    problems.push(
      problemAt(
        spec,
        `Image.Uri ${uri} is also the target of ${where(first)}: every version needs its own image URI`,
      ),
    );
  }
  // A day tag is `<dated URI>-yyyymmdd`: look the URI without such a suffix up, rather than compare
  // every spec with every dated one (2,000 specs made that a quarter of `validate`).
  const datedByUri = new Map<string, ResolvedSpec[]>();
  for (const spec of sorted)
    if (spec.policy.tag === "dated")
      datedByUri.set(spec.request.Image.Uri, [
        ...(datedByUri.get(spec.request.Image.Uri) ?? []),
        spec,
      ]);
  for (const spec of sorted) {
    if (spec.policy.tag === "dated") continue;
    const uri = spec.request.Image.Uri;
    const suffix = DAY_TAG_SUFFIX.exec(uri)?.[0];
    if (suffix === undefined) continue;
    for (const other of datedByUri.get(uri.slice(0, -suffix.length)) ?? []) {
      const day = datedDay(uri, other.request.Image.Uri);
      if (day === undefined) continue;
      problems.push(
        problemAt(
          spec,
          `Image.Uri ${uri} is also the tag ${where(other)} pushes on ${day} (policy.tag dated appends -<yyyymmdd> to ${other.request.Image.Uri}): every version needs its own image URI; give one of them another tag`,
        ),
      );
    }
  }
  return problems;
}

/** The day (`yyyy-mm-dd`) on which a dated build of `datedUri` pushes `uri`, if it is one of its day tags. */
function datedDay(uri: string, datedUri: string): string | undefined {
  if (!uri.startsWith(datedUri)) return undefined;
  const match = DATED_SUFFIX.exec(uri.slice(datedUri.length));
  if (!match) return undefined;
  const [, year, month, day] = match;
  const iso = `${year}-${month}-${day}`;
  const date = new Date(`${iso}T00:00:00Z`);
  // 20261341 is no day, so no build ever pushes it.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

function uriLocation(spec: ResolvedSpec): { line: number; column: number } {
  return locate(parseYaml({ file: spec.file, text: spec.sourceText }), ["build", "Image", "Uri"]);
}

function where(spec: ResolvedSpec): string {
  const { line, column } = uriLocation(spec);
  return `${spec.file}:${line}:${column}`;
}

function problemAt(spec: ResolvedSpec, message: string): Problem {
  return {
    ruleId: "duplicate-image-uri",
    severity: "error",
    file: spec.file,
    ...uriLocation(spec),
    message,
  };
}
