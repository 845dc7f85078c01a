/** Per-data-directory keys for signed-by-default local use: an AccessKey for the API and the registry's htpasswd login, in one 0600 file. */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import type { AccessKey } from "./authenticate.ts";

/** The key file's name inside the data directory. */
export const LOCAL_KEYS_FILE = "local-keys.json";

const LOCAL_KEYS = z.object({
  accessKeyId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
  accessKeySecret: z.string().min(16),
  registryUser: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  registryPassword: z.string().min(16),
});

/**
 * The keys of one data directory.
 *
 * @example
 * const keys: LocalKeys = await loadOrCreateLocalKeys({ dataDir: ".imagebuild" });
 */
export interface LocalKeys {
  /** Pass as `createLocalPai({ accessKeys: [keys.accessKey] })`. */
  accessKey: AccessKey;
  /** Pass as `createLocalPai({ registryAuth: keys.registryAuth })`. */
  registryAuth: { username: string; password: string };
  /** The 0600 file they live in. */
  file: string;
  /** For local clients (pai-client's resolver): `ALIBABA_CLOUD_ACCESS_KEY_ID` and `_SECRET`. */
  env: Record<"ALIBABA_CLOUD_ACCESS_KEY_ID" | "ALIBABA_CLOUD_ACCESS_KEY_SECRET", string>;
}

/** The key file exists but is not one this service wrote, or others may read it. */
export class LocalKeysError extends Error {
  override readonly name = "LocalKeysError";
  readonly code = "LOCAL_KEYS_INVALID";
  readonly file: string;
  constructor({ file, message, cause }: { file: string; message: string; cause?: unknown }) {
    super(`${file}: ${message}`, { cause });
    this.file = file;
  }
}

/**
 * Reads `<dataDir>/local-keys.json`, or makes it (mode 0600, random AccessKey and registry password,
 * created exclusively so two starts agree on one). Throws {@link LocalKeysError} when the file is
 * readable by others or malformed; never prints a secret.
 *
 * @example
 * const keys = await loadOrCreateLocalKeys({ dataDir: ".imagebuild" });
 * const pai = await createLocalPai({ dataDir: ".imagebuild", accessKeys: [keys.accessKey], registryAuth: keys.registryAuth });
 * const env = { ...process.env, ...keys.env, IMAGEBUILD_ENDPOINT: pai.url };
 */
export async function loadOrCreateLocalKeys({ dataDir }: { dataDir: string }): Promise<LocalKeys> {
  const dir = resolve(dataDir);
  const file = join(dir, LOCAL_KEYS_FILE);
  await mkdir(dir, { recursive: true });
  const fresh = {
    accessKeyId: `LTAIlocal${randomBytes(6).toString("hex")}`,
    accessKeySecret: randomBytes(24).toString("base64url"),
    registryUser: "imagebuild",
    registryPassword: randomBytes(24).toString("base64url"),
  };
  try {
    await writeFile(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    throw new LocalKeysError({
      file,
      message: `mode ${(mode & 0o777).toString(8)} lets other users read the keys: run "chmod 600 ${file}"`,
    });
  }
  let keys: z.infer<typeof LOCAL_KEYS>;
  try {
    keys = LOCAL_KEYS.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (cause) {
    throw new LocalKeysError({
      file,
      message: "is not a local-pai key file; delete it to make new keys",
      cause,
    });
  }
  return {
    accessKey: { accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret },
    registryAuth: { username: keys.registryUser, password: keys.registryPassword },
    file,
    env: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: keys.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: keys.accessKeySecret,
    },
  };
}
