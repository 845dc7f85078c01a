/** The Function Compute OSS-trigger event, and safe decoding of its object keys. */
import { type FcOssEvent, validators } from "@imagebuild/schema";

/**
 * Parses an OSS-trigger event (`{ events: [...] }`); errors name the field inside the event.
 *
 * @example
 * OssEventSchema.parse(json).events[0]?.oss.object.key
 */
export const OssEventSchema = validators.FcOssEvent;

/** An OSS-trigger event after parsing. */
export type OssEvent = FcOssEvent;

/** One object notification inside an OSS event. */
export type OssRecord = OssEvent["events"][number];

/**
 * Decodes an object key that OSS may deliver URL-encoded (`specs/a%20b/1.0.yaml`); a key that is not
 * valid percent-encoding is returned as given rather than throwing.
 *
 * @example
 * decodeObjectKey("specs/busybox-tools/1.0.0.yaml") // unchanged
 */
export function decodeObjectKey(key: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(key)) return key;
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/**
 * Why a key cannot be a spec under `prefix`, or undefined when it can: it must sit under the prefix,
 * end in `.yaml`, and have no `..`, empty or `.` segments, backslashes or control characters.
 *
 * @example
 * rejectSpecKey({ key: "specs/../etc/passwd.yaml", prefix: "specs/" }) // "key has a '..' segment"
 */
export function rejectSpecKey({
  key,
  prefix,
}: {
  key: string;
  prefix: string;
}): string | undefined {
  if (!key.startsWith(prefix)) return `key is outside the prefix ${prefix}`;
  if (!key.endsWith(".yaml")) return "key does not end in .yaml";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\\]/.test(key)) return "key has a control character or a backslash";
  const segments = key.split("/");
  if (segments.includes("..")) return "key has a '..' segment";
  if (segments.some((segment) => segment === "" || segment === "."))
    return "key has an empty segment";
  return undefined;
}
