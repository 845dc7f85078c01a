/** Prepares many builds; a spec that cannot be rendered becomes a failed result instead of stopping the others. */
import { prepareBuild } from "./prepare-build.ts";
import type { DispatchItem, DispatchResult, ResolvedSpec } from "./types.ts";

/** A spec's slot: the ClientToken slot and the time that dates its tag, or undefined to leave it out. */
export type SlotFor = (spec: ResolvedSpec) => { slot: string; now?: Date } | undefined;

/** Code of a render failure whose error carries none. */
export const RENDER_FAILED = "RENDER_FAILED";

/**
 * Runs `prepareBuild` for each spec (with its `slotFor` slot; default the content slot at `now`).
 * A failure (typically `SECRET_MISSING`) keeps the error's `code` and message, which name the
 * variable and never a value, and is not retryable.
 *
 * @example
 * const { items, failures } = prepareBuilds({ specs, env: process.env });
 */
export function prepareBuilds({
  specs,
  slotFor,
  env = process.env,
  now,
}: {
  specs: readonly ResolvedSpec[];
  slotFor?: SlotFor | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  now?: Date | undefined;
}): { items: DispatchItem[]; failures: Extract<DispatchResult, { status: "failed" }>[] } {
  const items: DispatchItem[] = [];
  const failures: Extract<DispatchResult, { status: "failed" }>[] = [];
  for (const spec of specs) {
    const slot: { slot?: string; now?: Date } | undefined = slotFor ? slotFor(spec) : {};
    if (!slot) continue;
    const at = slot.now ?? now;
    try {
      const options = {
        env,
        ...(slot.slot ? { slot: slot.slot } : {}),
        ...(at ? { now: at } : {}),
      };
      items.push(prepareBuild(spec, options));
    } catch (error) {
      const { code = RENDER_FAILED, message = String(error) } = error as {
        code?: string;
        message?: string;
      };
      failures.push({
        file: spec.file,
        status: "failed",
        error: { code, message, retryable: false },
      });
    }
  }
  return { items, failures };
}
