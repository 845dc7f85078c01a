/** Checks that this machine can give a build a private network with an uplink: a user-owned netns plus slirp4netns. */
import { spawn } from "node:child_process";
import { readlink } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

/** How long the probe waits for slirp4netns to configure its namespace. */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * Starts `unshare --user --map-root-user --net` (a network namespace owned by a new user namespace,
 * as a build's is) and attaches slirp4netns to it, host loopback disabled. Returns undefined when
 * slirp4netns reported ready, otherwise the reason it did not.
 *
 * @example
 * const problem = await probeNetworkIsolation({ slirp4netns: "/usr/bin/slirp4netns", unshare: "/usr/bin/unshare" });
 */
export async function probeNetworkIsolation({
  slirp4netns,
  unshare,
}: {
  slirp4netns: string;
  unshare: string;
}): Promise<string | undefined> {
  const holder = spawn(unshare, ["--user", "--map-root-user", "--net", "sleep", "60"], {
    stdio: "ignore",
  });
  let slirp: ReturnType<typeof spawn> | undefined;
  try {
    const pid = holder.pid;
    if (pid === undefined) return `${unshare} could not be started`;
    const own = await readlink("/proc/self/ns/net");
    const deadline = Date.now() + PROBE_TIMEOUT_MS;
    while ((await readlink(`/proc/${pid}/ns/net`).catch(() => own)) === own) {
      if (holder.exitCode !== null || Date.now() > deadline) {
        return `${unshare} --user --net failed (exit code ${holder.exitCode}): user namespaces may be disabled`;
      }
      await sleep(10);
    }
    const started = slirp4netnsReady({ slirp4netns, pid });
    slirp = started.child;
    const ready = await Promise.race([started.ready, sleep(PROBE_TIMEOUT_MS, "timed out")]);
    return ready === "ready" ? undefined : `slirp4netns: ${ready}`;
  } finally {
    slirp?.kill("SIGKILL");
    holder.kill("SIGKILL");
  }
}

function slirp4netnsReady({ slirp4netns, pid }: { slirp4netns: string; pid: number }) {
  const child = spawn(
    slirp4netns,
    ["--configure", "--mtu=65520", "--disable-host-loopback", "--ready-fd=3", String(pid), "tap0"],
    { stdio: ["ignore", "ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ready = new Promise<string>((resolve) => {
    child.stdio[3]?.once("data", () => resolve("ready"));
    child.once("error", (error) => resolve(error.message));
    child.once("exit", (code) =>
      resolve(`exited with code ${code}: ${stderr.trim().split("\n").at(-1) ?? ""}`),
    );
  });
  return { child, ready };
}
