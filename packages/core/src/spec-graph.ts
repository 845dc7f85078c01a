/** The dependency graph of specs: in-repo edges (spec references), external bases, cycles and the build order. */
import { isSpecReference } from "./spec-reference.ts";
import type { ResolvedSpec } from "./types.ts";

/** One spec in the graph. */
export interface SpecGraphNode {
  file: string;
  imageName: string;
  version: string;
  imageUri: string;
}

/**
 * The graph of a set of specs: `edges` go from a dependent to the spec it builds on; `external` are the
 * other images they pull; `order` lists every file bases first (ties by file name); `cycles` each list
 * the files of one cycle in edge order.
 *
 * @example
 * const graph: SpecGraph = specGraph(specs);
 */
export interface SpecGraph {
  nodes: SpecGraphNode[];
  edges: { from: string; to: string; reference: string }[];
  external: { from: string; reference: string }[];
  order: string[];
  cycles: string[][];
}

/**
 * Derives the graph of `specs` (linked by `loadSpecs`). An edge to a spec outside `specs` is kept, so a
 * caller can see a base that is not part of the set; `order` and `cycles` only cover `specs`.
 *
 * @example
 * specGraph(specs).edges // [{ from: "specs/ml-tools/1.0.0.yaml", to: "specs/debian-tools/1.0.0.yaml", reference: "imagebuild:debian-tools:1.0.0" }]
 */
export function specGraph(specs: readonly ResolvedSpec[]): SpecGraph {
  const sorted = [...specs].sort((a, b) => a.file.localeCompare(b.file));
  const nodes = sorted.map(({ file, imageName, version, request }) => ({
    file,
    imageName,
    version,
    imageUri: request.Image.Uri,
  }));
  const edges: SpecGraph["edges"] = [];
  const external: SpecGraph["external"] = [];
  const bases = new Map<string, string[]>();
  for (const spec of sorted) {
    const seen = new Set<string>();
    const own: string[] = [];
    for (const base of spec.bases ?? []) {
      if (base.spec) {
        if (seen.has(`spec ${base.spec.file}`)) continue;
        seen.add(`spec ${base.spec.file}`);
        own.push(base.spec.file);
        edges.push({ from: spec.file, to: base.spec.file, reference: base.reference });
      } else if (!isSpecReference(base.reference) && !seen.has(`image ${base.reference}`)) {
        seen.add(`image ${base.reference}`);
        external.push({ from: spec.file, reference: base.reference });
      }
    }
    bases.set(spec.file, own);
  }
  const files = nodes.map((n) => n.file);
  const basesOf = (file: string) => bases.get(file) ?? [];
  return {
    nodes,
    edges,
    external,
    order: buildOrder(files, basesOf),
    cycles: findCycles(files, basesOf),
  };
}

/**
 * Orders `files` so that every file comes after the files it depends on (within `files`); ties, and the
 * files of a cycle (appended last), in file-name order.
 *
 * @example
 * buildOrder(["b", "a"], (f) => (f === "b" ? ["a"] : [])) // ["a", "b"]
 */
export function buildOrder(
  files: readonly string[],
  basesOf: (file: string) => string[],
): string[] {
  const inSet = new Set(files);
  const remaining = new Map(
    files.map((file) => [file, new Set(basesOf(file).filter((b) => inSet.has(b) && b !== file))]),
  );
  const order: string[] = [];
  for (;;) {
    const ready = [...remaining].filter(([, bases]) => bases.size === 0).map(([file]) => file);
    if (ready.length === 0) break;
    ready.sort((a, b) => a.localeCompare(b));
    for (const file of ready) {
      remaining.delete(file);
      order.push(file);
    }
    for (const bases of remaining.values()) for (const file of ready) bases.delete(file);
  }
  return [...order, ...[...remaining.keys()].sort((a, b) => a.localeCompare(b))];
}

/**
 * The cycles among `files` (strongly connected parts with more than one file, or a file built on itself),
 * each from its first file in name order, following edges.
 *
 * @example
 * findCycles(["a", "b"], (f) => (f === "a" ? ["b"] : ["a"])) // [["a", "b"]]
 */
export function findCycles(
  files: readonly string[],
  basesOf: (file: string) => string[],
): string[][] {
  const inSet = new Set(files);
  const successors = (file: string) =>
    basesOf(file)
      .filter((b) => inSet.has(b))
      .sort((a, b) => a.localeCompare(b));
  // Tarjan's algorithm; the sets are small (one node per spec file).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    onStack.add(file);
    for (const next of successors(file)) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
      if (member === file) break;
    }
    components.push(component);
  };
  for (const file of [...files].sort((a, b) => a.localeCompare(b)))
    if (!index.has(file)) visit(file);
  return components
    .filter((c) => c.length > 1 || successors(c[0] as string).includes(c[0] as string))
    .map((component) => walk(component, successors))
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** The members of a cycle in edge order, from the first by name (any left over appended in name order). */
function walk(component: string[], successors: (file: string) => string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort((a, b) => a.localeCompare(b))[0] as string;
  const path = [start];
  for (;;) {
    const next = successors(path.at(-1) as string).find((s) => members.has(s) && !path.includes(s));
    if (!next) break;
    path.push(next);
  }
  return [
    ...path,
    ...[...members].filter((m) => !path.includes(m)).sort((a, b) => a.localeCompare(b)),
  ];
}
