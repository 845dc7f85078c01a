/** Decides how builds are boxed on this machine: OCI runtime, user namespace ids and a private network with an uplink. */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ensureSubordinateIds } from "./ensure-subordinate-ids.ts";
import { ensureTraversable } from "./ensure-traversable.ts";
import { findCommand } from "./find-command.ts";
import { runtimeRootDir } from "./isolation-flags.ts";
import { writeNetworkHookScript } from "./network-hook.ts";
import { probeNetworkIsolation } from "./probe-network-isolation.ts";
import { SILENT_LOGGER } from "../logger.ts";
import type { BuildIsolation, Logger } from "./types.ts";

/** The operator's opt-out, as the CLI spells it (named in every refusal). */
export const HOST_NETWORK_FLAG = "--insecure-host-network";

/**
 * Finds runc, makes sure `containers` has subordinate ids and the data directory is searchable by
 * a build's unprivileged root, writes the network hook and probes that
 * slirp4netns can give a user-owned network namespace an uplink. Without a private network, builds
 * are refused (`network: "unavailable"`) unless `allowHostNetwork` is true: then they share the
 * host's network, loopback services included, and this is logged as an error at start and on every
 * build. Never throws for a machine problem; the reason is in the result.
 *
 * @example
 * const isolation = await prepareBuildIsolation({ dataDir: ".imagebuild", log });
 * if (isolation.network === "unavailable") console.error(isolation.reason);
 */
export async function prepareBuildIsolation({
  dataDir,
  allowHostNetwork = false,
  log = SILENT_LOGGER,
  searchPath,
  extraDirs,
}: {
  dataDir: string;
  allowHostNetwork?: boolean;
  log?: Logger;
  /** Overrides PATH for finding runc, slirp4netns and unshare (tests). */
  searchPath?: string;
  /** Overrides the sbin folders searched after PATH (tests). */
  extraDirs?: string[];
}): Promise<BuildIsolation> {
  const find = (name: string) => findCommand({ name, searchPath, extraDirs });
  const runtime = find("runc");
  if (runtime === undefined) {
    return refused(log, "runc is not installed (Debian package runc)");
  }
  const ids = await ensureSubordinateIds({});
  if (ids !== undefined) return refused(log, ids);
  const path = await ensureTraversable({ dataDir });
  if (path !== undefined) return refused(log, path);

  const runtimeRoot = runtimeRootDir(dataDir);
  await mkdir(runtimeRoot, { recursive: true, mode: 0o700 });
  const slirp4netns = find("slirp4netns");
  const unshare = find("unshare");
  const problem =
    slirp4netns === undefined
      ? "slirp4netns is not installed (Debian package slirp4netns)"
      : unshare === undefined
        ? "unshare is not installed (Debian package util-linux)"
        : await probeNetworkIsolation({ slirp4netns, unshare });
  if (problem === undefined && slirp4netns !== undefined) {
    const dir = join(resolve(dataDir), "containers", "isolation");
    const hookScript = await writeNetworkHookScript({ dir });
    log.info("builds run isolated", {
      runtime,
      network: "slirp4netns, no host loopback",
    });
    return {
      network: "private",
      runtime,
      runtimeRoot,
      hookScript,
      resolvConf: join(dir, "resolv.conf"),
      slirp4netns,
    };
  }
  const reason = `no isolated network for builds: ${problem}`;
  if (!allowHostNetwork) {
    return refused(
      log,
      `${reason}; fix that, or start the service with ${HOST_NETWORK_FLAG} to build on the host's network`,
    );
  }
  log.error(
    `INSECURE: ${HOST_NETWORK_FLAG}: builds share the host's network and can reach its loopback services (this API, the registry)`,
    { reason },
  );
  return { network: "host", runtime, runtimeRoot, reason };
}

function refused(log: Logger, reason: string): BuildIsolation {
  log.error(`builds are refused: ${reason}`);
  return { network: "unavailable", reason };
}
