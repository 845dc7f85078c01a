/** The Function Compute 3.0 HTTP-trigger event, and the raw body exactly as the sender signed it. */
import { type FcHttpEvent, validators } from "@imagebuild/schema";

/**
 * Parses an HTTP-trigger event; errors name the field, e.g. `event: requestContext.http.method: …`.
 *
 * @example
 * const event = HttpEventSchema.parse(JSON.parse(buffer.toString("utf8")), { source: "event" });
 */
export const HttpEventSchema = validators.FcHttpEvent;

/** An HTTP-trigger event after parsing. */
export type HttpEvent = FcHttpEvent;

/**
 * The raw request body: base64-decoded when the gateway marked it binary, else the UTF-8 bytes.
 * Signatures are computed over these bytes, never over re-serialised JSON.
 *
 * @example
 * const body = rawBody(HttpEventSchema.parse(json)); // Buffer
 */
export function rawBody(event: HttpEvent): Buffer {
  const body = event.body ?? "";
  return event.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
}
