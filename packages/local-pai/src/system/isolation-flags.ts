/** The `buildah bud` flags that box RUN steps as a {@link BuildIsolation} says. */
import { join, resolve } from "node:path";
import type { BuildIsolation } from "./types.ts";

/**
 * The runc state folder of one data directory: containers of this service only, so a restart after
 * a crash can stop exactly its own (see stop-leftover-builders.ts), never another's.
 *
 * @example
 * runtimeRootDir("/srv/.imagebuild"); // "/srv/.imagebuild/containers/runc"
 */
export function runtimeRootDir(dataDir: string): string {
  return join(resolve(dataDir), "containers", "runc");
}

/**
 * `--isolation oci` with runc (PID, mount, IPC, UTS and user namespaces; the runtime's default
 * capabilities; the user namespace is the image storage's id range, which its global
 * `--userns-uid-map` flags set: see image-storage.ts), and either `--network none` plus the hooks that attach
 * slirp4netns to the step's own namespace and its resolver as /etc/resolv.conf, or `--network host`
 * when the operator opted out.
 *
 * @example
 * isolationFlags({ isolation, hooksDir: "/srv/.imagebuild/jobs/dlc-1/hooks" });
 * // ["--isolation", "oci", "--runtime", "/usr/sbin/runc", "--runtime-flag", "root=…", "--network", "none", …]
 */
export function isolationFlags({
  isolation,
  hooksDir,
}: {
  isolation: Exclude<BuildIsolation, { network: "unavailable" }>;
  hooksDir: string | undefined;
}): string[] {
  const boxed = [
    "--isolation",
    "oci",
    "--runtime",
    isolation.runtime,
    "--runtime-flag",
    `root=${isolation.runtimeRoot}`,
  ];
  if (isolation.network === "host") return [...boxed, "--network", "host"];
  if (hooksDir === undefined) throw new Error("a private network needs its hooks directory");
  return [
    ...boxed,
    // A namespace of the runtime's own (owned by the build's user namespace, so /sys mounts); the
    // createRuntime hook gives it slirp4netns as its uplink.
    "--network",
    "none",
    "--hooks-dir",
    hooksDir,
    "--volume",
    `${isolation.resolvConf}:/etc/resolv.conf:ro`,
  ];
}
