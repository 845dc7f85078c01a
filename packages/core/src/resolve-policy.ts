/** A spec's rebuild policy: the tag policy (default immutable), an optional schedule checked as a cron, and the rebuild trigger checked against the tag. */
import { Cron } from "croner";
import type { SpecPolicy } from "@imagebuild/schema";
import { memoizeByText } from "./memoize-by-text.ts";
import type { ProblemAt } from "./problem-locator.ts";
import type { Problem, ResolvedSpec } from "./types.ts";

/**
 * Resolves `policy` and reports a schedule croner cannot parse (6 fields, seconds first, UTC).
 *
 * @example
 * resolvePolicy({ schedule: "0 0 3 * * 1" }, problemAt); // { policy: { tag: "immutable", schedule: "0 0 3 * * 1" }, problems: [] }
 */
export function resolvePolicy(
  policy: SpecPolicy | undefined,
  problemAt: ProblemAt,
): { policy: ResolvedSpec["policy"]; problems: Problem[] } {
  const resolved: ResolvedSpec["policy"] = {
    tag: policy?.tag ?? "immutable",
    ...(policy?.rebuild !== undefined ? { rebuild: policy.rebuild } : {}),
  };
  const problems: Problem[] = [];
  if (resolved.rebuild === "on-base-change" && resolved.tag === "immutable") {
    problems.push(
      problemAt(
        "policy-rebuild",
        ["policy", "rebuild"],
        "policy.rebuild: on-base-change rebuilds the image when a base changes, but policy.tag is immutable, so the tag can never be rebuilt: set policy.tag to overwrite (replace the tag) or dated (push <version>-<yyyymmdd>)",
      ),
    );
  }
  if (policy?.schedule !== undefined) {
    resolved.schedule = policy.schedule;
    const cronError = cronProblem(policy.schedule);
    if (cronError !== undefined) {
      problems.push(
        problemAt("policy-schedule", ["policy", "schedule"], `policy.schedule: ${cronError}`),
      );
    }
  }
  return { policy: resolved, problems };
}

/** Why croner refuses a pattern, or undefined; most specs share a handful of patterns. */
const cronProblem = memoizeByText((pattern): string | undefined => {
  try {
    new Cron(pattern, { paused: true, timezone: "UTC" }).stop();
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, "");
  }
});
