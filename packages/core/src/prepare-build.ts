/** Prepares one build: the request to send and its deterministic ClientToken for a trigger slot. */
import { attemptSlot, CONTENT_SLOT } from "./build-slot.ts";
import { clientTokenFor } from "./client-token-for.ts";
import { renderRequest } from "./render-request.ts";
import type { DispatchItem, ResolvedSpec } from "./types.ts";

/** Options of `prepareBuild`. */
export interface PrepareBuildOptions {
  /** `resolve` (default): the request carries credential values; `reference`: placeholders, safe to print. */
  secrets?: "resolve" | "reference";
  /** The trigger slot (`CONTENT_SLOT` by default, `scheduleSlot(run)` for timers). */
  slot?: string;
  /** Fixes the date of a `dated` tag; default now. */
  now?: Date;
  /** Where credential references are read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Renders the spec with secret *references* for the ClientToken (a rotated credential keeps the token)
 * and, unless `secrets: "reference"`, again with the values for the request actually sent. The item's
 * `tokenForAttempt(n)` is the token of rebuild attempt n (attempt 1 is `clientToken`). Throws
 * `SecretMissingError` (naming the variable, never a value) when a referenced credential is unset.
 *
 * @example
 * const item = prepareBuild(spec, { env: process.env });
 * await dispatch({ client, items: [item] });
 * prepareBuild(spec, { secrets: "reference" }).clientToken; // what `imagebuild render` prints
 */
export function prepareBuild(
  spec: ResolvedSpec,
  {
    secrets = "resolve",
    slot = CONTENT_SLOT,
    now = new Date(),
    env = process.env,
  }: PrepareBuildOptions = {},
): DispatchItem {
  const referenced = renderRequest(spec, { secrets: "reference", env, now });
  const request = secrets === "reference" ? referenced : renderRequest(spec, { secrets, env, now });
  return {
    spec,
    request,
    clientToken: clientTokenFor({ request: referenced, slot }),
    tokenForAttempt: (attempt) =>
      clientTokenFor({ request: referenced, slot: attemptSlot(slot, attempt) }),
  };
}
