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
