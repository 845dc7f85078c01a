/** A webhook body as JSON, whether sent as `application/json` or as a form with a `payload` field. */
import { SchemaValidationError } from "@imagebuild/schema";
import { headerValue } from "../headers.ts";
import type { WebhookHeaders } from "../providers/git-provider.ts";

/**
 * Parses the raw body. GitHub's `application/x-www-form-urlencoded` content type sends the JSON as
 * a `payload` field (the signature covered the raw form body). Throws `SchemaValidationError`
 * (schema `WebhookBody`) when it is not JSON.
 *
 * @example
 * parseWebhookJson({ body: Buffer.from('{"ref":"refs/heads/main"}'), headers: {} }) // { ref: "refs/heads/main" }
 */
export function parseWebhookJson({
  body,
  headers,
}: {
  body: Buffer;
  headers: WebhookHeaders;
}): unknown {
  const form = /^application\/x-www-form-urlencoded/i.test(
    headerValue(headers, "content-type") ?? "",
  );
  const text = form
    ? (new URLSearchParams(body.toString("utf8")).get("payload") ?? "")
    : body.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new SchemaValidationError({
      schema: "WebhookBody",
      source: "request body",
      issues: [
        {
          path: [],
          code: "invalid",
          message: "is not JSON (send application/json, or a form with a payload field)",
        },
      ],
    });
  }
}
