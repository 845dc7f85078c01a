/** Serialises builds that could reuse each other's layers from the shared build storage. */
import { createHash } from "node:crypto";

const held = new Map<string, Promise<void>>();

/**
 * One key per stage of `dockerfile`: its first instruction after `FROM`, continuation lines joined,
 * whitespace collapsed, the keyword upper-cased. buildah's `--layers` reuses any image of the shared
 * storage whose history matches, whatever image built it; a reuse always starts at a stage's first
 * instruction, so two builds that differ there can never share a layer, and two that agree are
 * serialised by {@link acquireCacheScopeLocks}.
 *
 * @example
 * cacheScopeKeys("FROM busybox\nRUN  echo a \\\n  && echo b\n"); // [sha256 of "RUN echo a && echo b"]
 */
export function cacheScopeKeys(dockerfile: string): string[] {
  const instructions = logicalLines(dockerfile);
  const keys = new Set<string>();
  for (let i = 0; i < instructions.length; i++) {
    if (!/^FROM\s/i.test(instructions[i] ?? "")) continue;
    const next = instructions[i + 1];
    if (next === undefined || /^FROM\s/i.test(next)) continue;
    const [keyword = "", ...rest] = next.split(" ");
    const normalised = [keyword.toUpperCase(), ...rest].join(" ");
    keys.add(createHash("sha256").update(normalised).digest("hex"));
  }
  return [...keys].sort();
}

/**
 * Takes every lock in `keys` and resolves with the function that lets them go. In this process only:
 * the build storage belongs to one service. Keys are taken in sorted order, so two builds never wait
 * for each other in a circle. Release after the build's images are gone from the storage, so the
 * next build of the scope finds none of them.
 *
 * @example
 * const release = await acquireCacheScopeLocks(cacheScopeKeys(dockerfile));
 * try { await build(); await removeImages(); } finally { release(); }
 */
export async function acquireCacheScopeLocks(keys: readonly string[]): Promise<() => void> {
  const releases: (() => void)[] = [];
  for (const key of [...new Set(keys)].sort()) {
    while (held.has(key)) await held.get(key);
    let release = () => {};
    held.set(
      key,
      new Promise<void>((resolve) => {
        release = () => {
          held.delete(key);
          resolve();
        };
      }),
    );
    releases.push(release);
  }
  return () => {
    for (const release of releases.splice(0)) release();
  };
}

/** Dockerfile instructions, one per entry: comments and blank lines dropped, `\` continuations joined. */
function logicalLines(dockerfile: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const raw of dockerfile.split(/\r?\n/)) {
    const line = raw.trim();
    if (current === "" && (line === "" || line.startsWith("#"))) continue;
    if (current !== "" && line.startsWith("#")) continue;
    if (line.endsWith("\\")) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    const joined = current.replace(/\s+/g, " ").trim();
    if (joined !== "") out.push(joined);
    current = "";
  }
  if (current.trim() !== "") out.push(current.replace(/\s+/g, " ").trim());
  return out;
}
