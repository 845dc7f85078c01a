/** Delivers a signed GitHub push to the function and redelivers it while the answer is `accepted`. */
import { type SpecResult, validators, type WebhookAnswer } from "@imagebuild/schema";
import { sendGithubPush } from "../git-host/git-push-event.ts";

/** Redeliveries of a push answered `accepted` (each waits up to the function's response deadline). */
export const PUSH_REDELIVERIES = 40;

/** The function's final answer to a push. */
export interface PushAnswer {
  status: number;
  /** The raw body, as the function sent it. */
  body: string;
  /** The body parsed by the WebhookAnswer schema (`undefined` when it did not parse). */
  answer: WebhookAnswer | undefined;
}

/**
 * POSTs `payload` with one delivery id; a dispatch still running at the function's response
 * deadline is answered `accepted`, and redelivering the same id joins it, so the answer returned is
 * the real per-spec one (or the last `accepted` after `maxAttempts`).
 *
 * @example
 * const { status, answer } = await deliverPush({ url, secret, payload, delivery: randomUUID() });
 */
export async function deliverPush({
  url,
  secret,
  payload,
  delivery,
  maxAttempts = PUSH_REDELIVERIES,
  onRedeliver = () => {},
}: {
  url: string;
  secret: string;
  payload: unknown;
  delivery: string;
  maxAttempts?: number;
  onRedeliver?: () => void;
}): Promise<PushAnswer> {
  for (let attempt = 1; ; attempt++) {
    const { status, body } = await sendGithubPush({ url, secret, payload, delivery });
    const answer = parseWebhookAnswer(body);
    // An answer naming its job records is durable (FC has them): redelivering adds nothing.
    const accepted =
      answer !== undefined &&
      "status" in answer &&
      answer.status === "accepted" &&
      !("records" in answer);
    if (!accepted || attempt >= maxAttempts) return { status, body, answer };
    onRedeliver();
  }
}

/**
 * The per-spec results of an answer (none unless the push was processed).
 *
 * @example
 * resultsOf(parseWebhookAnswer(body)) // [{ file: "specs/a/1.0.yaml", status: "submitted", … }]
 */
export function resultsOf(answer: WebhookAnswer | undefined): SpecResult[] {
  return answer !== undefined && "results" in answer ? (answer.results ?? []) : [];
}

/**
 * The function's HTTP answer body through the WebhookAnswer schema; `undefined` when it is not
 * JSON or not a known answer.
 *
 * @example
 * parseWebhookAnswer('{"status":"ok"}') // { status: "ok" }
 */
export function parseWebhookAnswer(body: string): WebhookAnswer | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = validators.WebhookAnswer.safeParse(json);
  return parsed.ok ? parsed.value : undefined;
}
