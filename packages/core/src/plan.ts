/** Compares specs at a base git ref with the head and says what a merge would build. */
import type { PaiClientLike } from "./pai-client-like.ts";
import type { PlanResult } from "./types.ts";

/** Options of `plan`. */
export interface PlanOptions {
  repoDir: string;
  /** Default: the merge base of HEAD with `main`. */
  base?: string;
  /** Default: the working tree. */
  head?: string;
  env?: string;
  specsDir?: string;
  /** When given, versions whose image already exists in the workspace are marked `skip`. */
  client?: PaiClientLike;
  /** Used for dated tags and their ClientTokens; default now. */
  now?: Date;
}

/**
 * Plans a merge.
 *
 * @example
 * const result = await plan({ repoDir: ".", base: "origin/main" });
 */
export async function plan(_options: PlanOptions): Promise<PlanResult> {
  throw new Error("not implemented");
}
