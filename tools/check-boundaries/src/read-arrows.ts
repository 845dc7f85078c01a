/** Reads the dependency arrows from the `boundaries` block of docs/architecture.md. */

/** Each package's allowed direct dependencies, as written (`A <- B` gives `B → A`). */
export type Arrows = Map<string, Set<string>>;

const BLOCK = /```boundaries\n([\s\S]*?)```/;

/**
 * Parses the block: `A <- B` lines, a bare name for a package with no dependencies, `#` comments.
 * Throws naming the line when one is neither.
 *
 * @example
 * readArrows("```boundaries\nschema <- pai-client\n```").get("pai-client") // Set { "schema" }
 */
export function readArrows(markdown: string, file = "docs/architecture.md"): Arrows {
  const block = BLOCK.exec(markdown)?.[1];
  if (block === undefined) throw new Error(`${file}: no \`\`\`boundaries block`);
  const arrows: Arrows = new Map();
  const node = (name: string) => {
    const set = arrows.get(name) ?? new Set<string>();
    arrows.set(name, set);
    return set;
  };
  for (const [index, raw] of block.split("\n").entries()) {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") continue;
    const arrow = /^([a-z0-9-]+)\s*<-\s*([a-z0-9-]+)$/.exec(line);
    if (arrow) {
      const [, used, user] = arrow as unknown as [string, string, string];
      node(used);
      node(user).add(used);
    } else if (/^[a-z0-9-]+$/.test(line)) {
      node(line);
    } else {
      throw new Error(`${file}: boundaries line ${index + 1}: "${raw}" is not "A <- B" or a name`);
    }
  }
  return arrows;
}

/**
 * Everything `name` may depend on: its arrows, followed to the end.
 *
 * @example
 * allowedFor(arrows, "cli") // Set { "core", "pai-client", "schema", "local-pai", … }
 */
export function allowedFor(arrows: Arrows, name: string): Set<string> {
  const allowed = new Set<string>();
  const visit = (from: string) => {
    for (const next of arrows.get(from) ?? []) {
      if (allowed.has(next)) continue;
      allowed.add(next);
      visit(next);
    }
  };
  visit(name);
  return allowed;
}
