/** Reads `BuildConfig.RegistryAuths` and writes the containers auth file a builder pulls and pushes with. */
import { writeFile } from "node:fs/promises";
import { parseImageReference } from "@imagebuild/pai-client/registry";
import { MIRRORED_REPOSITORIES } from "./write-build-environment.ts";
import type { RegistryAuths, RegistryCredentials, RegistryHandle } from "./types.ts";

/** A RegistryAuths entry that is not base64 of `user:password`. */
export class RegistryAuthsInvalidError extends Error {
  override readonly name = "RegistryAuthsInvalidError";
  readonly code = "REGISTRY_AUTHS_INVALID";
  /** The field at fault, e.g. `BuildConfig.RegistryAuths["r.example"].Auth`. */
  readonly field: string;

  constructor({ field }: { field: string }) {
    super(`${field}: must be the base64 encoding of "user:password"`);
    this.field = field;
  }
}

/**
 * Decodes every entry of RegistryAuths into credentials, keyed by registry host.
 * Throws {@link RegistryAuthsInvalidError} naming the entry that is not base64 `user:password`.
 *
 * @example
 * decodeRegistryAuths({ "r.example": { Auth: "dXNlcjp0ZXN0" } }); // { "r.example": { username: "user", password: "test" } }
 */
export function decodeRegistryAuths(
  auths: RegistryAuths | undefined,
): Record<string, RegistryCredentials> {
  const decoded: Record<string, RegistryCredentials> = {};
  for (const [host, entry] of Object.entries(auths ?? {})) {
    const field = `BuildConfig.RegistryAuths[${JSON.stringify(host)}].Auth`;
    const raw = typeof entry?.Auth === "string" ? entry.Auth.trim() : "";
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) throw new RegistryAuthsInvalidError({ field });
    const text = Buffer.from(raw, "base64").toString("utf8");
    const colon = text.indexOf(":");
    if (colon <= 0) throw new RegistryAuthsInvalidError({ field });
    decoded[host] = { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  return decoded;
}

/**
 * The loopback spellings of the local registry's host (`127.0.0.1:5000` and `localhost:5000`).
 *
 * @example
 * localRegistryHosts(registry); // ["127.0.0.1:5000", "localhost:5000"]
 */
export function localRegistryHosts(registry: RegistryHandle): string[] {
  const port = registry.host.split(":").at(-1);
  return [registry.host, `localhost:${port}`];
}

/**
 * The credentials to use for `host`: the request's own when it has some (so wrong ones fail for
 * real), else the service's for its own registry, else none.
 *
 * @example
 * credentialsFor({ host: registry.host, decoded, registry });
 */
export function credentialsFor({
  host,
  decoded,
  registry,
}: {
  host: string;
  decoded: Record<string, RegistryCredentials>;
  registry: RegistryHandle;
}): RegistryCredentials | undefined {
  if (decoded[host]) return decoded[host];
  if (localRegistryHosts(registry).includes(host)) return registry.auth;
  return undefined;
}

/**
 * Writes a containers auth file (`{"auths": {host: {auth}}}`, mode 0600) with the request's credentials
 * and, when `includeLocal` (the build pushes to or pulls from the local registry) and the request
 * brought none for it, the service's credentials for its registry.
 *
 * @example
 * await writeAuthFile({ path: `${workDir}/auth.json`, decoded, registry, includeLocal: true });
 */
export async function writeAuthFile({
  path,
  decoded,
  registry,
  includeLocal,
}: {
  path: string;
  decoded: Record<string, RegistryCredentials>;
  registry: RegistryHandle;
  includeLocal: boolean;
}): Promise<void> {
  const auths: Record<string, { auth: string }> = {};
  const add = (host: string, credentials: RegistryCredentials) => {
    auths[host] = {
      auth: Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64"),
    };
  };
  for (const host of localRegistryHosts(registry)) {
    if (registry.auth && includeLocal) add(host, registry.auth);
  }
  for (const [host, credentials] of Object.entries(decoded)) add(host, credentials);
  await writeFile(path, `${JSON.stringify({ auths })}\n`, { mode: 0o600 });
}

/**
 * Every secret in the credentials, for scrubbing log lines.
 *
 * @example
 * secretsOf(decoded, registry.auth); // ["test", "dXNlcjp0ZXN0"]
 */
export function secretsOf(...credentials: (RegistryCredentials | undefined)[]): string[] {
  return credentials.flatMap((c) =>
    c ? [c.password, Buffer.from(`${c.username}:${c.password}`).toString("base64")] : [],
  );
}

/**
 * True when a `FROM`, `--from=` or `from=` image of `dockerfile` may come from the local registry: one
 * named by its host, a mirrored Docker Hub image (busybox, debian), or one built from an ARG (unknown
 * until build time, so assumed). Stage names and `scratch` do not count.
 *
 * @example
 * pullsFromLocalRegistry({ dockerfile: "FROM debian:bookworm\n", registry }); // true
 * pullsFromLocalRegistry({ dockerfile: "FROM r.example/base:1\n", registry }); // false
 */
export function pullsFromLocalRegistry({
  dockerfile,
  registry,
}: {
  dockerfile: string;
  registry: RegistryHandle;
}): boolean {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const line of dockerfile.split("\n")) {
    const from = /^\s*FROM\s+(.*)$/i.exec(line);
    if (from) {
      const words = (from[1] ?? "")
        .trim()
        .split(/\s+/)
        .filter((w) => !w.startsWith("--"));
      if (words[0]) images.push(words[0]);
      if (words[1]?.toLowerCase() === "as" && words[2]) stages.add(words[2].toLowerCase());
      continue;
    }
    for (const match of line.matchAll(/(?:^|[\s,])(?:--)?from=([^\s,]+)/gi)) {
      if (match[1]) images.push(match[1]);
    }
  }
  const local = localRegistryHosts(registry);
  return images.some((image) => {
    if (image.includes("$")) return true;
    if (stages.has(image.toLowerCase()) || image === "scratch" || /^\d+$/.test(image)) return false;
    const parsed = parseImageReference(image);
    if (!parsed.ok) return false;
    const { host, repository } = parsed.value;
    if (local.includes(host)) return true;
    const name = repository.replace(/^library\//, "");
    return host === "docker.io" && (MIRRORED_REPOSITORIES as readonly string[]).includes(name);
  });
}
