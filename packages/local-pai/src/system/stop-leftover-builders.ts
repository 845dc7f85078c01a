/** Stops builder process groups a killed service left running on a data directory, and their half-made containers. */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { findCommand } from "./find-command.ts";
import { runtimeRootDir } from "./isolation-flags.ts";
import { killGroup, runProcess } from "./run-process.ts";
import { releaseBuildStorage } from "./release-build-storage.ts";
import type { Logger } from "./types.ts";

/**
 * The folder where running builders are recorded (one file per process group id).
 *
 * @example
 * buildersDir("/srv/.imagebuild"); // "/srv/.imagebuild/containers/builders"
 */
export function buildersDir(dataDir: string): string {
  return join(resolve(dataDir), "containers", "builders");
}

/**
 * Kills every recorded builder process group still alive (a service killed with SIGKILL cannot stop
 * them: they run in their own groups), then releases the build storage (releaseBuildStorage: the
 * working containers they left and their mounts). Call it at start-up, before any build runs.
 *
 * @example
 * await stopLeftoverBuilders({ dataDir: ".imagebuild", log });
 */
export async function stopLeftoverBuilders({
  dataDir,
  log,
}: {
  dataDir: string;
  log: Logger;
}): Promise<void> {
  const dir = buildersDir(dataDir);
  await mkdir(dir, { recursive: true });
  const entries = (await readdir(dir)).filter((name) => /^\d+$/.test(name));
  const groups = entries.length > 0 ? await builderProcessGroups() : new Set<number>();
  for (const name of entries) {
    const pgid = Number(name);
    // Only a group that still holds a builder: the id may have been reused since.
    if (groups.has(pgid)) {
      log.warn("stopping a builder left running by an earlier service", { pgid });
      killGroup(pgid, "SIGKILL");
    }
    await rm(join(dir, name), { force: true });
  }
  // Also with no builder recorded: a build stopped with SIGKILL after its grace period left these.
  await stopLeftoverContainers({ dataDir, log });
  await releaseBuildStorage({ dataDir, log });
}

/**
 * Kills and deletes the runc containers in this data directory's runtime root: a RUN step's process
 * is not in its builder's process group, so killing the group leaves it running.
 */
async function stopLeftoverContainers({ dataDir, log }: { dataDir: string; log: Logger }) {
  const runtime = findCommand({ name: "runc" });
  const root = runtimeRootDir(dataDir);
  if (runtime === undefined || !existsSync(root)) return;
  const runc = (args: string[]) =>
    runProcess({ command: runtime, args: ["--root", root, ...args] });
  const listed = await runc(["list", "-q"]);
  for (const id of listed.tail
    .map((line) => line.trim())
    .filter((line) => /^[\w.-]+$/.test(line))) {
    log.warn("stopping a build container left running by an earlier service", { id });
    await runc(["kill", id, "KILL"]);
    await runc(["delete", "--force", id]);
  }
}

/** The process groups that contain a buildah process (`buildah`, `buildah-chroot-exec`, …). */
async function builderProcessGroups(): Promise<Set<number>> {
  const groups = new Set<number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (!cmdline.startsWith("buildah")) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // Fields after the parenthesised command name: state, ppid, pgrp.
    const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    if (Number.isInteger(pgrp)) groups.add(pgrp);
  }
  return groups;
}
