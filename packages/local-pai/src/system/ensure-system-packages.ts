/** Checks the system packages the local service needs and installs missing ones with apt-get when it can. */
import { existsSync } from "node:fs";
import { SystemPackagesMissingError } from "./errors.ts";
import { findCommand } from "./find-command.ts";
import { isStaticElf } from "./is-static-elf.ts";
import { runProcess } from "./run-process.ts";
import type { Logger } from "./types.ts";
import { SILENT_LOGGER } from "@imagebuild/pai-client/logger";

/** Each command the service runs and the Debian package that provides it. */
export const SYSTEM_PACKAGES = [
  { command: "buildah", pkg: "buildah" },
  { command: "docker-registry", pkg: "docker-registry" },
  { command: "skopeo", pkg: "skopeo" },
  { command: "busybox", pkg: "busybox-static", mustBeStatic: true },
  { command: "debootstrap", pkg: "debootstrap" },
  // Build isolation: the OCI runtime and each build's user-mode network uplink.
  { command: "runc", pkg: "runc" },
  { command: "slirp4netns", pkg: "slirp4netns" },
] as const;

/**
 * Lists the Debian packages whose command is missing from `searchPath` (busybox must be the static one).
 *
 * @example
 * missingSystemPackages({}); // [] on a prepared machine, e.g. ["skopeo"] otherwise
 */
export function missingSystemPackages({
  searchPath = process.env.PATH ?? "",
  extraDirs,
}: {
  searchPath?: string;
  extraDirs?: string[];
}): string[] {
  const missing: string[] = [];
  for (const entry of SYSTEM_PACKAGES) {
    const file = findCommand({ name: entry.command, searchPath, extraDirs });
    const ok = file !== undefined && (!("mustBeStatic" in entry) || isStaticElf({ file }));
    if (!ok) missing.push(entry.pkg);
  }
  return missing;
}

/**
 * Makes sure buildah, docker-registry, skopeo, a static busybox, debootstrap, runc and slirp4netns are installed. Missing
 * ones are installed with apt-get when running as root on Debian and `install` is not false; otherwise
 * it throws a {@link SystemPackagesMissingError} whose message is one line naming what to install.
 *
 * @example
 * await ensureSystemPackages({ install: true, log });
 */
export async function ensureSystemPackages({
  install = true,
  log = SILENT_LOGGER,
  searchPath,
  extraDirs,
}: {
  install?: boolean;
  log?: Logger;
  /** Overrides PATH for the check (tests). */
  searchPath?: string;
  /** Overrides the sbin folders searched after PATH (tests). */
  extraDirs?: string[];
}): Promise<void> {
  const missing = missingSystemPackages({ searchPath, extraDirs });
  if (missing.length === 0) return;
  const canInstall =
    process.getuid?.() === 0 &&
    existsSync("/etc/debian_version") &&
    findCommand({ name: "apt-get" }) !== undefined;
  if (!install || !canInstall) {
    const reason = !install
      ? "automatic installation is off"
      : "cannot install them here: not root on Debian";
    throw new SystemPackagesMissingError({ packages: missing, reason });
  }
  log.info("installing missing system packages with apt-get", { packages: missing });
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const onLine = (line: string) => log.info(line, { source: "apt-get" });
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...missing]]) {
    const result = await runProcess({ command: "apt-get", args, env, onLine });
    if (result.exitCode !== 0) {
      throw new SystemPackagesMissingError({
        packages: missing,
        reason: `apt-get ${args[0]} exited with code ${result.exitCode}: ${result.tail.at(-1) ?? ""}`,
      });
    }
  }
  const still = missingSystemPackages({ searchPath, extraDirs });
  if (still.length > 0) {
    throw new SystemPackagesMissingError({
      packages: still,
      reason: "still missing after apt-get",
    });
  }
}
