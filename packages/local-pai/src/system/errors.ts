/** Errors raised while preparing the system: missing packages, a registry that does not start, a base image that cannot be made. */

/**
 * Some of the system packages the local service needs are missing and could not be installed.
 * The message is one line naming what to install.
 *
 * @example
 * throw new SystemPackagesMissingError({ packages: ["buildah"], reason: "not running as root" });
 */
export class SystemPackagesMissingError extends Error {
  override readonly name = "SystemPackagesMissingError";
  readonly code = "SYSTEM_PACKAGES_MISSING";
  readonly packages: string[];

  constructor({
    packages,
    reason,
    cause,
  }: { packages: string[]; reason: string; cause?: unknown }) {
    super(
      `missing system packages: ${packages.join(", ")} (${reason}); install them with: sudo apt-get install -y ${packages.join(" ")}`,
      { cause },
    );
    this.packages = packages;
  }
}

/**
 * The registry child process exited or did not answer `/v2/` in time.
 *
 * @example
 * throw new RegistryStartError({ message: "registry exited with code 1", output: "…" });
 */
export class RegistryStartError extends Error {
  override readonly name = "RegistryStartError";
  readonly code = "REGISTRY_START_FAILED";
  /** The last lines the registry printed. */
  readonly output: string;

  constructor({ message, output, cause }: { message: string; output: string; cause?: unknown }) {
    super(message, { cause });
    this.output = output;
  }
}

/**
 * The data directory's registry belongs to a service that is still running: it is not stopped.
 *
 * @example
 * throw new RegistryInUseError({ dataDir: "/repo/.imagebuild", registryPid: 4243, ownerPid: 4242 });
 */
export class RegistryInUseError extends Error {
  override readonly name = "RegistryInUseError";
  readonly code = "REGISTRY_IN_USE";
  readonly ownerPid: number;
  readonly registryPid: number;

  constructor({
    dataDir,
    registryPid,
    ownerPid,
  }: { dataDir: string; registryPid: number; ownerPid: number }) {
    super(
      `the registry of ${dataDir} (pid ${registryPid}) belongs to a running service (pid ${ownerPid}): use that service, stop it, or choose another data directory`,
    );
    this.ownerPid = ownerPid;
    this.registryPid = registryPid;
  }
}

/**
 * A base image (busybox or debian:bookworm) could not be made or pushed to the local registry.
 *
 * @example
 * throw new BaseImageError({ image: "debian:bookworm", message: "debootstrap exited with code 1" });
 */
export class BaseImageError extends Error {
  override readonly name = "BaseImageError";
  readonly code = "BASE_IMAGE_FAILED";
  readonly image: string;

  constructor({ image, message, cause }: { image: string; message: string; cause?: unknown }) {
    super(`${image}: ${message}`, { cause });
    this.image = image;
  }
}

/**
 * A child process (buildah, skopeo, debootstrap) exited with a non-zero code.
 *
 * @example
 * throw new CommandFailedError({ command: "skopeo copy", exitCode: 1, output: "…" });
 */
export class CommandFailedError extends Error {
  override readonly name = "CommandFailedError";
  readonly code = "COMMAND_FAILED";
  readonly command: string;
  readonly exitCode: number | null;
  readonly output: string;

  constructor({
    command,
    exitCode,
    output,
  }: { command: string; exitCode: number | null; output: string }) {
    const last = output.trim().split("\n").at(-1) ?? "";
    super(`${command} exited with code ${exitCode}: ${last}`);
    this.command = command;
    this.exitCode = exitCode;
    this.output = output;
  }
}
