/** The base-change timer's pipeline: rebuild the `on-base-change` specs whose base images have new digests, once per digest. */
import { baseChangeSlot, BASE_CHANGE_SLOT_PREFIX } from "./build-slot.ts";
import { type BuildSpecsContext, buildSpecs, type SpecOutcome } from "./build-specs.ts";
import { type BaseChange, findBaseChanges } from "./find-base-changes.ts";
import { prepareBuild } from "./prepare-build.ts";
import type { SpecSource } from "./types.ts";

/**
 * Loads every spec of `source` with `policy.rebuild: on-base-change`, compares each one's current image
 * with its bases' registries (`findBaseChanges`) and submits the changed ones in the slot
 * `baseChangeSlot(new digests)`, so a retried or a later tick that sees the same digests builds nothing
 * new. `now` (the tick) dates a `dated` tag (a day tag already built is left for the next day's tick);
 * `overwrite` replaces the tag. Unchanged and unknown specs come back `skipped` with the reason;
 * `changes` has every verdict.
 *
 * @example
 * const { outcomes, changes } = await buildBaseChanges({ source, now: tick, context });
 * changes.filter((c) => c.status === "changed").map((c) => c.file); // ["specs/busybox-hello/1.0.0.yaml"]
 */
export async function buildBaseChanges({
  source,
  now,
  context,
}: {
  source: SpecSource;
  now: Date;
  context: BuildSpecsContext;
}): Promise<{ outcomes: SpecOutcome[]; changes: BaseChange[] }> {
  let changes: BaseChange[] = [];
  const outcomes = await buildSpecs({
    source,
    select: (spec) => spec.policy.rebuild === "on-base-change",
    // Prepared once to resolve each spec's RegistryAuths for the comparison; the changed ones are
    // prepared again in their base slot.
    slotFor: () => ({ slot: `${BASE_CHANGE_SLOT_PREFIX}compare`, now }),
    choose: async (items, reader) => {
      changes = await findBaseChanges({
        items,
        client: context.client,
        reader,
        ratePerSecond: context.config.ratePerSecond,
        signal: context.signal,
      });
      const chosen: typeof items = [];
      const left: SpecOutcome[] = [];
      for (const [index, change] of changes.entries()) {
        const item = items[index];
        if (!item) continue;
        if (
          change.status === "changed" &&
          item.spec.policy.tag === "dated" &&
          change.imageUri === item.request.Image.Uri
        ) {
          // A day tag is built once: the next day's tick builds the new digest under its own tag.
          const reason = `a base changed, but today's tag ${change.imageUri} is already built; the next day's tick builds a new dated tag`;
          left.push({ file: change.file, status: "skipped", reason });
        } else if (change.status === "changed") {
          const slot = baseChangeSlot(change.bases);
          chosen.push(
            prepareBuild(item.spec, { slot, now, env: context.env as NodeJS.ProcessEnv }),
          );
          context.log.info("base changed", {
            file: change.file,
            image: change.imageUri,
            changed: change.changed.map((base) => `${base.reference}: ${base.was} → ${base.now}`),
            slot,
          });
        } else if (change.status === "failed") {
          left.push(change);
        } else {
          const reason =
            change.status === "unchanged"
              ? `bases unchanged since ${change.imageUri} was built`
              : `base change unknown: ${change.reason}`;
          left.push({ file: change.file, status: "skipped", reason });
        }
      }
      return { items: chosen, outcomes: left };
    },
    context,
  });
  return { outcomes, changes };
}
