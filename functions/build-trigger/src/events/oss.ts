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

/** OSS bucket naming rules: 3 to 63 lower-case letters, digits and hyphens, no hyphen at either end. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** Region ids as OSS endpoints spell them (`cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`). */
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+){1,4}$/;

/**
 * Why an event's bucket or region cannot be used to address OSS, or undefined when both can. Both
 * end up in the request's host name (`{bucket}.oss-{region}-internal.aliyuncs.com`), so anything but
 * a well-formed name could point the signed request, and its STS token, at another host.
 *
 * @example
 * rejectOssLocation({ bucket: "evil.example#", region: "cn-hangzhou" }) // "oss.bucket.name: …"
 */
export function rejectOssLocation({
  bucket,
  region,
}: {
  bucket: string;
  region: string;
}): string | undefined {
  if (!BUCKET_NAME.test(bucket))
    return `oss.bucket.name: ${JSON.stringify(bucket)} is not a valid OSS bucket name`;
  if (!REGION_ID.test(region)) return `region: ${JSON.stringify(region)} is not a valid region id`;
  return undefined;
}
