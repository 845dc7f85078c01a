/** zod fields for environment variables that config.ts and the git providers share. */
import { z } from "zod";

/**
 * A comma-separated list, trimmed, empty items dropped (unset is `[]`).
 *
 * @example
 * envList.parse("a, b,,c") // ["a", "b", "c"]
 */
export const envList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );

/**
 * An http(s) URL (no `file:` or other schemes: these become request targets).
 *
 * @example
 * envHttpUrl.parse("https://api.github.com")
 */
export const envHttpUrl = z
  .string()
  // zod runs a refinement even after .url() failed, so parse here without throwing.
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: "must be an http(s) URL",
  });

/**
 * A non-empty string, or unset.
 *
 * @example
 * envOptional.parse(undefined) // undefined
 */
export const envOptional = z.string().min(1).optional();

const REGISTRY_HOST = /^[a-z0-9][a-z0-9.-]*(:[0-9]{1,5})?$/;
const SECRET_NAME = /^[A-Z0-9][A-Z0-9_]{0,62}$/;
const registryHost = z.string().regex(REGISTRY_HOST, "must be a registry host (host or host:port)");
const mirror = z.union([
  registryHost.transform((host) => ({ host })),
  z
    .object({
      host: registryHost,
      secret: z
        .string()
        .regex(SECRET_NAME, "must be a secret name (its login is IMAGEBUILD_SECRET_<NAME>)")
        .optional(),
    })
    .strict(),
]);

/**
 * JSON: image-name host → the registry that serves its images here, a host or `{ host, secret }` (the
 * mirror's login is `IMAGEBUILD_SECRET_<secret>`, `user:password`). Unset or empty is `{}`.
 *
 * @example
 * envRegistryMirrors.parse('{"docker.io":"127.0.0.1:5000"}') // { "docker.io": { host: "127.0.0.1:5000" } }
 */
export const envRegistryMirrors = z
  .string()
  .default("")
  .transform((text, context) => {
    if (text.trim() === "") return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: "is not JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.record(registryHost, mirror));
