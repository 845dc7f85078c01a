/** Prints a spec graph as text (build order, each spec with what it is built on), JSON or a Mermaid flowchart. */
import type { SpecGraph } from "./spec-graph.ts";

/** The output formats of `formatGraph`. */
export type GraphFormat = "text" | "json" | "mermaid";

/**
 * Formats a graph: `text` lists the specs in build order, each followed by `<- ` lines for its bases
 * (another spec, or an external image); `mermaid` is a `flowchart` with an arrow from each base to what is
 * built on it; `json` is the SpecGraph as is.
 *
 * @example
 * console.log(formatGraph(specGraph(specs), "mermaid"));
 * // flowchart LR
 * //   s0["debian-tools:1.0.0"] --> s1["debian-jq:1.0.0"]
 */
export function formatGraph(graph: SpecGraph, format: GraphFormat): string {
  if (format === "json") return `${JSON.stringify(graph, null, 2)}\n`;
  return format === "mermaid" ? mermaid(graph) : text(graph);
}

function text(graph: SpecGraph): string {
  const lines: string[] = [];
  for (const file of graph.order) {
    const node = graph.nodes.find((n) => n.file === file);
    lines.push(`${file}  ${node?.imageUri ?? ""}`.trimEnd());
    for (const edge of graph.edges.filter((e) => e.from === file))
      lines.push(`  <- ${edge.to}  (${edge.reference})`);
    for (const base of graph.external.filter((e) => e.from === file))
      lines.push(`  <- ${base.reference}  (external)`);
  }
  for (const cycle of graph.cycles) lines.push(`cycle: ${[...cycle, cycle[0]].join(" -> ")}`);
  const edges = graph.edges.length;
  lines.push(
    `${graph.nodes.length} spec${graph.nodes.length === 1 ? "" : "s"}, ${edges} in-repo edge${edges === 1 ? "" : "s"}, ${new Set(graph.external.map((e) => e.reference)).size} external base image(s)`,
  );
  return `${lines.join("\n")}\n`;
}

function mermaid(graph: SpecGraph): string {
  const ids = new Map<string, string>();
  const lines = ["flowchart LR"];
  const label = (text: string) => text.replaceAll('"', "#quot;");
  const specId = (file: string) => {
    let id = ids.get(file);
    if (id === undefined) {
      id = `s${ids.size}`;
      ids.set(file, id);
      const node = graph.nodes.find((n) => n.file === file);
      const name = node ? `${node.imageName}:${node.version}` : file;
      lines.push(`  ${id}["${label(name)}"]`);
    }
    return id;
  };
  const externalIds = new Map<string, string>();
  const externalId = (reference: string) => {
    let id = externalIds.get(reference);
    if (id === undefined) {
      id = `x${externalIds.size}`;
      externalIds.set(reference, id);
      lines.push(`  ${id}(["${label(reference)}"])`);
    }
    return id;
  };
  for (const file of graph.order) specId(file);
  for (const edge of graph.edges) lines.push(`  ${specId(edge.to)} --> ${specId(edge.from)}`);
  for (const base of graph.external)
    lines.push(`  ${externalId(base.reference)} -.-> ${specId(base.from)}`);
  return `${lines.join("\n")}\n`;
}
