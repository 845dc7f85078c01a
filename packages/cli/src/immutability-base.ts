/** The git revision whose versions count as built, for `validate`'s immutability check and `pin`'s refusals. */
import { findDefaultBase } from "@imagebuild/core";

/**
 * `--base` as given, else plan's default base (the merge base with main); when there is none, the reason,
 * so that only the immutability check is skipped.
 *
 * @example
 * await immutabilityBase({ base: undefined, repoDir: "/repo" }); // { revision: "3f2a…" }
 */
export async function immutabilityBase({
  base,
  repoDir,
}: {
  base: string | undefined;
  repoDir: string;
}): Promise<{ revision?: string; skipped?: string }> {
  if (base) return { revision: base };
  const found = await findDefaultBase({ repoDir });
  if (found.found) return { revision: found.commit };
  return { skipped: `${found.reason}; pass --base REF to compare with a revision` };
}
