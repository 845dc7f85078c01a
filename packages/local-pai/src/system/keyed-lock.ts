/** Serialises work on one key (an image's build storage, the id-range table) within this process. */

const held = new Map<string, Promise<void>>();

/**
 * Waits until no one holds `key`, takes it and resolves with the function that lets it go (calling
 * it twice is harmless). In this process only: a data directory belongs to one service.
 *
 * @example
 * const release = await acquireKeyedLock("image-storage:debian-tools-3f1c0a9d2b7e4c55");
 * try { await build(); } finally { release(); }
 */
export async function acquireKeyedLock(key: string): Promise<() => void> {
  while (held.has(key)) await held.get(key);
  let release = () => {};
  const taken: Promise<void> = new Promise((resolve) => {
    release = () => {
      if (held.get(key) !== taken) return;
      held.delete(key);
      resolve();
    };
  });
  held.set(key, taken);
  return release;
}

/**
 * Whether someone holds `key` right now.
 *
 * @example
 * isKeyHeld("image-storage:debian-tools-3f1c0a9d2b7e4c55"); // false between builds
 */
export function isKeyHeld(key: string): boolean {
  return held.has(key);
}
