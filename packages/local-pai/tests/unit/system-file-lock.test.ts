/** withFileLock: callers take turns, and a lock left by a dead process is taken over. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withFileLock } from "../../src/system/file-lock.ts";

describe("withFileLock", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "imagebuild-lock-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("runs one holder at a time", async () => {
    const path = join(dir, "turns.lock");
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock({ path }, async () => {
        events.push(`${name} in`);
        await sleep(100);
        events.push(`${name} out`);
      });
    await Promise.all([holder("a"), holder("b")]);
    // Either may win the race for the lock; the other only enters after the first has left.
    const first = events[0]?.split(" ")[0];
    const second = first === "a" ? "b" : "a";
    expect(events).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
  });

  it("takes over a lock whose owner process is gone", async () => {
    const path = join(dir, "stale.lock");
    await mkdir(path);
    // Pid 2^22 + 1 is above Linux's pid_max limit, so no such process can exist.
    await writeFile(join(path, "owner"), `${2 ** 22 + 1}\n`);
    await expect(withFileLock({ path }, async () => "taken")).resolves.toBe("taken");
  });
});
