/** A cross-process lock made of a directory, for work several test workers or services may start at once. */
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const LOCK_POLL_MS = 200;
/** A lock directory without an owner file older than this was left by a crash right after `mkdir`. */
const OWNERLESS_STALE_MS = 10_000;

/**
 * Runs `fn` while holding the lock `path` (a directory; `mkdir` is atomic). A lock whose owner process
 * is gone is taken over.
 *
 * @example
 * await withFileLock({ path: `${cacheDir}/debian.lock` }, () => makeArchive());
 */
export async function withFileLock<T>(
  { path }: { path: string },
  fn: () => Promise<T>,
): Promise<T> {
  for (;;) {
    try {
      await mkdir(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (await ownerIsGone(path)) {
        await rm(path, { recursive: true, force: true });
        continue;
      }
      await sleep(LOCK_POLL_MS);
    }
  }
  await writeFile(join(path, "owner"), `${process.pid}\n`);
  try {
    return await fn();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}

async function ownerIsGone(path: string): Promise<boolean> {
  const pid = Number.parseInt(await readFile(join(path, "owner"), "utf8").catch(() => ""), 10);
  if (!Number.isInteger(pid)) {
    // Between mkdir and writing the owner file the pid is unknown: held, unless that was long ago.
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > OWNERLESS_STALE_MS;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
