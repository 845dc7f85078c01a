/** Makes the offline base images (busybox, debian:bookworm) once, as OCI archives in a shared cache directory. */
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { BaseImageError } from "./errors.ts";
import { findCommand } from "./find-command.ts";
import { withFileLock } from "./file-lock.ts";
import { runProcess } from "./run-process.ts";
import type { Logger } from "./types.ts";

/** The base images the local service can seed. */
export type BaseImageName = "busybox" | "debian:bookworm";

/** Paths a debootstrap root filesystem leaves that do not belong in an image (as in Docker's own debian images). */
const ROOTFS_EXCLUDES = [
  "./dev/*",
  "./proc/*",
  "./sys/*",
  "./var/cache/apt/archives/*.deb",
  "./var/lib/apt/lists/*",
];
const PASSWD = "root:x:0:0:root:/root:/bin/sh\n";
const GROUP = "root:x:0:\n";

/** Archives being made by this process, so concurrent callers share one build. */
const inFlight = new Map<string, Promise<string>>();

/**
 * The busybox version of the host's static busybox, e.g. `1.35.0`.
 *
 * @example
 * await busyboxVersion(); // "1.35.0"
 */
export async function busyboxVersion(): Promise<string> {
  const { tail } = await runProcess({ command: busyboxPath(), args: [] });
  const match = /BusyBox v(\d+\.\d+\.\d+)/.exec(tail.join("\n"));
  if (!match?.[1])
    throw new BaseImageError({ image: "busybox", message: "cannot read the busybox version" });
  return match[1];
}

/**
 * Returns the path of `<cacheDir>/<image>-<arch>.oci.tar`, making it first when it is missing: busybox
 * from the host's static busybox, debian:bookworm from `debootstrap --variant=minbase bookworm` (about
 * 30 s, with debootstrap's own default mirror). Safe to call from several processes at once.
 *
 * @example
 * const archive = await ensureBaseImageArchive({ image: "debian:bookworm", cacheDir: ".imagebuild/cache", log });
 */
export function ensureBaseImageArchive({
  image,
  cacheDir,
  log,
  signal,
}: {
  image: BaseImageName;
  cacheDir: string;
  log: Logger;
  /** Kills debootstrap/buildah and rejects; a later call starts over. */
  signal?: AbortSignal;
}): Promise<string> {
  const dir = resolve(cacheDir);
  const archive = join(dir, `${image.replace(":", "-")}-${process.arch}.oci.tar`);
  const pending = inFlight.get(archive);
  if (pending) return pending;
  const made = makeArchiveOnce({ image, dir, archive, log, signal }).finally(() =>
    inFlight.delete(archive),
  );
  inFlight.set(archive, made);
  return made;
}

async function makeArchiveOnce({
  image,
  dir,
  archive,
  log,
  signal,
}: {
  image: BaseImageName;
  dir: string;
  archive: string;
  log: Logger;
  signal: AbortSignal | undefined;
}): Promise<string> {
  if (await exists(archive)) return archive;
  await mkdir(dir, { recursive: true });
  return withFileLock({ path: `${archive}.lock` }, async () => {
    if (await exists(archive)) return archive;
    const work = join(dir, `work-${randomUUID()}`);
    try {
      log.info("making base image (once, then cached)", { image, archive });
      const context = join(work, "context");
      await mkdir(context, { recursive: true });
      const dockerfile =
        image === "busybox"
          ? await busyboxContext(context)
          : await debianContext({ context, work, log, signal });
      await writeFile(join(context, "Dockerfile"), dockerfile);
      // Made inside the work folder (same file system as the cache) so an abort leaves nothing behind.
      const partial = join(work, "image.oci.tar");
      await buildToArchive({ image, work, context, partial, log, signal });
      await rename(partial, archive);
      log.info("base image cached", { image, archive });
      return archive;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
}

async function busyboxContext(context: string): Promise<string> {
  await copyFile(busyboxPath(), join(context, "busybox"));
  await writeFile(join(context, "passwd"), PASSWD);
  await writeFile(join(context, "group"), GROUP);
  // Exec form: the image has no shell until busybox has installed its applets.
  return [
    "FROM scratch",
    "COPY busybox /bin/busybox",
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    'RUN ["/bin/busybox", "mkdir", "-p", "/etc", "/root", "/tmp", "/var", "/home"]',
    "COPY passwd group /etc/",
    'CMD ["sh"]',
    "",
  ].join("\n");
}

async function debianContext({
  context,
  work,
  log,
  signal,
}: {
  context: string;
  work: string;
  log: Logger;
  signal: AbortSignal | undefined;
}): Promise<string> {
  const rootfs = join(work, "rootfs");
  const debootstrap = findCommand({ name: "debootstrap" }) ?? "debootstrap";
  // No mirror argument: debootstrap uses its own configured default.
  await mustRun({
    image: "debian:bookworm",
    command: debootstrap,
    args: ["--variant=minbase", "bookworm", rootfs],
    log,
    signal,
  });
  const excludes = ROOTFS_EXCLUDES.map((pattern) => `--exclude=${pattern}`);
  await mustRun({
    image: "debian:bookworm",
    command: "tar",
    args: ["--numeric-owner", "-C", rootfs, ...excludes, "-cf", join(context, "rootfs.tar"), "."],
    log,
    signal,
  });
  await rm(rootfs, { recursive: true, force: true });
  return ["FROM scratch", "ADD rootfs.tar /", 'CMD ["bash"]', ""].join("\n");
}

async function buildToArchive({
  image,
  work,
  context,
  partial,
  log,
  signal,
}: {
  image: BaseImageName;
  work: string;
  context: string;
  partial: string;
  log: Logger;
  signal: AbortSignal | undefined;
}): Promise<void> {
  const policy = join(work, "policy.json");
  await writeFile(policy, `${JSON.stringify({ default: [{ type: "insecureAcceptAnything" }] })}\n`);
  // A throwaway storage root: the archive is the only thing kept. It stays vfs, not the build
  // storage's driver (storage-driver.ts): it runs once per cache folder, has one layer to copy, and
  // mounts nothing, so a seeding killed midway leaves nothing mounted to keep `rm` from removing it.
  const storage = [
    "--root",
    join(work, "storage"),
    "--runroot",
    join(work, "run"),
    "--storage-driver",
    "vfs",
  ];
  const iidFile = join(work, "iid");
  const env = { ...process.env, TMPDIR: work };
  await mustRun({
    image,
    command: "buildah",
    args: [
      ...storage,
      "bud",
      "--isolation",
      "chroot",
      "--format",
      "docker",
      "--signature-policy",
      policy,
      "--iidfile",
      iidFile,
      context,
    ],
    env,
    log,
    signal,
  });
  const iid = (await readFile(iidFile, "utf8")).trim();
  await rm(partial, { force: true });
  await mustRun({
    image,
    command: "buildah",
    args: [...storage, "push", "--signature-policy", policy, iid, `oci-archive:${partial}`],
    env,
    log,
    signal,
  });
}

async function mustRun({
  image,
  command,
  args,
  env,
  log,
  signal,
}: {
  image: BaseImageName;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  log: Logger;
  signal: AbortSignal | undefined;
}): Promise<void> {
  const result = await runProcess({
    command,
    args,
    env,
    signal,
    onLine: (line) => log.info(line, { source: command.split("/").at(-1), image }),
  });
  if (result.aborted) throw new BaseImageError({ image, message: `${command} was aborted` });
  if (result.exitCode !== 0) {
    throw new BaseImageError({
      image,
      message: `${command} exited with code ${result.exitCode}: ${result.tail.at(-1) ?? ""}`,
    });
  }
}

/**
 * The static busybox the base images and the storage probe are made from.
 *
 * @example
 * busyboxPath(); // "/usr/bin/busybox"
 */
export function busyboxPath(): string {
  return findCommand({ name: "busybox" }) ?? "/bin/busybox";
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
