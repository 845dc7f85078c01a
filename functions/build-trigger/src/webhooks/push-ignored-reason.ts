/** The allow-list checks every provider's push goes through: a branch, a configured repository and branch, not a deletion. */
import type { TriggerConfig } from "../config.ts";
import type { ParsedPush } from "../providers/git-provider.ts";

const BRANCH_REF_PREFIX = "refs/heads/";
const ZERO_SHA = /^0{40}$/;

/**
 * The branch name of `refs/heads/<branch>`, or undefined for tags and other refs.
 *
 * @example
 * branchOf("refs/heads/main") // "main"
 */
export function branchOf(ref: string): string | undefined {
  return ref.startsWith(BRANCH_REF_PREFIX) ? ref.slice(BRANCH_REF_PREFIX.length) : undefined;
}

/**
 * Why a verified push builds nothing (answered 202 `ignored`), or undefined when it may build.
 *
 * @example
 * pushIgnoredReason({ push, config }) // "branch dev is not configured"
 */
export function pushIgnoredReason({
  push,
  config,
}: {
  push: ParsedPush;
  config: TriggerConfig;
}): string | undefined {
  const branch = branchOf(push.ref);
  if (branch === undefined) return `${push.ref} is not a branch`;
  if (!config.allowedRepositories.includes(push.repository))
    return `repository ${push.repository} is not configured`;
  if (!config.allowedBranches.includes(branch)) return `branch ${branch} is not configured`;
  if (push.deleted || ZERO_SHA.test(push.after)) return "branch deleted";
  return undefined;
}
