/** The shapes shared by the system layer and the service that drives it (the S/H contract). */

// Where the system layer reports progress: the one Logger shape (pai-client); the service passes its own.
export type { Logger } from "@imagebuild/pai-client/logger";

import type { RegistryCredentials } from "@imagebuild/pai-client/registry";
import type { StorageDriver } from "./storage-driver.ts";

/** Credentials for a registry, as a user name and password (never logged). */
export type { RegistryCredentials };

/**
 * A running local registry (the CNCF distribution registry as a child process).
 *
 * @example
 * const registry = await startRegistry({ dataDir: ".imagebuild" });
 * await registry.hasManifest("team/app", "1.0"); // false
 * await registry.stop();
 */
export interface RegistryHandle {
  /** `127.0.0.1:<port>`, the host part of image references pushed to it. */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Set when the registry was started behind htpasswd. */
  auth?: RegistryCredentials;
  /** True when `repository:tag` exists (HEAD `/v2/<repository>/manifests/<tag>`). */
  hasManifest(repository: string, tag: string): Promise<boolean>;
  /** Waits for builds' background storage clean-ups, releases the build storage (releaseBuildStorage), stops the registry process and waits for it to exit. Call it once no build runs. */
  stop(): Promise<void>;
}

/**
 * Everything a builder process needs to run offline against the local registry.
 *
 * @example
 * const { storage, release } = await openImageStorage({ environment, target, log });
 * spawn("buildah", [...imageStorageFlags(environment, storage), "bud", "."], { env: { ...process.env, ...environment.env } });
 */
export interface BuildEnvironment {
  /** A registries.conf mirroring `docker.io/library/{busybox,debian}` to the local registry. */
  registriesConf: string;
  /** A policy.json accepting any image. */
  signaturePolicy: string;
  /** The folder under the data directory with one build storage per image (image-storage.ts). */
  imageStorages: string;
  /** The graph driver chosen for this data directory (storage-driver.ts): overlay, or vfs where overlay does not mount or keep owners. */
  storageDriver: StorageDriver;
  /** Environment variables to add to the builder's environment. */
  env: Record<string, string>;
}

/**
 * How RUN steps are boxed, from `prepareBuildIsolation`: always the OCI runtime with PID, mount, IPC,
 * UTS and user namespaces; the network is private (slirp4netns, no host loopback), the host's
 * (the operator opted out) or unavailable (builds are refused with `reason`).
 *
 * @example
 * if (isolation.network === "unavailable") return failed("EnvPrepareFailed", isolation.reason);
 */
export type BuildIsolation =
  | {
      network: "private";
      /** The OCI runtime binary (runc). */
      runtime: string;
      /** runc's state folder for this data directory's containers. */
      runtimeRoot: string;
      /** The OCI hook script that attaches slirp4netns to each RUN step's network namespace. */
      hookScript: string;
      /** Mounted as each RUN step's /etc/resolv.conf (slirp4netns's DNS forwarder). */
      resolvConf: string;
      slirp4netns: string;
    }
  | { network: "host"; runtime: string; runtimeRoot: string; reason: string }
  | { network: "unavailable"; reason: string };

/** `BuildConfig.RegistryAuths`: `{ "<registry host>": { Auth: base64("user:password") } }`. */
export type RegistryAuths = Record<string, { Auth: string }>;

/** The job phases a build reports while it runs (the service owns the others). */
export type BuildPhase = "EnvPreparing" | "Running";

/**
 * How a build ended. `reasonMessage` is the builder's own error line, e.g. `invalid reference format`.
 *
 * @example
 * if (outcome.status === "Failed") log.warn(outcome.reasonMessage, { code: outcome.reasonCode });
 */
export type BuildOutcome =
  | {
      status: "Succeeded";
      sizeBytes: number;
      digest: string;
      /** Labels the build adds to the workspace image (`imagebuild.base.<n>`, see base-image-digests.ts). */
      labels?: { Key: string; Value: string }[];
    }
  | { status: "Failed"; reasonCode: BuildFailureCode; reasonMessage: string }
  | {
      status: "Stopped";
      reasonCode: "JobStoppedByUser";
      reasonMessage: string;
    };

/** Stable reason codes for a failed build. */
export type BuildFailureCode =
  | "InvalidDockerfile"
  | "BuildFailed"
  | "ImageTagExists"
  | "InvalidImageUri"
  | "PushFailed"
  | "EnvPrepareFailed"
  | "RegistryAuthFailed";
